import CCmark
import Foundation
import Testing

@testable import SiteKit

@Suite struct MarkdownTests {
    let renderer = MarkdownRenderer()

    private func html(_ markdown: String) -> String { renderer.render(markdown, file: "t.md").htmlText }

    /// libcmark's own renderer, for checking ours node by node.
    private func cmarkHTML(_ markdown: String) -> String {
        let options = CMARK_OPT_SMART
        let result = cmark_markdown_to_html(markdown, markdown.utf8.count, options)!
        defer { free(result) }
        return String(cString: result)
    }

    @Test func matchesLibcmarkOnDocumentsWithoutHeadings() {
        let samples = [
            "Plain *em* **strong** `code` and [link](http://example.com \"title\").\n",
            "> quote\n> more\n\n- tight\n- list\n\n1. loose\n\n2. list\n",
            "7. starts at seven\n8. next\n",
            "```swift\nlet x = 1 < 2 && 3 > 2\n```\n\n    indented code\n",
            "line  \nbreak and soft\nbreak\n\n***\n",
            "![an *image*](/img/a.png \"t\") and <http://auto.link> & entities &copy; \"quoted\" -- dash...\n",
            "[ref][1]\n\n[1]: /url?a=1&b=2 'Title'\n",
            "Ünïcödé and 日本語 text with spaces\n\n- [ ] item\n  - nested\n    > deep\n",
            "A URL with spaces [x](<a b.html>) and percent [y](a%20b)\n",
        ]
        for sample in samples {
            #expect(html(sample) == cmarkHTML(sample), "\(sample)")
        }
    }

    @Test func headingsGetReadableUniqueIDs() {
        let result = renderer.render(
            "# Hello, World!\n\n## 設立の経緯\n\n## Hello World\n\n## 設立の経緯\n\n### `code` *em*\n\n## !!!\n", file: "t.md")
        #expect(result.headingIDs == ["hello-world", "設立の経緯", "hello-world-1", "設立の経緯-1", "code-em", "section"])
        #expect(result.htmlText.contains("<h1 id=\"hello-world\">Hello, World!</h1>"))
        #expect(result.htmlText.contains("<h3 id=\"code-em\"><code>code</code> <em>em</em></h3>"))
    }

    @Test func rawHTMLAndDangerousURLsAreRemovedUnlessAllowed() {
        let source =
            "<div onclick=x>block</div>\n\nText <b>inline</b> [a](javascript:alert(1)) [b](JAVASCRIPT:x) ![c](data:text/html,x)\n"
        let safe = html(source)
        #expect(!safe.contains("<div"))
        #expect(!safe.contains("<b>"))
        #expect(!safe.lowercased().contains("javascript"))
        #expect(!safe.contains("data:text"))
        #expect(safe.contains("Text inline"))
        let unsafe = MarkdownRenderer(allowRawHTML: true).render(source, file: "t.md").htmlText
        #expect(unsafe.contains("<div onclick=x>block</div>"))
        #expect(unsafe.contains("<b>inline</b>"))
    }

    @Test func softBreaksBetweenJapaneseCharactersVanish() {
        #expect(html("日本語の\n文章です。\n") == "<p>日本語の文章です。</p>\n")
        #expect(html("「括弧」\n（全角）\n") == "<p>「括弧」（全角）</p>\n")
        #expect(html("English\nwords\n") == "<p>English\nwords</p>\n")
        #expect(html("日本語\nEnglish\n") == "<p>日本語\nEnglish</p>\n", "a break next to Latin text stays")
        #expect(html("*強調*\nの後\n") == "<p><em>強調</em>の後</p>\n", "looks through emphasis")
    }

    @Test func summaryIsTheFirstParagraphAsPlainText() {
        let result = renderer.render("## Heading\n\nFirst *para*\ngraph.\n\nSecond.\n", file: "t.md")
        #expect(result.firstParagraph == "First para graph.")
        #expect(renderer.render("日本語の\n要約。\n", file: "t.md").firstParagraph == "日本語の要約。")
    }

    @Test func contentLinksAreResolvedAndBrokenOnesReported() {
        let result = renderer.render("Intro\n\nA [good](@/a.md) and\n[bad](@/b.md) link.\n", file: "x.md", firstLine: 5)
        { url in
            url == "@/a.md" ? .rewritten("/ja/a/") : url == "@/b.md" ? .broken("no b") : .unchanged
        }
        #expect(result.htmlText.contains("<a href=\"/ja/a/\">good</a>"))
        #expect(result.diagnostics.map(\.description) == ["x.md:8:1: error: no b"])
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let quotes = String(repeating: ">", count: 10_000) + " deep\n"
        var limits = SiteLimits()
        limits.markdownNesting = 20_000
        let output = MarkdownRenderer(limits: limits).render(quotes, file: "t.md").htmlText
        #expect(output.hasSuffix("</blockquote>\n"))
        #expect(output.components(separatedBy: "<blockquote>").count > 100)
    }
}

@Suite struct EmphasisWarningTests {
    @Test func onlyAsterisksStillLiteralAfterTheCJKRulesAreReported() {
        let fixed = MarkdownRenderer().render("前文\n\nこれは**「重要」**です。\n", file: "n.md", firstLine: 4)
        #expect(fixed.htmlText.contains("これは<strong>「重要」</strong>です。"), "CJK-friendly emphasis")
        #expect(fixed.diagnostics.isEmpty)
        let result = MarkdownRenderer().render("前文\n\nこれは「重要」**です。\n", file: "n.md", firstLine: 4)
        #expect(result.htmlText.contains("「重要」**です"), "nothing pairs with it")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.line == 6)
        #expect(result.diagnostics.first?.column == 8, "the caret goes under the stray asterisk")
        #expect(result.diagnostics.first?.message.contains("stays an asterisk") == true)
    }

