import Mustache

/// An Atom feed per language (`/<lang>/feed.xml`) of the newest pages of the sections whose
/// model says `feed`, and one of each such section alone (`/<lang>/<section>/feed.xml`),
/// through the `feed.xml` template (built in, or the site's own).
struct FeedWriter {
    let site: LinkedSite
    let values: PageValues
    let library: TemplateLibrary
    var limit = 20
    /// Every page, newest first: each feed takes its first entries from it, so that the
    /// feeds made again on every build (one per language and section) cost no sort each.
    private let newestFirst: [PageID]

    init(site: LinkedSite, values: PageValues, library: TemplateLibrary) {
        self.site = site
        self.values = values
        self.library = library
        var order = [PageID](repeating: PageID(0), count: site.recency.count)
        for i in site.pages.pageIDs { order[site.recency[i]] = i }
        newestFirst = order
    }

    func feed(lang: String, section: String? = nil) throws(BuildFailure) -> [UInt8] {
        let config = site.config
        let language = config.language(lang)
        let sections = section.map { Set([$0]) } ?? config.model.feedSections
        let entries = Array(
            newestFirst.lazy
                .filter {
                    site.pages[$0].lang == lang && site.pages[$0].kind == .single
                        && sections.contains(site.pages[$0].section) && site.pages[$0].date != nil
                }
                .prefix(limit))
        let list = section.flatMap { site.section($0, lang: lang) }
        let home = config.origin + URLText.asciiOnly(list?.url ?? site.languageRoot(lang))
        let updated = entries.first.flatMap { site.pages[$0].date?.rfc3339 } ?? "1970-01-01T00:00:00+09:00"
        let items: [MustacheValue] = entries.map { i in
            let page = site.pages[i]
            let summary = XMLText.clean(values.summaryText(i))
            return .object([
                "title": .string(XMLText.clean(page.title)),
                "url": .string(config.origin + URLText.asciiOnly(page.url)),
                "date": .string(page.date?.rfc3339 ?? updated),
                "summary": summary.isEmpty ? .null : .string(summary),
                "tags": .list(
                    page.tags.map { .string(XMLText.clean($0)) }),
            ])
        }
        let context: MustacheValue = .object([
            "lang": .string(lang),
            "title": .string(
                XMLText.clean(
                    [list.map(site.title(of:)), language?.title].compactMap { $0 }.joined(
                        separator: " – "))),
            "description": .string(XMLText.clean(language?.description ?? "")), "home": .string(home),
            "updated": .string(updated), "entries": .list(items),
        ])
        return try BuiltInTemplates.render("feed.xml", context, library: library)
    }
}

/// `/sitemap.xml`: every page, with `xhtml:link` alternates for its translations, through the
/// `sitemap.xml` template.
struct SitemapWriter {
    let site: LinkedSite
    let library: TemplateLibrary

    struct Entry {
        var url: String
        var lastmod: SiteDate?
        /// Language → URL of every version, this one included.
        var alternates: [String: String]
    }

    func sitemap(_ entries: [Entry]) throws(BuildFailure) -> [UInt8] {
        // The sitemap is the one site file as large as the site: unless the site has its own
        // template, the built-in one's bytes are written directly (PERFORMANCE.md; a test
        // checks that both give the same bytes).
        if library.template("sitemap.xml")?.name == BuiltInTemplates.name("sitemap.xml") {
            return builtInBytes(entries)
        }
        return try templated(entries)
    }

    func templated(_ entries: [Entry]) throws(BuildFailure) -> [UInt8] {
        let config = site.config
        let origin = config.origin
        let urls: [MustacheValue] = entries.sorted(by: { $0.url < $1.url }).map { entry in
            var alternates: [MustacheValue] = []
            if entry.alternates.count > 1 {
                for language in config.languages {
                    guard let url = entry.alternates[language.code] else { continue }
                    alternates.append(
                        .object(["hreflang": .string(language.code), "href": .string(origin + URLText.asciiOnly(url))]))
                }
            }
            return .object([
                "loc": .string(origin + URLText.asciiOnly(entry.url)),
                "lastmod": entry.lastmod.map { .string($0.iso) } ?? .null, "alternates": .list(alternates),
            ])
        }
        return try BuiltInTemplates.render("sitemap.xml", .object(["urls": .list(urls)]), library: library)
    }

    /// What the built-in `sitemap.xml` template renders, written as bytes.
    func builtInBytes(_ entries: [Entry]) -> [UInt8] {
        let config = site.config
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 300)
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        put(
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        )
        let origin = XMLText.escape(config.origin)
        for entry in entries.sorted(by: { $0.url < $1.url }) {
            put("<url>\n<loc>")
            put(origin)
            put(XMLText.escape(URLText.asciiOnly(entry.url)))
            put("</loc>\n")
            if let lastmod = entry.lastmod {
                put("<lastmod>")
                put(lastmod.iso)
                put("</lastmod>\n")
            }
            if entry.alternates.count > 1 {
                for language in config.languages {
                    guard let url = entry.alternates[language.code] else { continue }
                    put("<xhtml:link rel=\"alternate\" hreflang=\"")
                    put(XMLText.escape(language.code))
                    put("\" href=\"")
                    put(origin)
                    put(XMLText.escape(URLText.asciiOnly(url)))
                    put("\"/>\n")
                }
            }
            put("</url>\n")
        }
        put("</urlset>\n")
        return out
    }
}
