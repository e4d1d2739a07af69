import Testing

@testable import SiteKit

/// How `CJKEmphasis` works on libcmark: the stand-ins never show, and what is not emphasis
/// (code, URLs, escapes) is read as without them.
@Suite struct CJKEmphasisTests {
    private func html(_ markdown: String) -> String { MarkdownRenderer().render(markdown, file: "t.md").htmlText }

    @Test func emphasisBesideJapanesePunctuationInEveryKindOfBlock() {
        #expect(html("正解は**④**です。\n") == "<p>正解は<strong>④</strong>です。</p>\n")
        #expect(html("> 前の行\n> **「東京」**です\n") == "<blockquote>\n<p>前の行<strong>「東京」</strong>です</p>\n</blockquote>\n")
        #expect(html("- **「東京」**です\n- 次\n") == "<ul>\n<li><strong>「東京」</strong>です</li>\n<li>次</li>\n</ul>\n")
        #expect(html("## **「東京」**の取り組み\n").contains("><strong>「東京」</strong>の取り組み</h2>"))
        #expect(html("*「東京」*です、__「大阪」__。\n") == "<p><em>「東京」</em>です、<strong>「大阪」</strong>。</p>\n")
        #expect(html("__「大阪」__で\n") == "<p>__「大阪」__で</p>\n", "`_` still does not close inside a word")
        let table = html("| 項目 |\n| --- |\n| **「東京」**です |\n")
        #expect(table.contains("<td><strong>「東京」</strong>です</td>"), "\(table)")
    }

    @Test func codeURLsAndEscapesAreReadAsWithoutIt() {
        let inCode = "`**「東京」**です` and\n\n```\n**「東京」**です\n```\n"
        #expect(html(inCode) == "<p><code>**「東京」**です</code> and</p>\n<pre><code>**「東京」**です\n</code></pre>\n")
        let url = "[x](https://example.org/**「a」**で) <https://example.org/**「b」**で>\n"
        var plain = MarkdownRenderer()
        plain.cjkFriendly = false
        #expect(html(url) == plain.render(url, file: "t.md").htmlText)
        #expect(html("\\*\\*「東京」**です\n") == "<p>**「東京」**です</p>\n")
        #expect(html("**「東京」\\**です\n") == "<p>**「東京」**です</p>\n")
    }

    @Test func thePagesOwnRareCharactersAreKept() {
        // The first stand-ins of each kind are in the page: others are chosen, these stay.
        let rare = "\u{2001}\u{2E2E}\u{E000}"
        #expect(html("\(rare)**「東京」**です\n") == "<p>\(rare)<strong>「東京」</strong>です</p>\n")
    }

    @Test func theSteeringOnlyHappensWhereTheReadingsDiffer() {
        #expect(CJKEmphasis.steer("これは**重要**です。\n*English* and __more__.\n") == nil)
        #expect(CJKEmphasis.steer("これは**「重要」**です。\n") != nil)
        let star = UInt8(ascii: "*")
        #expect(CJKEmphasis.cmark(star, before: "」", after: "で") == .init(open: true, close: false))
        #expect(
            CJKEmphasis.amended(star, before: CJKCharacters.classify("」"), after: CJKCharacters.classify("で"))
                == .init(open: true, close: true))
    }

    @Test func summariesAndSearchSeeEmphasisedTextAsText() {
        let result = MarkdownRenderer().render("これは**私のやりたかったこと。**だからするの。\n", file: "t.md")
        #expect(result.firstParagraph == "これは私のやりたかったこと。だからするの。")
        let indexed = String(decoding: HTMLText.plainBytes(result.html), as: UTF8.self)
        #expect(indexed.contains("これは私のやりたかったこと。だからするの。"), "\(indexed)")
        #expect(!indexed.contains("*"))
    }
}

extension CJKEmphasisTests {
    /// Many small pages of the characters the passes care about, in a fixed pseudo-random
    /// order: no stand-in ever reaches the HTML, and every byte of text is accounted for.
    @Test func standInsNeverShow() {
        let alphabet: [String] = [
            "*", "**", "_", "~", "~~", "\\", "「", "」", "あ", "a", "(", ")", "。", " ", "\n", "`", "[", "]", "^", "1", ":",
            "④", "︀", "󠄀", "𩸽", "https://a.org/", "> ",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let scalars: [Unicode.Scalar] = Sentinels.candidates.values.flatMap { $0 } + ["\u{F8E0}", "\u{F8E1}"]
        let standIns = scalars.map { String($0) }
        var steered = 0
        for _ in 0..<3000 {
            var page = ""
            for _ in 0..<12 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                page += alphabet[Int(state >> 33) % alphabet.count]
            }
            if CJKEmphasis.steer(page) != nil { steered += 1 }
            let html = MarkdownRenderer().render(page, file: "t.md").htmlText
            #expect(!standIns.contains(where: html.contains), "\(page.debugDescription) → \(html)")
        }
        #expect(steered > 300, "the pages exercise the stand-ins: \(steered)")
    }
}
