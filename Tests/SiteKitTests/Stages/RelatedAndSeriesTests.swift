import Foundation
import Mustache
import Testing

@testable import SiteKit

/// Related items (pages sharing a named member or a tag, newest first, at most five, in the
/// page's language, never the page itself) and a session's previous and next in its series,
/// both computed by the link stage and shown as they are by render.
@Suite struct RelatedAndSeriesTests {
    static let config = """
        baseURL: https://example.org/
        defaultLanguage: ja
        languages:
          - {code: ja, name: 日本語, locale: ja_JP, title: サイト}
          - {code: en, name: English, locale: en_US, title: Site}
        sections:
          news:
            kind: articles
            fields:
              members: {type: reference, section: members}
          cafe:
            kind: sessions
            fields:
              start: {type: datetime, role: start}
              number: {type: int, role: sequence}
              presenters: {type: reference, section: members}
          members: {kind: profiles}
        """

    static func page(_ front: String, body: String = "本文。") -> String { "---\n\(front)\n---\n\n\(body)\n" }

    static let files: [String: String] = [
        "Content/members/kyoto.ja.md": page("title: 京都市"),
        "Content/members/kyoto.en.md": page("title: Kyoto"),
        "Content/members/sapporo.ja.md": page("title: 札幌市"),
        "Content/news/2025-01-01-a.ja.md": page("title: A\ndate: 2025-01-01\nmembers: [kyoto]"),
        "Content/news/2025-02-01-b.ja.md": page("title: B\ndate: 2025-02-01\nmembers: [sapporo]"),
        "Content/news/2025-03-01-c.ja.md": page("title: C\ndate: 2025-03-01\nmembers: [kyoto, sapporo]"),
        "Content/news/2025-04-01-d.ja.md": page("title: D\ndate: 2025-04-01\ntags: [気候]"),
        "Content/news/2025-05-01-e.ja.md": page("title: E\ndate: 2025-05-01\ntags: [気候]\nmembers: [kyoto]"),
        "Content/news/2025-05-01-e.en.md": page("title: E\ndate: 2025-05-01\nmembers: [kyoto]"),
        "Content/cafe/2024-06-cafe-1.ja.md": page("title: 一\nstart: 2024-06-10T15:00\nnumber: 1\npresenters: [kyoto]"),
        "Content/cafe/2024-09-cafe-2.ja.md": page("title: 二\nstart: 2024-09-10T15:00\nnumber: 2"),
        "Content/cafe/2025-01-cafe-3.ja.md": page("title: 三\nstart: 2025-01-15T15:00\nnumber: 3"),
        "Content/cafe/2025-01-cafe-3.en.md": page("title: Three\nstart: 2025-01-15T15:00\nnumber: 3"),
    ]

    func linked(_ files: [String: String] = Self.files) throws -> LinkedSite {
        let site = try InMemorySite(configText: Self.config, files: files).linked()
        #expect(site.diagnostics.filter { $0.severity == .error }.isEmpty, "\(site.diagnostics)")
        return site
    }

    func titles(_ ids: [PageID]?, _ site: LinkedSite) -> [String] { (ids ?? []).map { site.pages[$0].title } }

    func id(_ path: String, _ site: LinkedSite) throws -> PageID {
        try #require(site.pages.pageIDs.first { site.pages[$0].sourcePath == path }, "\(path)")
    }

    @Test func relatedThroughASharedMemberOrTagNewestFirstInTheSameLanguage() throws {
        let site = try linked()
        // A names kyoto: C and E as news, and the session kyoto presents; not B (sapporo only).
        #expect(titles(site.related[try id("Content/news/2025-01-01-a.ja.md", site)], site) == ["E", "C", "一"])
        // E shares kyoto with A, C and session 1, and its tag with D.
        #expect(titles(site.related[try id("Content/news/2025-05-01-e.ja.md", site)], site) == ["D", "C", "A", "一"])
        #expect(site.related[try id("Content/news/2025-05-01-e.en.md", site)] == nil, "no other English page shares")
        #expect(site.related[try id("Content/cafe/2024-09-cafe-2.ja.md", site)] == nil, "it shares nothing")
        #expect(site.related[try id("Content/members/kyoto.ja.md", site)] == nil, "profiles name no one")
    }

