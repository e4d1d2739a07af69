import Foundation
import Testing

@testable import SiteKit

/// The accessibility checks of `check` (issue 35): each problem found at its line and column
/// of the Markdown, each rule set per site in `checks:`, the templates checked once, and the
/// bundled site clean.
@Suite struct AccessibilityCheckTests {
    static let page = """
        ---
        title: 重複するタイトル
        ---

        詳しくは[こちら](https://example.org/a)をご覧ください。

        [年次報告書](https://example.org/r1)と[年次報告書](https://example.org/r2)。

        ![](https://example.org/photo.jpg)

        ![photo.jpg](https://example.org/photo.jpg)

        ![画像](https://example.org/b.jpg)

        ![会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子会場の様子](https://example.org/c.jpg)

        ### 飛んだ見出し

        ##

        # 一つ目

        # 二つ目

        **活動内容**

        ①を参照。㈱テスト

        COP２８の報告

        担当：総 務 課

        <iframe src="https://example.org/map"></iframe>

        |  |  |
        |---|---|
        | a | b |

        [年次計画](https://example.org/plan.pdf)
        """

    /// The fixture site with the page above (and another page of the same title), raw HTML on.
    func diagnostics(checks: String = "") throws -> [String] {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let yaml = try String(contentsOf: site.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try site.write("Content/site.yaml", yaml + "markdown: {unsafeHTML: true}\n" + checks)
        try site.write("Content/a11y.ja.md", Self.page)
        try site.write("Content/a11z.ja.md", "---\ntitle: 重複するタイトル\n---\n\n本文。\n")
        return SiteBuilder(options: .init(source: site.root)).check()
            .filter { $0.file.hasPrefix("Content/a11") }.map(\.description)
    }

    @Test func eachProblemIsFoundAtItsLineAndColumn() throws {
        let found = try diagnostics()
        let expected = [
            "Content/a11y.ja.md:5:5: warning: the link text 「こちら」 says nothing on its own",
            "Content/a11y.ja.md:7:33: warning: the link text 「年次報告書」 also leads to https://example.org/r1 (line 7)",
            "Content/a11y.ja.md:9:1: error: image `https://example.org/photo.jpg` has no alt text",
            "Content/a11y.ja.md:11:1: warning: the alt text 「photo.jpg」 of `https://example.org/photo.jpg` says nothing",
            "Content/a11y.ja.md:13:1: warning: the alt text 「画像」 of `https://example.org/b.jpg` says nothing",
            "Content/a11y.ja.md:15:1: warning: the alt text of `https://example.org/c.jpg` is 105 characters long",
            "Content/a11y.ja.md:17:1: warning: this heading skips a level (### after #)",
            "Content/a11y.ja.md:19:1: warning: this heading (##) is empty",
            "Content/a11y.ja.md:23:1: warning: a second top-level heading (#)",
            "Content/a11y.ja.md:25:1: warning: a paragraph of bold text alone, 「活動内容」",
            "Content/a11y.ja.md:27:1: warning: 機種依存文字 (platform-dependent characters) are read wrongly or not at all by some screen readers and systems: write 「①」→「(1)」, 「㈱」→「(株)」 instead",
            "Content/a11y.ja.md:29:1: warning: 「COP２８」 mixes full-width letters or digits into Latin text: screen readers and search read them apart; write \"COP28\"",
            "Content/a11y.ja.md:31:4: warning: 「総 務 課」 has spaces inside a word",
            "Content/a11y.ja.md:33:1: warning: <iframe> has no title",
            "Content/a11y.ja.md:35:1: warning: this table has no header row",
            "Content/a11y.ja.md:39:1: warning: this link opens a PDF document, but its text does not say so",
            "Content/a11z.ja.md:2:1: warning: the title 「重複するタイトル」 is also the title of Content/a11y.ja.md",
        ]
        for prefix in expected {
            #expect(found.contains { $0.hasPrefix(prefix) }, "\(prefix)\nin\n\(found.joined(separator: "\n"))")
        }
        #expect(found.count == expected.count, "nothing else: \(found.joined(separator: "\n"))")
    }

    @Test func eachRuleCanBeTurnedOffOrMadeAnError() throws {
        let found = try diagnostics(
            checks: "checks: {linkText: ignore, imageAlt: warning, spacedWords: error, duplicateTitles: ignore}\n")
        #expect(!found.contains { $0.contains("says nothing on its own") })
        #expect(
            found.contains {
                $0.hasPrefix("Content/a11y.ja.md:9:1: warning: image `https://example.org/photo.jpg` has no alt text")
            })
        #expect(found.contains { $0.hasPrefix("Content/a11y.ja.md:31:4: error: 「総 務 課」") })
        #expect(!found.contains { $0.contains("is also the title of") })
    }

