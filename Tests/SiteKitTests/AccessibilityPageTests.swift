import Foundation
import Testing

@testable import SiteKit

/// The accessibility page (issue 35): made in each language from `accessibility:`, a row per
/// WCAG 2.0 criterion of the level, and a statement no stronger than the tests behind it.
@Suite struct AccessibilityPageTests {
    func page(_ settings: String, lang: String = "ja", template: String? = nil) throws -> String {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let yaml = try String(contentsOf: site.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try site.write("Content/site.yaml", yaml + settings)
        if let template { try site.write("Templates/accessibility.mustache", template) }
        try site.build()
        return try site.read("\(lang)/accessibility/index.html")
    }

    @Test func withoutATestByAPersonItSaysOnly配慮() throws {
        let html = try page("accessibility:\n  level: AA\n")
        #expect(html.contains("適合レベルAAに配慮しています"))
        #expect(!html.contains("準拠しています"))
        #expect(html.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 38)
        #expect(html.contains("<th scope=\"row\">2.4.4 リンクの目的（コンテキスト内）</th>"))
        #expect(html.contains("ビルド時の自動チェック：リンクテキスト"))
        #expect(
            html.contains(
                "<th scope=\"row\">1.4.3 コントラスト（最低限レベル）</th><td>AA</td><td><ul><li>CI のブラウザーテスト（axe-core）</li>"))
        #expect(
            html.contains(
                "<th scope=\"row\">3.2.3 一貫したナビゲーション</th><td>AA</td><td><ul><li>人による確認</li></ul></td><td>未試験</td>"))
    }

    @Test func aDatedTestGives一部準拠AndOneThatFoundEverythingMet準拠() throws {
        let partial = try page("accessibility:\n  tested: 2026-11-30\n  scope: {en: The news pages}\n", lang: "en")
        #expect(
            partial.contains("partially conforms to JIS X 8341-3:2016 (WCAG 2.0) at level AA. (Tested on 2026-11-30.)"))
        #expect(partial.contains("<dd>The news pages</dd>"))
        let full = try page("accessibility:\n  tested: 2026-11-30\n  conforms: true\n")
        #expect(full.contains("適合レベルAAに準拠しています。（試験実施日：2026年11月30日）"))
    }

    @Test func levelAListsOnlyItsCriteriaAndATurnedOffCheckIsNotClaimed() throws {
        let html = try page("accessibility:\n  level: A\nchecks:\n  duplicateTitles: ignore\n")
        #expect(html.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 25)
        #expect(!html.contains("ページタイトルの重複"))
    }

    @Test func aSiteTemplateShowsTheSameContentAndTheSitemapListsThePage() throws {
        let html = try page(
            "accessibility:\n  level: AA\n",
            template:
                "<!DOCTYPE html><html lang=\"{{lang}}\"><title>{{page.title}}</title><main>{{> accessibility-body}}</main>\n"
        )
        #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"ja\"><title>ウェブアクセシビリティ方針</title><main>"))
        #expect(html.contains("試験結果"))
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/site.yaml",
            try String(contentsOf: site.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
                + "accessibility:\n  level: AA\n")
        try site.build()
        #expect(try site.read("sitemap.xml").contains("<loc>https://example.org/site/en/accessibility/</loc>"))
        // Without `accessibility:` there is no page to write.
        let plain = try FixtureSite()
        defer { plain.cleanUp() }
        try plain.build()
        #expect(plain.exists("ja/index.html") && !plain.exists("ja/accessibility/index.html"))
    }

    @Test func conformsWithoutATestIsAnErrorAndAMenuMayNameThePage() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let yaml = try String(contentsOf: site.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
        try site.write("Content/site.yaml", yaml + "accessibility:\n  conforms: true\n")
        #expect(
            site.buildErrors().map(\.description) == [
                "Content/site.yaml:\(lines + 1):13: error: `accessibility.conforms: true` needs `tested`: the date of the test that found every criterion met"
            ])
        try site.write(
            "Content/site.yaml",
            yaml.replacingOccurrences(
                of: "      - {name: ニュース, path: news}\n",
                with: "      - {name: ニュース, path: news}\n      - {name: アクセシビリティ, path: accessibility}\n")
                + "accessibility:\n  level: AA\n")
        #expect(site.buildErrors() == [])
    }

    @Test func aPageCannotTakeItsAddress() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let yaml = try String(contentsOf: site.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try site.write("Content/site.yaml", yaml + "accessibility:\n  level: AA\n")
        try site.write("Content/accessibility.ja.md", "---\ntitle: 独自のページ\n---\n\n本文。\n")
        #expect(
            site.buildErrors().contains {
                $0.file == "Content/accessibility.ja.md" && $0.message.contains("accessibility page")
            })
    }
}