    @Test func atMostFiveAndNeverThePageItself() throws {
        var files = Self.files
        for n in 1...8 {
            files["Content/news/2024-0\(n)-01-t\(n).ja.md"] = Self.page("title: T\(n)\ndate: 2024-0\(n)-01\ntags: [気候]")
        }
        let site = try linked(files)
        let d = try id("Content/news/2025-04-01-d.ja.md", site)
        #expect(titles(site.related[d], site) == ["E", "T8", "T7", "T6", "T5"])
        for (page, related) in site.related { #expect(!related.contains(page)) }
    }

    @Test func sessionsFollowEachOtherByStartInEachLanguage() throws {
        let site = try linked()
        let (one, two, three) = (
            try id("Content/cafe/2024-06-cafe-1.ja.md", site), try id("Content/cafe/2024-09-cafe-2.ja.md", site),
            try id("Content/cafe/2025-01-cafe-3.ja.md", site)
        )
        #expect(site.series[one] == SeriesPlace(previous: nil, next: two))
        #expect(site.series[two] == SeriesPlace(previous: one, next: three))
        #expect(site.series[three] == SeriesPlace(previous: two, next: nil))
        #expect(site.series[try id("Content/cafe/2025-01-cafe-3.en.md", site)] == SeriesPlace())
        #expect(site.series[try id("Content/news/2025-01-01-a.ja.md", site)] == nil, "news is no series")
    }

    func rendered(_ url: String, template: String) throws -> String {
        let site = try linked()
        let library = try TemplateLibrary(sources: [
            .init(name: "single", file: "Templates/single.mustache", source: template)
        ])
        let renderer = PageRenderer(
            site: site, values: PageValues(site: site, markdown: InMemorySite.markdown(site)), library: library,
            i18n: [:])
        let planner = JobPlanner(site: site)
        let job = try #require(planner.allJobs().first { planner.info($0).url == url }, "no job for \(url)")
        return String(decoding: try renderer.render(job, info: planner.info(job)).get().html, as: UTF8.self)
    }

    @Test func templatesSeeTheNeighboursNumberedAndTheRelatedItems() throws {
        let series =
            "{{#page.series}}{{#previous}}<{{numbered}} {{title}} {{url}}{{/previous}}|{{#next}}{{numbered}} {{title}} {{url}}>{{/next}}{{/page.series}}"
        #expect(
            try rendered("/ja/cafe/2024-09-cafe-2/", template: series)
                == "<第1回 一 /ja/cafe/2024-06-cafe-1/|第3回 三 /ja/cafe/2025-01-cafe-3/>")
        #expect(try rendered("/ja/cafe/2024-06-cafe-1/", template: series) == "|第2回 二 /ja/cafe/2024-09-cafe-2/>")
        #expect(try rendered("/en/cafe/2025-01-cafe-3/", template: series) == "", "alone in its language")
        let related = "{{#page.hasRelated}}{{#page.related}}{{title}} {{url}};{{/page.related}}{{/page.hasRelated}}"
        #expect(
            try rendered("/ja/news/2025-01-01-a/", template: related)
                == "E /ja/news/2025-05-01-e/;C /ja/news/2025-03-01-c/;一 /ja/cafe/2024-06-cafe-1/;")
        #expect(try rendered("/ja/cafe/2024-09-cafe-2/", template: related) == "")
    }
}