    @Test func aCheckSetToAnUnknownSeverityIsAnErrorAtItsLine() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let yaml = try String(contentsOf: site.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
        try site.write(
            "Content/site.yaml",
            yaml + "checks:\n  linkText: loud\naccessibility:\n  tested: last week\n  conforms: true\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix("Content/site.yaml:\(lines + 1):13: error: `checks.linkText` must be one of")
            })
        #expect(
            errors.contains {
                $0.hasPrefix("Content/site.yaml:\(lines + 3):11: error: `accessibility.tested` must be the date")
            }, "\(errors)")
    }

    /// Correct Japanese is not flagged: words side by side, Latin words among Japanese,
    /// full-width digits in Japanese prose, code.
    @Test func correctJapaneseTextIsNotFlagged() {
        let check = JapaneseTextCheck(severities: .init(), japanese: true)
        let text = """
            代表理事 山田太郎、東京都 港区、ICLEI の 会員、Local Governments for Sustainability の日本事務所。
            ２０２４年度の報告。第1回 イクレイカフェ。A と B。
            `総 務 課` はコードの中。
            ```
            ①
            ```
            """
        #expect(check.findings(in: text) == [])
        let english = JapaneseTextCheck(severities: .init(), japanese: false)
        #expect(english.findings(in: "The report of ２０２４.").map(\.rule) == [.fullWidthLatin])
        #expect(check.findings(in: "ｲｸﾚｲ").first?.message.contains("「ｲｸﾚｲ」→「イクレイ」") == true)
        #expect(check.findings(in: "氏　名：山　田　太郎").map(\.column) == [1])
    }

    @Test func linkTextAndDocumentsAreJudgedWithoutFalseAlarms() {
        #expect(AccessibilityCheck.vagueTexts.contains(AccessibilityCheck.normalized(" 「こちら」。")))
        #expect(AccessibilityCheck.vagueTexts.contains(AccessibilityCheck.normalized("Click Here")))
        #expect(!AccessibilityCheck.vagueTexts.contains(AccessibilityCheck.normalized("こちらの報告書")))
        #expect(AccessibilityCheck.target("/ja/about/index.html") == AccessibilityCheck.target("/ja/about/"))
    }

    @Test func templatesAreCheckedOnceAtTheirLines() {
        let layout = """
            <!DOCTYPE html>
            <html>
            <body>
            <nav><a href="/en/" hreflang="en">English</a></nav>
            <main id="main">
            <form><input name="q" type="search"><input type="submit"></form>
            </main>
            <nav aria-label="Footer"></nav>
            </body>
            """
        let page = "<html lang=\"ja\"><body><div>no main</div></body></html>"
        let problems = TemplateAccessibility(severities: .init()).problems([
            ("Templates/layout.mustache", layout), ("Templates/page.mustache", page),
        ]).map(\.description)
        #expect(problems.count == 6, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("Templates/layout.mustache:2:1: warning: <html> has no lang") })
        #expect(
            problems.contains { $0.hasPrefix("Templates/layout.mustache:4:1: warning: this <nav> has no aria-label") })
        #expect(
            problems.contains { $0.hasPrefix("Templates/layout.mustache:4:6: warning: this link to another language") })
        #expect(
            problems.contains {
                $0.hasPrefix("Templates/layout.mustache:5:1: warning: no skip link leads to this <main>")
            })
        #expect(problems.contains { $0.hasPrefix("Templates/layout.mustache:6:7: warning: this <input> has no label") })
        #expect(
            problems.contains {
                $0.hasPrefix("Templates/page.mustache:1:17: warning: the pages this template makes have no <main>")
            })
        let quiet = TemplateAccessibility(severities: .init(settings: [.pageLanguage: .ignore]))
        #expect(!quiet.problems([("Templates/layout.mustache", layout)]).contains { $0.message.contains("lang") })
    }

    /// The bundled site (`Content/`, `Templates/`) has none of these problems.
    @Test func theBundledSiteIsClean() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let found = SiteBuilder(options: .init(source: repository)).check()
        #expect(found.isEmpty, "\(found.map(\.description).joined(separator: "\n"))")
    }
}
