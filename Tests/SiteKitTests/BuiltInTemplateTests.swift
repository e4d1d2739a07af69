import Foundation
import Testing

@testable import SiteKit

/// Feeds, the sitemap, robots.txt and the root page come from templates built into the
/// binary, which a site replaces with a file of the same name in Templates/.
@Suite struct BuiltInTemplateTests {
    @Test func aSiteReplacesABuiltInTemplateWithItsOwnFile() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.remove("Public/robots.txt")  // a robots.txt in Public/ is copied instead
        try site.build()
        let builtInFeed = try site.read("ja/feed.xml")
        #expect(
            builtInFeed.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ja\">\n"
            ))
        #expect(
            try site.read("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/site/sitemap.xml\n")
        try site.write("Templates/robots.txt.mustache", "User-agent: *\nDisallow: /drafts/\n\nSitemap: {{{sitemap}}}\n")
        try site.write(
            "Templates/feed.xml.mustache", "<feed lang=\"{{lang}}\">{{#entries}}<e>{{title}}</e>{{/entries}}</feed>\n")
        try site.write(
            "Templates/root.html.mustache",
            "<!DOCTYPE html><title>{{title}}</title>{{#languages}}<a href=\"{{url}}\">{{label}}</a>{{/languages}}\n")
        try site.build()
        #expect(
            try site.read("robots.txt")
                == "User-agent: *\nDisallow: /drafts/\n\nSitemap: https://example.org/site/sitemap.xml\n")
        let feed = try site.read("ja/feed.xml")
        #expect(feed.hasPrefix("<feed lang=\"ja\"><e>") && feed.contains("<e>協定の締結</e>"), "\(feed)")
        #expect(
            try site.read("index.html").hasPrefix(
                "<!DOCTYPE html><title>テストサイト / Test Site</title><a href=\"/site/ja/\">テストサイト</a>"))
        #expect(
            try site.read("sitemap.xml").hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"),
            "the others stay built in")
    }

    @Test func aBrokenOverrideIsAPositionedErrorAndWritesNothing() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let before = try site.snapshot()
        try site.write("Templates/sitemap.xml.mustache", "{{#urls}}<loc>{{loc}}</loc>\n")
        let errors = site.buildErrors().map(\.description)
        #expect(errors.contains { $0.hasPrefix("Templates/sitemap.xml.mustache:1:1: error:") }, "\(errors)")
        #expect(try site.snapshot() == before)
    }

    @Test func controlCharactersNeverReachTheXML() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/news/2030-01-01-ctl.en.md", "---\ntitle: \"bell\\u0007 title\"\ndate: 2030-01-01\n---\n")
        try site.build()
        let feed = try site.read("en/feed.xml")
        #expect(feed.contains("<title>bell title</title>"))
        #expect(XMLElement.parse(feed) != nil)
    }

    @Test func theSitemapWrittenDirectlyEqualsTheBuiltInTemplate() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/news/2030-01-01-脱炭素.ja.md", "---\ntitle: \"A & B <c>\"\ndate: 2030-01-01\n---\n")
        let checked = try SiteBuilder(options: .init(source: site.root)).checkedForTests()
        let planner = JobPlanner(site: checked.linked.site)
        let jobs = planner.allJobs()
        let entries = jobs.filter { $0 != .notFound }.map { job -> SitemapWriter.Entry in
            let info = planner.info(job)
            return SitemapWriter.Entry(url: info.url, lastmod: info.lastmod, alternates: info.translations)
        }
        let writer = SitemapWriter(site: checked.linked.site, library: checked.library)
        let direct = writer.builtInBytes(entries)
        #expect(try writer.templated(entries) == direct)
        #expect(try writer.sitemap(entries) == direct)
        #expect(String(decoding: direct, as: UTF8.self).contains("%E8%84%B1%E7%82%AD%E7%B4%A0"))
    }
}