    @Test func realEmphasisEscapedAndLatinAsterisksAreFine() {
        #expect(MarkdownRenderer().render("これは「**重要**」です。\n", file: "n.md").diagnostics.isEmpty)
        #expect(MarkdownRenderer().render("5 * 3 = 15 and a*b\n", file: "n.md").diagnostics.isEmpty)
        let escaped = MarkdownRenderer().render("注\\*は必須です。\n", file: "n.md")
        #expect(escaped.htmlText == "<p>注*は必須です。</p>\n")
        #expect(escaped.diagnostics.isEmpty, "an escaped asterisk is meant")
    }
}

@Suite struct JSONTests {
    @Test func quotesSafelyForScriptElements() {
        #expect(
            JSON.quote("a\"b\\c\nd\u{1}<>&\u{2028}日本") == "\"a\\\"b\\\\c\\nd\\u0001\\u003c\\u003e\\u0026\\u2028日本\"")
        var json = JSON()
        json.field("k", "v")
        json.object("o") { _ in }
        json.object("p") { $0.field("<", "&") }
        #expect(json.text == "{\"k\":\"v\",\"o\":{},\"p\":{\"\\u003c\":\"\\u0026\"}}")
        #expect(JSON().text == "{}")
    }
}

/// GFM pipe tables (`PipeTables`): the GFM spec's table examples (Fixtures/gfm-spec.txt, an
/// unchanged copy of cmark-gfm's test/spec.txt) render as cmark-gfm renders them.
@Suite struct PipeTableTests {
    static let examples: [(number: Int, markdown: String, html: String)] = GFMSpec.examples("table").map {
        ($0.number, $0.markdown, $0.html)
    }

    @Test func theSpecHasItsEightTableExamples() {
        #expect(Self.examples.count == 8)
    }

    @Test(arguments: 0..<8)
    func specExampleRendersAsCmarkGFMDoes(_ n: Int) {
        let example = Self.examples[n]
        var renderer = MarkdownRenderer()
        renderer.smartPunctuation = false  // the spec's HTML is without typographic dashes
        #expect(renderer.render(example.markdown, file: "t.md").htmlText == example.html, "example \(example.number)")
    }

    @Test func cellsHoldInlinesLinksAndJapaneseAndTheTableStopsAtItsParagraph() {
        let markdown = """
            活動の記録です。
            | 日付 | 内容 |
            |:--|--:|
            | 2025年1月15日 | [第26号](https://example.org/26) を**発行** |
            | # 見出しではない | 1. リストではない |

            後の段落。
            """
        let result = MarkdownRenderer().render(markdown, file: "t.md", firstLine: 3)
        #expect(result.htmlText.hasPrefix("<p>活動の記録です。</p>\n<table>\n<thead>\n<tr>\n<th align=\"left\">日付</th>"))
        #expect(
            result.htmlText.contains(
                "<td align=\"right\"><a href=\"https://example.org/26\">第26号</a> を<strong>発行</strong></td>"))
        #expect(result.htmlText.contains("<td align=\"left\"># 見出しではない</td>\n<td align=\"right\">1. リストではない</td>"))
        #expect(result.htmlText.hasSuffix("</table>\n<p>後の段落。</p>\n"))
        #expect(result.links.map(\.line) == [6], "a link in a cell keeps its line in the file")
        #expect(result.diagnostics.isEmpty)
        #expect(result.firstParagraph == "活動の記録です。")
    }

    @Test func aTableInABlockQuoteAndANearMiss() {
        let quoted = MarkdownRenderer().render("> | a | b |\n> | - | - |\n> | 1 | 2 |\n", file: "t.md")
        #expect(quoted.htmlText.hasPrefix("<blockquote>\n<table>"), "\(quoted.htmlText)")
        let miss = MarkdownRenderer().render("| a | b |\n| --- |\n", file: "t.md", firstLine: 4)
        #expect(miss.htmlText.hasPrefix("<p>| a | b |"))
        #expect(
            miss.diagnostics.map(\.description) == [
                "t.md:4:1: warning: this is not a table: its header row has 2 cells and the delimiter row below it 1; a table needs as many"
            ])
        #expect(MarkdownRenderer().render("a | b\n\n|x|\n", file: "t.md").diagnostics.isEmpty)
        // Lines ending in \r\n or a lone \r, as cmark reads them (a fuzzer's find).
        for ending in ["\r\n", "\r"] {
            let html = MarkdownRenderer().render(
                ["| a |", "| - |", "| 1 |", ""].joined(separator: ending), file: "t.md"
            ).htmlText
            #expect(
                html
                    == "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"
            )
        }
    }
}

@Suite struct SmartQuoteTests {
    @Test(arguments: [
        ("Tokyo's \"Sustainable Recovery: Time to Act\"", "Tokyo’s “Sustainable Recovery: Time to Act”"),
        ("'Quoted' -- and --- dashes...", "‘Quoted’ – and — dashes…"),
        ("豊田市で「Think SDGs 2021」国際会議", "豊田市で「Think SDGs 2021」国際会議"),
        ("COP-26 and a-b", "COP-26 and a-b"),
        ("脱炭素--再エネ", "脱炭素–再エネ"), ("a..b. c", "a..b. c"), ("続く...", "続く…"), ("自治体の'声'", "自治体の’声’"),
    ])
    func titlesGetTypographicQuotes(written: String, shown: String) {
        #expect(SmartQuotes.apply(written) == shown)
    }
}

extension MarkdownResult {
    /// The HTML as text, for assertions.
    var htmlText: String { String(decoding: html, as: UTF8.self) }
}
