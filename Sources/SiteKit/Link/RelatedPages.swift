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
        let eligible = { (i: PageID) in pages[i].kind == .single && sections.contains(pages[i].section) }
        var related: [PageID: [PageID]] = [:]
        for i in pages.pageIDs where eligible(i) {
            let lang = pages[i].lang
            let named = Set((references.outgoing[i] ?? [:]).values.joined())
            // Each list is newest first: the newest `limit` of their union are among the first
            // `limit` eligible pages of each, so no list is read further.
            var lists = named.sorted().compactMap { references.incoming[$0] }
            lists += pages[i].tags.compactMap { tagPages[LanguageKey(lang: lang, name: Slug.of($0))] }
            var found = Set<PageID>()
            for list in lists {
                var taken = 0
                for j in list where j != i && pages[j].lang == lang && eligible(j) {
                    found.insert(j)
                    taken += 1
                    if taken == limit { break }
                }
            }
            if !found.isEmpty { related[i] = Array(found.sorted { recency[$0] < recency[$1] }.prefix(limit)) }
        }
        return related
    }
}
