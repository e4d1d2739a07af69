/// One content file in one language, as loaded: front matter read, body not yet rendered.
struct Page: Sendable {
    enum Kind: Sendable, Equatable {
        /// `Content/index.<lang>.md`: the home page's text.
        case home
        /// `Content/<name>.<lang>.md`: a page outside any section.
        case standalone
        /// `Content/<section>/_index.<lang>.md`: a section's own title and intro.
        case sectionIndex
        /// `Content/<section>/<slug>.<lang>.md`.
        case single
    }

    var kind: Kind
    /// Relative to the site root, e.g. `Content/news/2021-01-28-agreement.ja.md`.
    var sourcePath: String
    var lang: String
    /// The folder under Content/ ("news"), "" for home and standalone pages.
    var section: String
    /// The file name without language suffix and `.md`.
    var fileSlug: String
    var frontMatter: YAMLMapping
    var body: String
    var bodyFirstLine: Int
    var title: String
    var date: SiteDate?
    var draft: Bool
    /// The URL segment: front matter `slug`, else the file slug.
    var slug: String
    /// Pages with the same key in different languages are translations of each other.
    var translationKey: String
    /// Root-relative URL, set by the link stage (`/ja/news/slug/`).
    var url = ""
    /// Hash of the front matter's text: equal hashes mean an edit changed only the body.
    var frontMatterHash: UInt64 = 0
    /// Front matter `summary`; lists fall back to the first paragraph.
    var summary: String?
    /// Front matter `tags`, in the order written.
    var tags: [String] = []
    /// Front matter `lastmod`, when the page says it changed after its `date`.
    var lastmod: SiteDate?
    /// Front matter `aliases`: the page's old addresses (`Alias`).
    var aliases: [String] = []
    /// When the page last changed, as it shows (最終更新日), the sitemap and JSON-LD say: its
    /// `lastmod`, else its file's day from `FileDates`; set by the link stage.
    var updated: SiteDate?
    /// Front matter `publishDate`: the page is not built before this moment.
    var publishDate: SiteDate?
    /// Front matter `expiryDate`: the page is not built from this moment on.
    var expiryDate: SiteDate?

    /// The content path that links use: `news/2021-01-28-agreement` (no language, no `.md`).
    var contentPath: String {
        switch kind {
        case .home: return "index"
        case .standalone: return fileSlug
        case .sectionIndex: return section + "/_index"
        case .single: return section + "/" + fileSlug
        }
    }

    /// Path of the page under its language root, without slashes at either end ("" for home).
    var relativeURLPath: String {
        switch kind {
        case .home: return ""
        case .standalone: return slug
        case .sectionIndex: return section
        case .single: return section + "/" + slug
        }
    }
}
