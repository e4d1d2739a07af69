/// An Atom feed per language (`/<lang>/feed.xml`) of the newest dated pages.
struct FeedWriter {
    let site: LinkedSite
    let values: PageValues
    var limit = 20

    func feed(lang: String) -> String {
        let config = site.config
        let language = config.language(lang)
        let sections = config.model.feedSections
        let entries = site.pages.indices
            .filter { site.pages[$0].lang == lang && site.pages[$0].kind == .single
                && sections.contains(site.pages[$0].section) && site.pages[$0].date != nil }
            .sorted { site.recency[$0] < site.recency[$1] }
            .prefix(limit)
        let home = config.origin + URLText.asciiOnly(site.languageRoot(lang))
        let updated = entries.first.flatMap { site.pages[$0].date?.rfc3339 } ?? "1970-01-01T00:00:00+09:00"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLText.escape(lang))">
        <title>\(XMLText.escape(language?.title ?? ""))</title>
        <subtitle>\(XMLText.escape(language?.description ?? ""))</subtitle>
        <link rel="self" type="application/atom+xml" href="\(XMLText.escape(home + "feed.xml"))"/>
        <link rel="alternate" type="text/html" href="\(XMLText.escape(home))"/>
        <id>\(XMLText.escape(home))</id>
        <updated>\(updated)</updated>
        <author><name>\(XMLText.escape(language?.title ?? ""))</name></author>

        """
        for i in entries {
            let page = site.pages[i]
            let url = XMLText.escape(config.origin + URLText.asciiOnly(page.url))
            let date = page.date?.rfc3339 ?? updated
            xml += "<entry>\n<title>\(XMLText.escape(page.title))</title>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n<id>\(url)</id>\n"
            xml += "<published>\(date)</published>\n<updated>\(date)</updated>\n"
            let summary = values.summaryText(i)
            if !summary.isEmpty { xml += "<summary>\(XMLText.escape(summary))</summary>\n" }
            for tag in page.frontMatter["tags"]?.items.compactMap(\.text) ?? [] {
                xml += "<category term=\"\(XMLText.escape(tag))\"/>\n"
            }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }
}

/// `/sitemap.xml`: every page, with `xhtml:link` alternates for its translations.
struct SitemapWriter {
    let site: LinkedSite

    struct Entry {
        var url: String
        var lastmod: SiteDate?
        /// Language → URL of every version, this one included.
        var alternates: [String: String]
    }

    func sitemap(_ entries: [Entry]) -> [UInt8] {
        let config = site.config
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 300)
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        put("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n")
        let origin = XMLText.escape(config.origin)
        for entry in entries.sorted(by: { $0.url < $1.url }) {
            put("<url>\n<loc>"); put(origin); put(XMLText.escape(URLText.asciiOnly(entry.url))); put("</loc>\n")
            if let lastmod = entry.lastmod { put("<lastmod>"); put(lastmod.iso); put("</lastmod>\n") }
            if entry.alternates.count > 1 {
                for language in config.languages {
                    guard let url = entry.alternates[language.code] else { continue }
                    put("<xhtml:link rel=\"alternate\" hreflang=\""); put(XMLText.escape(language.code))
                    put("\" href=\""); put(origin); put(XMLText.escape(URLText.asciiOnly(url))); put("\"/>\n")
                }
            }
            put("</url>\n")
        }
        put("</urlset>\n")
        return out
    }
}
