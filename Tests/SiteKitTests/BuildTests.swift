import Foundation
import Testing

@testable import SiteKit

@Suite struct BuildTests {
    @Test func buildsEveryPageInBothLanguages() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let report = try site.build()
        for path in [
            "index.html", "ja/index.html", "en/index.html", "ja/news/index.html", "en/news/index.html",
            "ja/news/2021-01-28-agreement/index.html", "en/news/agreement/index.html",
            "ja/news/2019-06-03-old/index.html", "ja/about/index.html", "en/about/index.html",
            "ja/members/yokohama/index.html", "en/members/yokohama/index.html", "ja/members/index.html",
            "css/site.css", "robots.txt",
        ] {
            #expect(site.exists(path), "missing \(path)")
        }
        #expect(!site.exists("ja/news/2020-01-01-draft/index.html"), "drafts are not built by default")
        // css/site.css, robots.txt, and the stylesheet again under its fingerprinted name.
        #expect(report.filesCopied == 3)
        #expect(report.summary.contains("ja"))
        #expect(try site.read("css/site.css") == "body { color: #222; }\n")
    }

    @Test func pagesCarryLanguageURLsAndContent() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let news = try site.read("ja/news/2021-01-28-agreement/index.html")
        #expect(news.contains("<html lang=\"ja\">"))
        #expect(news.contains("<title>協定の締結 | テストサイト</title>"))
        #expect(news.contains("<time datetime=\"2021-01-28\">2021年1月28日（木）</time>"))
        #expect(news.contains("2020年度"))
        #expect(
            news.contains("<a href=\"/site/ja/members/yokohama/\">横浜市</a>と協定を結びました。"),
            "content links become the same-language URL and Japanese line breaks vanish")
        #expect(news.contains("<h2 id=\"詳細\">詳細</h2>"))
        #expect(!news.contains("<script>"), "raw HTML is removed by default")
        #expect(!news.contains("javascript:"), "javascript: URLs are removed")
        #expect(news.contains("aria-current=\"page\">ニュース</a>"))
        #expect(news.contains("<a href=\"/site/en/news/agreement/\" hreflang=\"en\" lang=\"en\">English</a>"))

        let english = try site.read("en/news/agreement/index.html")
        #expect(english.contains("<time datetime=\"2021-01-28\">28 January 2021</time>"))
        #expect(english.contains("FY2020"))
        #expect(english.contains("\u{201C}Quotes\u{201D} \u{2013} and dashes."), "smart punctuation is on")
        #expect(english.contains("href=\"/site/en/members/yokohama/\""))

        let about = try site.read("en/about/index.html")
        #expect(about.contains("href=\"/site/en/members/yokohama/#profile\""))
        let aboutJa = try site.read("ja/about/index.html")
        #expect(aboutJa.contains("<h2 id=\"設立の経緯\">"))
        #expect(aboutJa.contains("<h2 id=\"設立の経緯-1\">"), "heading ids are unique within a page")
    }

    @Test func listsAreNewestFirstAndHomeLinksLanguages() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let list = try site.read("ja/news/index.html")
        #expect(list.contains("<h1>ニュース一覧</h1>"))
        let newer = try #require(list.range(of: "協定の締結"))
        let middle = try #require(list.range(of: "Race to Zero dialogue"))
        #expect(newer.lowerBound < middle.lowerBound)
        #expect(!list.contains("古いお知らせ"), "two items per page in this fixture")
        #expect(try site.read("ja/news/page/2/index.html").contains("古いお知らせ"))
        #expect(list.contains("協定を結びました。"), "the summary falls back to the first paragraph")

        let root = try site.read("index.html")
        #expect(root.contains("url=/site/ja/"))
        #expect(root.contains("href=\"/site/en/\""))
        #expect(root.contains("hreflang=\"x-default\""))
        let home = try site.read("ja/index.html")
        #expect(home.contains("イクレイ日本のテストです。"))
        #expect(home.contains("<a href=\"/site/ja/news/2021-01-28-agreement/\">協定の締結</a>"))
    }

    @Test func draftsAreBuiltOnRequest() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build(drafts: true)
        #expect(site.exists("ja/news/2020-01-01-draft/index.html"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let other = site.root.appendingPathComponent("Output2")
        try site.build()
        try site.build(output: other)
        let first = try site.snapshot()
        let second = try site.snapshot(other)
        #expect(first.count > 10)
        #expect(first == second)
    }

    @Test func aOneShotBuildThatFreesTheSourcesWritesTheSameSite() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        var options = SiteBuilder.Options(source: site.root, output: site.root.appendingPathComponent("Output2"))
        options.keepSourcesInMemory = false
        options.cacheFolder = nil
        var cache = PreviousBuild()
        try SiteBuilder(options: options).build(previous: &cache)
        #expect(try site.snapshot() == site.snapshot(options.output))
        #expect(cache.load.entries.isEmpty && cache.parse.entries.isEmpty, "nothing holds the Markdown text")
        #expect(cache.link == nil)
        #expect(cache.render.values?.site.pages.allSatisfy { $0.body.isEmpty } == true)
    }

    @Test func aFailedBuildLeavesThePreviousOutputAsItWas() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let before = try site.snapshot()
        try site.write("Content/news/broken.ja.md", "---\ntitle: [unclosed\ndate: 2021-01-01\n---\n")
        #expect(!site.buildErrors().isEmpty)
        #expect(try site.snapshot() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter {
            $0.contains("staging")
        }
        #expect(leftovers.isEmpty, "the staging folder is removed after a failure")
    }

    @Test func aSuccessfulRebuildReplacesRemovedPages() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        try site.remove("Content/news/2019-06-03-old.ja.md")
        try site.build()
        #expect(!site.exists("ja/news/2019-06-03-old/index.html"))
        #expect(site.exists("ja/news/2021-01-28-agreement/index.html"))
    }

    @Test func refusesToWriteOverTheSources() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        #expect(throws: BuildFailure.self) { try site.build(output: site.root) }
        #expect(throws: BuildFailure.self) { try site.build(output: site.root.appendingPathComponent("Content")) }
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Content/site.yaml").path))
    }
}

@Suite struct OutputSafetyTests {
    @Test func aFolderIclei_siteDidNotWriteIsNeverReplaced() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let foreign = site.root.appendingPathComponent("Documents")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try "precious".write(to: foreign.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        do {
            try site.build(output: foreign)
            Issue.record("the build should refuse")
        } catch {
            #expect(error.diagnostics.first?.message.contains("refusing to replace") == true)
        }
        #expect(try String(contentsOf: foreign.appendingPathComponent("keep.txt"), encoding: .utf8) == "precious")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.root.path).allSatisfy { !$0.contains("staging") })
    }

    @Test func emptyFoldersAndPreviousOutputsAreReplaced() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try site.build()
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(SiteWriter.marker).path))
        try site.build()
        #expect(site.exists("ja/index.html"))
    }
}
