import Foundation
import Testing

@testable import SiteKit

/// The GFM spec's examples of one extension (Fixtures/gfm-spec.txt, cmark-gfm's spec unchanged).
enum GFMSpec {
    static func examples(_ extensionName: String) -> [Example] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gfm-spec.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var lines = text.components(separatedBy: "\n")[...]
        var number = 0
        while let line = lines.popFirst() {
            guard line.hasPrefix(fence + " example") else { continue }
            number += 1
            var markdown: [String] = []
            var html: [String] = []
            var inHTML = false
            while let body = lines.popFirst(), body != fence {
                if body == "." && !inHTML {
                    inHTML = true
                } else if inHTML {
                    html.append(body)
                } else {
                    markdown.append(body)
                }
            }
            if line.hasSuffix(" " + extensionName) {
                let unescape = { (s: String) in s.replacingOccurrences(of: "\u{2192}", with: "\t") }
                examples.append(
                    Example(
                        number: number, markdown: unescape(markdown.joined(separator: "\n") + "\n"),
                        html: html.joined(separator: "\n") + "\n"))
            }
        }
        return examples
    }

    struct Example: Sendable, CustomTestStringConvertible {
        var number: Int
        var markdown: String
        var html: String
        var testDescription: String { "example \(number)" }
    }

    static func render(_ markdown: String) -> String {
        var renderer = MarkdownRenderer(allowRawHTML: true)
        renderer.smartPunctuation = false
        return renderer.render(markdown, file: "t.md").htmlText
    }
}

/// GFM strikethrough (`Strikethrough`): the GFM spec's examples, and the CJK-friendly
/// amendment's `gfm-strikethrough.md` as micromark's CJK-friendly strikethrough renders it.
@Suite struct StrikethroughTests {
    static let spec = GFMSpec.examples("strikethrough")

    @Test func theSpecHasItsTwoExamples() { #expect(Self.spec.count == 2) }

    @Test(arguments: spec)
    func specExampleRendersAsCmarkGFMDoes(_ example: GFMSpec.Example) {
        #expect(GFMSpec.render(example.markdown) == example.html)
    }

    static let cjkCases: [CJKFriendlySuite.Case] = {
        let expected = CJKFriendlySuite.snapshots("micromark-extension-cjk-friendly-gfm-strikethrough.snap")
        let html = (expected["micromark-extension-gfm-strikethrough > Compatible with CJK 1"] ?? "")
            .components(separatedBy: "\n").filter { !$0.isEmpty }
        let paragraphs = CJKFriendlySuite.read("testcases/gfm-strikethrough.md").components(separatedBy: "\n")
            .filter { !$0.isEmpty }
        return paragraphs.enumerated().map { n, markdown in
            CJKFriendlySuite.Case(
                file: "gfm-strikethrough.md", number: n + 1, markdown: markdown, html: n < html.count ? html[n] : "—")
        }
    }()

    @Test func theCJKCasesAreThere() { #expect(Self.cjkCases.count == 11) }

    @Test(arguments: cjkCases)
    func cjkCaseRendersAsTheReference(_ example: CJKFriendlySuite.Case) {
        #expect(GFMSpec.render(example.markdown + "\n") == example.html + "\n")
    }

    /// gfm-non-cjk.md's strikethrough paragraphs, with what the GFM spec's rules give them.
    @Test func nonCJKStrikethroughIsGFMs() {
        #expect(
            GFMSpec.render("~~Hi~~ Hello, ~there~ world!\n") == "<p><del>Hi</del> Hello, <del>there</del> world!</p>\n")
        #expect(GFMSpec.render("This will ~~~not~~~ strike.\n") == "<p>This will ~~~not~~~ strike.</p>\n")
        #expect(
            GFMSpec.render("~one~ ~~two~~ ~~~three~~~\n") == "<p><del>one</del> <del>two</del> ~~~three~~~</p>\n")
        #expect(GFMSpec.render("No ~mismatch~~\n") == "<p>No ~mismatch~~</p>\n")
        #expect(
            GFMSpec.render("~~**_`this`_**~~\n") == "<p><del><strong><em><code>this</code></em></strong></del></p>\n")
        #expect(
            GFMSpec.render("This ~is ~ legit~ isn't ~ legit.\n") == "<p>This <del>is ~ legit</del> isn't ~ legit.</p>\n"
        )
    }

    @Test func escapedTildesCodeAndSummaries() {
        #expect(GFMSpec.render("\\~~~a~~ and `~~b~~`\n") == "<p>~<del>a</del> and <code>~~b~~</code></p>\n")
        #expect(GFMSpec.render("\\~\\~a~~\n") == "<p>~~a~~</p>\n")
        #expect(GFMSpec.render("`\\~~`\n") == "<p><code>\\~~</code></p>\n")
        let result = MarkdownRenderer().render("旧称は~~イクレイ~~です。\n", file: "t.md")
        #expect(result.htmlText == "<p>旧称は<del>イクレイ</del>です。</p>\n")
        #expect(result.firstParagraph == "旧称はイクレイです。")
        let table = GFMSpec.render("| a |\n| - |\n| ~~「旧」~~新 |\n")
        #expect(table.contains("<td><del>「旧」</del>新</td>"), "\(table)")
    }
}

