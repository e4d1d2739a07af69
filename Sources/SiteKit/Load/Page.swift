import Mustache

/// One content file in one language, as loaded: front matter read, body not yet rendered.
public struct Page: Sendable {
    public enum Kind: Sendable, Equatable {
        /// `Content/index.<lang>.md`: the home page's text.
        case home
        /// `Content/<name>.<lang>.md`: a page outside any section.
        case standalone
        /// `Content/<section>/_index.<lang>.md`: a section's own title and intro.
        case sectionIndex
        /// `Content/<section>/<slug>.<lang>.md`.
        case single
    }

    public var kind: Kind
    /// Relative to the site root, e.g. `Content/news/2021-01-28-agreement.ja.md`.
    public var sourcePath: String
    public var lang: String
    /// The folder under Content/ ("news"), "" for home and standalone pages.
    public var section: String
    /// The file name without language suffix and `.md`.
    public var fileSlug: String
    public var frontMatter: YAMLMapping
    public var body: String
    public var bodyFirstLine: Int

    public var title: String
    public var date: SiteDate?
    public var draft: Bool
    /// The URL segment: front matter `slug`, else the file slug.
    public var slug: String
    /// Pages with the same key in different languages are translations of each other.
    public var translationKey: String
    /// Root-relative URL, set by the link stage (`/ja/news/slug/`).
    public var url: String = ""
    /// Hash of the front matter's text: equal hashes mean an edit changed only the body.
    public var frontMatterHash: UInt64 = 0

    /// The content path that links use: `news/2021-01-28-agreement` (no language, no `.md`).
    public var contentPath: String {
        switch kind {
        case .home: return "index"
        case .standalone: return fileSlug
        case .sectionIndex: return section + "/_index"
        case .single: return section + "/" + fileSlug
        }
    }

    /// Path of the page under its language root, without slashes at either end ("" for home).
    public var relativeURLPath: String {
        switch kind {
        case .home: return ""
        case .standalone: return slug
        case .sectionIndex: return section
        case .single: return section + "/" + slug
        }
    }
}
