import Foundation

/// A section of the site in one language: its optional `_index` page and its pages.
struct Section: Sendable {
    var name: String
    var lang: String
    var url: String
    /// Index into `LinkedSite.pages` of `_index.<lang>.md`, if the section has one.
    var indexPage: PageID?
    /// Indices into `LinkedSite.pages`, in the section's order (newest first by default).
    var pages: [PageID]
    /// Pages of the section that exist only in other languages, in the same order; lists
    /// show them with a notice when the missing-translation policy is `notice`.
    var untranslated: [PageID] = []
    var settings: SectionSettings = SectionSettings()
    /// The newest date among `pages`: every page of the list shows it as its lastmod, and
    /// computing it per list page was quadratic in the section's size.
    var newest: SiteDate? = nil
    /// `pages` and `untranslated` merged in list order, computed once: a list page shows a
    /// slice of it, and merging per list page was quadratic in the section's size.
    var listing: [PageID] = []
}

/// The link stage's output: every page has its URL, translations are paired and sections
/// are collected, so the parse and render stages can look anything up.
struct LinkedSite: Sendable {
    var root: URL
    var config: SiteConfig
    var pages: [Page]
    var sections: [Section]
    var tags: [SiteTag]
    var references: References
    /// Content path (`members/yokohama`) → language → page index.
    var byContentPath: [String: [String: PageID]]
    /// Translation key → language → page index.
    var byTranslationKey: [String: [String: PageID]]
    /// Page index → its place in the newest-first order of the whole site.
    var recency: [Int]
    var diagnostics: [Diagnostic]
    /// Old addresses of pages, redirected to them.
    var aliases: [Alias] = []
    /// The moment the site is built for.
    var schedule = Schedule(now: 0)
    /// The events not yet over at that moment.
    var upcoming: Set<PageID> = []
    /// Page → the pages shown under it as related (`RelatedPages`), newest first.
    var related: [PageID: [PageID]] = [:]
    /// A session → its previous and next in its series (`SeriesPlace`).
    var series: [PageID: SeriesPlace] = [:]

    /// The other pages a page shows through its related list and series links: an edit to one
    /// of them renders it again.
    func neighbours(of i: PageID) -> [PageID] {
        (related[i] ?? []) + [series[i]?.previous, series[i]?.next].compactMap { $0 }
    }

    /// The events among `ids` with their times, soonest first (at the same time, by file).
    func soonestFirst(_ ids: some Sequence<PageID>) -> [(id: PageID, event: Schedule.EventTime)] {
        ids.compactMap { i in schedule.event(pages[i]).map { (i, $0) } }
            .sorted { ($0.event.start, pages[$0.id].sourcePath) < ($1.event.start, pages[$1.id].sourcePath) }
    }

    /// The same tag in every language: the same slug, or a row of site.yaml's
    /// `tagTranslations` naming both.
    func translations(of tag: TagID) -> [TagID] {
        let partners = Set(partners(of: tag))
        return tags.indices.map(TagID.init).filter { t in
            t == tag || partners.contains(LanguageKey(lang: tags[t].lang, name: tags[t].slug))
        }
    }

    /// Where the tag's translations are or would be, in every other language, whether or not
    /// such a tag exists: what a change to another page's tags must re-render it for.
    func partners(of tag: TagID) -> [LanguageKey] {
        let this = tags[tag]
        var keys: [LanguageKey] = []
        for code in config.languageCodes where code != this.lang {
            keys.append(LanguageKey(lang: code, name: this.slug))
            for row in config.tagTranslations where row[this.lang] == this.name {
                if let name = row[code] { keys.append(LanguageKey(lang: code, name: Slug.of(name))) }
            }
        }
        return keys
    }

    func translations(of id: PageID) -> [String: PageID] {
        byTranslationKey[pages[id].translationKey] ?? [pages[id].lang: id]
    }

    func home(_ lang: String) -> PageID? { byContentPath["index"]?[lang] }

    func languageRoot(_ lang: String) -> String { config.basePath + lang + "/" }

    /// The language's search page; its index lives beside it.
    func searchURL(_ lang: String) -> String { languageRoot(lang) + "search/" }

    /// The language's accessibility page (`accessibility:` in site.yaml).
    func accessibilityURL(_ lang: String) -> String { languageRoot(lang) + "accessibility/" }

    func section(_ name: String, lang: String) -> Section? {
        sections.first { $0.name == name && $0.lang == lang }
    }

    /// A list's title: its `_index` page's, else the name its language's menu gives it (a
    /// section with no page yet), else its name.
    func title(of section: Section) -> String {
        if let index = section.indexPage { return pages[index].title }
        let menu = config.language(section.lang)?.menuLinks ?? []
        return menu.first { !$0.isExternal && $0.path == section.name }?.name ?? section.name
    }
}
