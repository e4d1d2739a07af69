/// A tag in one language and the pages that carry it (front matter `tags`).
struct SiteTag: Sendable {
    var name: String
    var slug: String
    var lang: String
    var url: String
    /// Newest first.
    var pages: [PageID]

    mutating func appendPage(_ i: PageID) {
        if pages.last != i { pages.append(i) }
    }
}

enum TagCollector {
    static func collect(_ pages: [Page], config: SiteConfig, recency: [Int]) -> [SiteTag] {
        var tags: [LanguageKey: SiteTag] = [:]
        var slugs: [String: String] = [:]
        for i in pages.pageIDs where pages[i].kind == .single {
            let page = pages[i]
            for name in page.tags {
                let slug = slugs[name] ?? Slug.of(name)
                slugs[name] = slug
                let id = LanguageKey(lang: page.lang, name: slug)
                // Appended in place: copying the tag out and back would copy its page list each time.
                tags[
                    id,
                    default: SiteTag(
                        name: name, slug: slug, lang: page.lang,
                        url: config.basePath + page.lang + "/tags/" + slug + "/", pages: [])
                ]
                .appendPage(i)
            }
        }
        return tags.values.map { tag in
            var tag = tag
            tag.pages.sort { recency[$0] < recency[$1] }
            return tag
        }.sorted { ($0.lang, $0.slug) < ($1.lang, $1.slug) }
    }
}
