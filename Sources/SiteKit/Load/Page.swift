/// One content file in one language, as loaded: front matter read, body not yet rendered.
///
/// The fields live in one shared, copy-on-write box: the stages pass pages around and loop
/// over them, and copying a box is one retain where copying twenty fields was twenty
/// (PERFORMANCE.md, the table of tricks).
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

    private struct Fields: Sendable {
        var kind: Kind
        var sourcePath: String
        var lang: String
        var section: String
        var fileSlug: String
        var frontMatter: YAMLMapping
        var body: String
        var bodyFirstLine: Int
        var title: String
        var date: SiteDate?
        var draft: Bool
        var slug: String
        var translationKey: String
        var url: String
        var frontMatterHash: UInt64
        var summary: String?
        var tags: [String]
        var lastmod: SiteDate?
        var aliases: [String]
        var publishDate: SiteDate?
        var expiryDate: SiteDate?
        var updated: SiteDate? = nil
    }

    /// Written only through `fields`, which copies it first unless this page is its only owner.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    init(
        kind: Kind, sourcePath: String, lang: String, section: String, fileSlug: String,
        frontMatter: YAMLMapping, body: String, bodyFirstLine: Int, title: String, date: SiteDate?,
        draft: Bool, slug: String, translationKey: String, url: String = "", frontMatterHash: UInt64 = 0,
        summary: String? = nil, tags: [String] = [], lastmod: SiteDate? = nil, aliases: [String] = [],
        publishDate: SiteDate? = nil, expiryDate: SiteDate? = nil
    ) {
        box = Box(
            Fields(
                kind: kind, sourcePath: sourcePath, lang: lang, section: section, fileSlug: fileSlug,
                frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine, title: title, date: date,
                draft: draft, slug: slug, translationKey: translationKey, url: url,
                frontMatterHash: frontMatterHash, summary: summary, tags: tags, lastmod: lastmod,
                aliases: aliases, publishDate: publishDate, expiryDate: expiryDate))
    }

    var kind: Kind {
        get { box.fields.kind }
        set { fields.kind = newValue }
    }
    /// Relative to the site root, e.g. `Content/news/2021-01-28-agreement.ja.md`.
    var sourcePath: String {
        get { box.fields.sourcePath }
        set { fields.sourcePath = newValue }
    }
    var lang: String {
        get { box.fields.lang }
        set { fields.lang = newValue }
    }
    /// The folder under Content/ ("news"), "" for home and standalone pages.
    var section: String {
        get { box.fields.section }
        set { fields.section = newValue }
    }
    /// The file name without language suffix and `.md`.
    var fileSlug: String {
        get { box.fields.fileSlug }
        set { fields.fileSlug = newValue }
    }
    var frontMatter: YAMLMapping {
        get { box.fields.frontMatter }
        set { fields.frontMatter = newValue }
    }
    var body: String {
        get { box.fields.body }
        set { fields.body = newValue }
    }
    var bodyFirstLine: Int {
        get { box.fields.bodyFirstLine }
        set { fields.bodyFirstLine = newValue }
    }
    var title: String {
        get { box.fields.title }
        set { fields.title = newValue }
    }
    var date: SiteDate? {
        get { box.fields.date }
        set { fields.date = newValue }
    }
    var draft: Bool {
        get { box.fields.draft }
        set { fields.draft = newValue }
    }
    /// The URL segment: front matter `slug`, else the file slug.
    var slug: String {
        get { box.fields.slug }
        set { fields.slug = newValue }
    }
    /// Pages with the same key in different languages are translations of each other.
    var translationKey: String {
        get { box.fields.translationKey }
        set { fields.translationKey = newValue }
    }
    /// Root-relative URL, set by the link stage (`/ja/news/slug/`).
    var url: String {
        get { box.fields.url }
        set { fields.url = newValue }
    }
    /// Hash of the front matter's text: equal hashes mean an edit changed only the body.
    var frontMatterHash: UInt64 {
        get { box.fields.frontMatterHash }
        set { fields.frontMatterHash = newValue }
    }

    /// Front matter `summary`; lists fall back to the first paragraph.
    var summary: String? { box.fields.summary }
    /// Front matter `tags`, in the order written.
    var tags: [String] { box.fields.tags }
    /// Front matter `aliases`: the page's old addresses (`Alias`).
    var aliases: [String] { box.fields.aliases }
    /// Front matter `lastmod`, when the page says it changed after its `date`.
    var lastmod: SiteDate? { box.fields.lastmod }
    /// When the page last changed, as it shows (最終更新日), the sitemap and JSON-LD say: its
    /// `lastmod`, else its file's day from `FileDates`; set by the link stage.
    var updated: SiteDate? {
        get { box.fields.updated }
        set { fields.updated = newValue }
    }
    /// Front matter `publishDate`: the page is not built before this moment.
    var publishDate: SiteDate? { box.fields.publishDate }
    /// Front matter `expiryDate`: the page is not built from this moment on.
    var expiryDate: SiteDate? { box.fields.expiryDate }

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
