import Mustache

/// One content file in one language, as loaded: front matter read, body not yet rendered.
///
/// The fields live in one shared, copy-on-write box: the stages pass pages around and loop
/// over them, and copying a box is one retain where copying fifteen fields was fifteen.
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

    private final class Storage: @unchecked Sendable {
        // Mutated only through `Page`'s setters, and only after `isKnownUniquelyReferenced`.
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

        init(kind: Kind, sourcePath: String, lang: String, section: String, fileSlug: String,
             frontMatter: YAMLMapping, body: String, bodyFirstLine: Int, title: String, date: SiteDate?,
             draft: Bool, slug: String, translationKey: String, url: String, frontMatterHash: UInt64) {
            self.kind = kind
            self.sourcePath = sourcePath
            self.lang = lang
            self.section = section
            self.fileSlug = fileSlug
            self.frontMatter = frontMatter
            self.body = body
            self.bodyFirstLine = bodyFirstLine
            self.title = title
            self.date = date
            self.draft = draft
            self.slug = slug
            self.translationKey = translationKey
            self.url = url
            self.frontMatterHash = frontMatterHash
        }

        func copy() -> Storage {
            Storage(kind: kind, sourcePath: sourcePath, lang: lang, section: section, fileSlug: fileSlug,
                    frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine, title: title, date: date,
                    draft: draft, slug: slug, translationKey: translationKey, url: url, frontMatterHash: frontMatterHash)
        }
    }

    private var storage: Storage

    public init(kind: Kind, sourcePath: String, lang: String, section: String, fileSlug: String,
                frontMatter: YAMLMapping, body: String, bodyFirstLine: Int, title: String, date: SiteDate?,
                draft: Bool, slug: String, translationKey: String, url: String = "", frontMatterHash: UInt64 = 0) {
        storage = Storage(kind: kind, sourcePath: sourcePath, lang: lang, section: section, fileSlug: fileSlug,
                          frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine, title: title, date: date,
                          draft: draft, slug: slug, translationKey: translationKey, url: url,
                          frontMatterHash: frontMatterHash)
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var kind: Kind {
        get { storage.kind }
        set { unique().kind = newValue }
    }
    /// Relative to the site root, e.g. `Content/news/2021-01-28-agreement.ja.md`.
    public var sourcePath: String {
        get { storage.sourcePath }
        set { unique().sourcePath = newValue }
    }
    public var lang: String {
        get { storage.lang }
        set { unique().lang = newValue }
    }
    /// The folder under Content/ ("news"), "" for home and standalone pages.
    public var section: String {
        get { storage.section }
        set { unique().section = newValue }
    }
    /// The file name without language suffix and `.md`.
    public var fileSlug: String {
        get { storage.fileSlug }
        set { unique().fileSlug = newValue }
    }
    public var frontMatter: YAMLMapping {
        get { storage.frontMatter }
        set { unique().frontMatter = newValue }
    }
    public var body: String {
        get { storage.body }
        set { unique().body = newValue }
    }
    public var bodyFirstLine: Int {
        get { storage.bodyFirstLine }
        set { unique().bodyFirstLine = newValue }
    }
    public var title: String {
        get { storage.title }
        set { unique().title = newValue }
    }
    public var date: SiteDate? {
        get { storage.date }
        set { unique().date = newValue }
    }
    public var draft: Bool {
        get { storage.draft }
        set { unique().draft = newValue }
    }
    /// The URL segment: front matter `slug`, else the file slug.
    public var slug: String {
        get { storage.slug }
        set { unique().slug = newValue }
    }
    /// Pages with the same key in different languages are translations of each other.
    public var translationKey: String {
        get { storage.translationKey }
        set { unique().translationKey = newValue }
    }
    /// Root-relative URL, set by the link stage (`/ja/news/slug/`).
    public var url: String {
        get { storage.url }
        set { unique().url = newValue }
    }
    /// Hash of the front matter's text: equal hashes mean an edit changed only the body.
    public var frontMatterHash: UInt64 {
        get { storage.frontMatterHash }
        set { unique().frontMatterHash = newValue }
    }

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
