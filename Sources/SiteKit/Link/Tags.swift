/// A tag in one language and the pages that carry it (front matter `tags`).
public struct SiteTag: Sendable {
    public var name: String
    public var slug: String
    public var lang: String
    public var url: String
    /// Newest first.
    public var pages: [Int]
}

enum TagCollector {
    static func collect(_ pages: [Page], config: SiteConfig) -> [SiteTag] {
        var tags: [String: SiteTag] = [:]
        for (i, page) in pages.enumerated() where page.kind == .single {
            for name in page.frontMatter["tags"]?.items.compactMap(\.text) ?? [] {
                let slug = HeadingIDs.slug(name)
                let id = page.lang + "\u{0}" + slug
                var tag = tags[id] ?? SiteTag(name: name, slug: slug, lang: page.lang,
                                          url: config.basePath + page.lang + "/tags/" + slug + "/", pages: [])
                if tag.pages.last != i { tag.pages.append(i) }
                tags[id] = tag
            }
        }
        return tags.values.map { tag in
            var tag = tag
            tag.pages.sort { SiteLinker.newestFirst(pages[$0], pages[$1]) }
            return tag
        }.sorted { ($0.lang, $0.slug) < ($1.lang, $1.slug) }
    }
}
