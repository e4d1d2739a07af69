import Foundation

/// A section of the site in one language: its optional `_index` page and its pages.
public struct Section: Sendable {
    public var name: String
    public var lang: String
    public var url: String
    /// Index into `LinkedSite.pages` of `_index.<lang>.md`, if the section has one.
    public var indexPage: Int?
    /// Indices into `LinkedSite.pages`, in the section's order (newest first by default).
    public var pages: [Int]
    /// Pages of the section that exist only in other languages, in the same order; lists
    /// show them with a notice when the missing-translation policy is `notice`.
    public var untranslated: [Int] = []
    public var settings: SectionSettings = SectionSettings()
    /// The newest date among `pages`: every page of the list shows it as its lastmod, and
    /// computing it per list page was quadratic in the section's size.
    public var newest: SiteDate? = nil
    /// `pages` and `untranslated` merged in list order, computed once: a list page shows a
    /// slice of it, and merging per list page was quadratic in the section's size.
    public var listing: [Int] = []
}

/// The link stage's output: every page has its URL, translations are paired and sections
/// are collected, so the parse and render stages can look anything up.
public struct LinkedSite: Sendable {
    public var root: URL
    public var config: SiteConfig
    public var pages: [Page]
    public var sections: [Section]
    public var tags: [SiteTag]
    public var references: References
    /// Content path (`members/yokohama`) → language → page index.
    public var byContentPath: [String: [String: Int]]
    /// Translation key → language → page index.
    public var byTranslationKey: [String: [String: Int]]
    /// Page index → its place in the newest-first order of the whole site.
    public var recency: [Int]
    public var diagnostics: [Diagnostic]

    public func translations(of index: Int) -> [String: Int] {
        byTranslationKey[pages[index].translationKey] ?? [pages[index].lang: index]
    }

    public func home(_ lang: String) -> Int? { byContentPath["index"]?[lang] }

    public func languageRoot(_ lang: String) -> String { config.basePath + lang + "/" }

    public func section(_ name: String, lang: String) -> Section? {
        sections.first { $0.name == name && $0.lang == lang }
    }
}