/// GFM's extended autolinks (`Autolinks`): the GFM spec's examples, and Japanese text after a
/// URL left out of it.
@Suite struct AutolinkTests {
    static let spec = GFMSpec.examples("autolink")

    @Test func theSpecHasItsElevenExamples() { #expect(Self.spec.count == 11) }

    @Test(arguments: spec)
    func specExampleRendersAsCmarkGFMDoes(_ example: GFMSpec.Example) {
        #expect(GFMSpec.render(example.markdown) == example.html)
    }

    @Test func japaneseAfterAURLIsNotPartOfIt() {
        #expect(
            GFMSpec.render("https://iclei.org/をご覧ください\n")
                == "<p><a href=\"https://iclei.org/\">https://iclei.org/</a>をご覧ください</p>\n")
        #expect(
            GFMSpec.render("詳しくはwww.iclei.org（英語）へ。連絡先：info@iclei.org。\n")
                == "<p>詳しくは<a href=\"http://www.iclei.org\">www.iclei.org</a>（英語）へ。連絡先：<a href=\"mailto:info@iclei.org\">info@iclei.org</a>。</p>\n"
        )
    }

    @Test func linksCodeAndUnderscoresAreLeftAlone() {
        #expect(
            GFMSpec.render("[https://a.org](https://b.org) `https://c.org`\n")
                == "<p><a href=\"https://b.org\">https://a.org</a> <code>https://c.org</code></p>\n")
        #expect(
            GFMSpec.render("https://example.org/a_b_c/x\n")
                == "<p><a href=\"https://example.org/a_b_c/x\">https://example.org/a_b_c/x</a></p>\n")
        let result = MarkdownRenderer().render("See https://iclei.org/ja/.\n", file: "t.md")
        #expect(result.links.map(\.url) == ["https://iclei.org/ja/"], "the link checker sees it")
    }
}

/// Footnotes (`Footnotes`), as GitHub renders them: the amendment's "Compatible with GFM
/// extension" case as micromark's snapshot has it, and what the activity reports need.
@Suite struct FootnoteTests {
    @Test func theAmendmentsGFMCaseRendersAsMicromarkDoes() {
        let snapshots = CJKFriendlySuite.snapshots("micromark-extension-cjk-friendly.snap")
        let expected = snapshots["micromark-extensions-cjk-friendly > Compatible with GFM extension (1) 1"]
        #expect(expected != nil)
        let html = GFMSpec.render("あ**()**あ[^1]\n\n[^1]: ~~あ~~")
        #expect(html.trimmingCharacters(in: .newlines) == expected)
    }