/// The bundled site: a news item lists related items, a cafe session links its neighbours.
@Suite struct BundledSiteNeighbourTests {
    @Test func newsHasRelatedItemsAndTheCafeIsASeries() throws {
        let output = try BundledSite.build(into: "neighbours")
        defer { try? FileManager.default.removeItem(at: output) }
        func read(_ path: String) throws -> String {
            try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        }
        let news = try read("ja/news/2025-01-15-cafe-4-2025/index.html")
        let related = try #require(
            news.range(of: "<section class=\"related-items\"").map { String(news[$0.lowerBound...]) })
        let links = related.components(separatedBy: "class=\"item-title\" href=\"").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        #expect((1...5).contains(links.count) && links.allSatisfy { $0.hasPrefix("/ja/") }, "\(links)")
        #expect(!links.contains("/ja/news/2025-01-15-cafe-4-2025/"), "never the page itself")
        let cafe = try read("ja/cafe/2018-07-network-meeting/index.html")
        #expect(cafe.contains("<link rel=\"prev\" href=\"/ja/cafe/2018-06-sdgs-1/\">"))
        #expect(cafe.contains("<link rel=\"next\" href=\"/ja/cafe/2018-09-sdgs-2/\">"))
        #expect(cafe.contains("<nav class=\"series\" aria-label=\"前後の回\">"))
        let last = try read("ja/cafe/2020-12-special-cop15/index.html")
        #expect(last.contains("<a href=\"/ja/cafe/2025-01-cafe-4/\" rel=\"next\">"))
        #expect(!last.contains("第4回 第4回"), "the title says the number already")
        let english = try read("en/cafe/2020-12-special-cop15/index.html")
        #expect(
            english.contains(
                "<span class=\"series-direction\">Next session</span> <span class=\"series-title\">Session 4 4th ICLEI Cafe"
            ))
    }
}

/// The same on the fixture site, built: a series of three sessions, related items through a
/// shared member, and a bare video address stopping the build at its line.
@Suite struct FixtureNeighbourTests {
    @Test func threeSessionsLinkEachOtherAndASharedMemberRelatesPages() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/cafe/2019-10-cafe-3.ja.md",
            "---\ntitle: 中間の回\ndate: 2019-10-01\nnumber: 3\npresenters: [yokohama]\n---\n\n本文。\n")
        try site.build()
        let middle = try site.read("ja/cafe/2019-10-cafe-3/index.html")
        #expect(middle.contains("<link rel=\"prev\" href=\"/site/ja/cafe/2018-07-cafe-1/\">"))
        #expect(middle.contains("<link rel=\"next\" href=\"/site/ja/cafe/2021-02-cafe-5/\">"))
        #expect(middle.contains("<a rel=\"next\" href=\"/site/ja/cafe/2021-02-cafe-5/\"> 第5回イクレイカフェ</a>"))
        let first = try site.read("ja/cafe/2018-07-cafe-1/index.html")
        #expect(first.contains("<link rel=\"next\" href=\"/site/ja/cafe/2019-10-cafe-3/\">"))
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("<a rel=\"next\" href=\"/site/ja/cafe/2019-10-cafe-3/\">第3回 中間の回</a>"))
        // The agreement names yokohama, which sessions 1 and 3 have as presenter.
        let news = try site.read("ja/news/2021-01-28-agreement/index.html")
        let related = try #require(news.range(of: "<ul class=\"related-items\">").map { news[$0.upperBound...] })
        #expect(
            related.hasPrefix(
                "<li><a href=\"/site/ja/cafe/2019-10-cafe-3/\">中間の回</a> 2019年10月1日（火）</li><li><a href=\"/site/ja/cafe/2018-07-cafe-1/\">第1回イクレイカフェ</a>"
            ), "\(related.prefix(300))")
    }

    @Test func aBareVideoAddressStopsTheBuildAtItsLine() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/cafe/2019-10-cafe-3.ja.md",
            "---\ntitle: 録画\ndate: 2019-10-01\n---\n\n録画です。\n\nhttps://youtu.be/abcDEF12345\n\n[地図](https://example.org/map)\n"
        )
        let errors = site.buildErrors()
        #expect(errors.map { "\($0.file):\($0.line):\($0.column)" } == ["Content/cafe/2019-10-cafe-3.ja.md:8:1"])
        #expect(errors.first?.message.contains("[title](https://youtu.be/abcDEF12345)") == true)
    }
}
