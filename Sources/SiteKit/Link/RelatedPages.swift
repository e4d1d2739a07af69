/// Under a page of a section that names other pages in its front matter (a news item's
/// `members`, a cafe session's `presenters`: the content model's `reference` fields), the
/// pages of such sections in its language that share a named page or a tag with it: the
/// newest `limit`, never the page itself. Made here, where references and tags are known, so
/// that render only shows them and an edit elsewhere re-renders the pages whose list it changes.
enum RelatedPages {
    static let limit = 5

    static func collect(
        _ pages: [Page], config: SiteConfig, references: References, tags: [SiteTag], recency: [Int]
    ) -> [PageID: [PageID]] {
        let sections = Set(
            config.model.sections.values.filter { $0.fields.contains { $0.type == .reference } }.map(\.name))
        guard !sections.isEmpty else { return [:] }
        let tagPages = Dictionary(
            tags.map { (LanguageKey(lang: $0.lang, name: $0.slug), $0.pages) }, uniquingKeysWith: { a, _ in a })
        // Read once per page, not per candidate: lists are walked for every page.
        let eligible = pages.pageIDs.map { pages[$0].kind == .single && sections.contains(pages[$0].section) }
        let languages = config.languageCodes
        let language = pages.pageIDs.map { languages.firstIndex(of: pages[$0].lang) ?? -1 }
        let slugs = Dictionary(
            Set(pages.lazy.flatMap(\.tags)).map { ($0, Slug.of($0)) }, uniquingKeysWith: { a, _ in a })
        // Each page's list on its own: pages in parallel.
        let lists = pages.pageIDs.parallelMap { i -> [PageID] in
            guard eligible[i.index] else { return [] }
            let lang = pages[i].lang
            // Each list is newest first: the newest `limit` of their union are among the first
            // `limit` eligible pages of each, so no list is read further.
            var lists = Set((references.outgoing[i] ?? [:]).values.joined()).sorted().compactMap {
                references.incoming[$0]
            }
            for name in pages[i].tags {
                if let list = tagPages[LanguageKey(lang: lang, name: slugs[name] ?? name)] { lists.append(list) }
            }
            var found: [PageID] = []
            for list in lists {
                var taken = 0
                for j in list where j != i && language[j.index] == language[i.index] && eligible[j.index] {
                    if !found.contains(j) { found.append(j) }
                    taken += 1
                    if taken == limit { break }
                }
            }
            return Array(found.sorted { recency[$0] < recency[$1] }.prefix(limit))
        }
        var related: [PageID: [PageID]] = [:]
        for i in pages.pageIDs where !lists[i.index].isEmpty { related[i] = lists[i.index] }
        return related
    }
}