    @Test func numberedByFirstReferenceWithBackLinksPerReference() {
        let markdown = """
            排出量は減った[^env]。再エネも増えた[^2]。前述の通り[^ENV]。
            [^none]は定義がない。

            [^2]: 資源エネルギー庁
            [^env]: 出典：https://www.env.go.jp/をご覧ください
                二行目は字下げで続く。
            [^unused]: 参照されない

            後の段落。
            """
        let html = GFMSpec.render(markdown)
        #expect(
            html.hasPrefix(
                "<p>排出量は減った<sup><a href=\"#user-content-fn-env\" id=\"user-content-fnref-env\" data-footnote-ref=\"\" aria-describedby=\"footnote-label\">1</a></sup>。"
            ))
        #expect(html.contains("増えた<sup><a href=\"#user-content-fn-2\" id=\"user-content-fnref-2\""))
        #expect(html.contains("前述の通り<sup><a href=\"#user-content-fn-env\" id=\"user-content-fnref-env-2\""))
        #expect(html.contains("[^none]は定義がない。"), "an undefined reference stays text")
        #expect(!html.contains("参照されない"), "an unreferenced definition is left out")
        #expect(html.contains("<p>後の段落。</p>\n<section data-footnotes=\"\" class=\"footnotes\">"))
        #expect(
            html.contains(
                "<li id=\"user-content-fn-env\">\n<p>出典：<a href=\"https://www.env.go.jp/\">https://www.env.go.jp/</a>をご覧ください二行目は字下げで続く。 <a href=\"#user-content-fnref-env\" data-footnote-backref=\"\" aria-label=\"Back to reference 1\" class=\"data-footnote-backref\">↩</a> <a href=\"#user-content-fnref-env-2\" data-footnote-backref=\"\" aria-label=\"Back to reference 1-2\" class=\"data-footnote-backref\">↩<sup>2</sup></a></p>\n</li>\n<li id=\"user-content-fn-2\">"
            ), "\(html)")
        #expect(html.hasSuffix("</li>\n</ol>\n</section>\n"))
    }

    @Test func definitionsKeepTheirLinesAndCodeIsLeftAlone() {
        let result = MarkdownRenderer().render(
            "本文[^1]。\n\n```\n[^1]: コードの中\n```\n\n[^1]: [壊れた](@/none.md)\n", file: "t.md", firstLine: 3
        ) { _ in .broken("broken") }
        #expect(result.htmlText.contains("<pre><code>[^1]: コードの中\n</code></pre>"))
        #expect(result.diagnostics.map(\.line) == [9], "the definition's link is on line 9 of the file")
        #expect(result.firstParagraph == "本文。", "a summary leaves the reference's number out")
    }
}

/// Hostile pages: the passes stay linear however many tildes or parentheses a page has.
@Suite struct GFMExtensionBoundsTests {
    @Test(.timeLimit(.minutes(1))) func manyUnpairedTildesAndParentheses() {
        let tildes = String(repeating: "~a ", count: 100_000) + String(repeating: "a~~ ", count: 100_000) + "\n"
        let html = GFMSpec.render(tildes)
        #expect(html.hasPrefix("<p>~a ~a "))
        #expect(!html.contains("<del>"))
        let parentheses = "https://example.org/" + String(repeating: ")", count: 200_000) + "\n"
        #expect(GFMSpec.render(parentheses).hasPrefix("<p><a href=\"https://example.org/\">https://example.org/</a>))"))
    }
}

extension StrikethroughTests {
    /// The amendment's gfm-non-cjk.md (strikethrough, emphasis, a footnote label, a table with
    /// a URL): the CJK-friendly rules change nothing in it, as micromark's test says of its own.
    @Test func nonCJKGFMReadsTheSameWithAndWithoutTheAmendment() {
        let markdown = CJKFriendlySuite.read("testcases/gfm-non-cjk.md")
        #expect(markdown.contains("~~Hi~~"))
        let amended = CJKFriendlySuite.render(markdown)
        #expect(amended == CJKFriendlySuite.render(markdown, cjkFriendly: false))
        #expect(
            amended.contains("<p>a~~()a~~a</p>\n<p>a~~a()~~a</p>"),
            "GFM: no flanking run between a letter and a parenthesis")
        #expect(amended.contains("<td><a href=\"https://example.com/\">https://example.com/</a></td>"), "\(amended)")
    }
}

/// The footnotes' heading, read by screen readers, is in the page's language.
@Suite struct FootnoteLanguageTests {
    @Test func theHeadingIsInThePagesLanguage() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.append("Content/about.ja.md", "\n出典があります[^1]。\n\n[^1]: 活動報告書。\n")
        try site.append("Content/about.en.md", "\nWith a source[^1].\n\n[^1]: The report.\n")
        try site.build()
        #expect(try site.read("ja/about/index.html").contains(#"class="sr-only">脚注</h2>"#))
        #expect(try site.read("en/about/index.html").contains(#"class="sr-only">Footnotes</h2>"#))
    }
}
