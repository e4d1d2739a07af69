import Foundation
import Testing

@testable import SiteKit

/// What `check --links` fetches: the content's external links with their places.
@Suite struct ExternalLinkTests {
    @Test func bodiesAndURLFieldsWithTheirPlacesButNotOwnOrMailLinks() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let yaml = try String(contentsOf: site.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try site.write(
            "Content/site.yaml",
            yaml.replacingOccurrences(
                of: "      kind: {type: text}\n", with: "      kind: {type: text}\n      website: {type: url}\n"))
        try site.write(
            "Content/members/kyoto.ja.md",
            "---\ntitle: 京都市\nreading: きょうとし\nwebsite: https://www.city.kyoto.lg.jp/\n---\n\n京都市の紹介。\n")
        try site.write(
            "Content/news/2021-03-01-links.ja.md",
            """
            ---
            title: リンク
            date: 2021-03-01
            ---

            詳しくは[環境省](https://www.env.go.jp/press/#list)へ。[メール](mailto:a@example.jp)、[会員](/ja/members/)、
            ![写真](http://example.jp/a.png) と <https://iclei.org/> と [内部](@/news/2021-01-28-agreement.md)
            """)
        let links = try SiteBuilder(options: .init(source: site.root)).externalLinks()
        #expect(
            links.prefix(3).map { "\($0.file):\($0.line):\($0.column) \($0.url)" } == [
                "Content/members/kyoto.ja.md:4:1 https://www.city.kyoto.lg.jp/",
                "Content/news/2021-03-01-links.ja.md:6:5 https://www.env.go.jp/press/#list",
                "Content/news/2021-03-01-links.ja.md:7:1 http://example.jp/a.png",
            ])
        // An autolink's line is right; its column is libcmark's, which it counts wrongly past
        // the first line of a paragraph (the existing link checks share this).
        #expect(links.count == 4 && links[3].url == "https://iclei.org/" && links[3].line == 7)
        #expect(links[1].address == "https://www.env.go.jp/press/")
    }

    @Test func aSiteThatCannotBeReadGivesItsErrors() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/site.yaml", "baseURL: [\n")
        #expect(throws: BuildFailure.self) { try SiteBuilder(options: .init(source: site.root)).externalLinks() }
    }
}
