import Foundation
import Testing

@testable import SiteKit

/// The CJK-friendly amendments' own test suite (Fixtures/cjk-friendly, vendored unchanged from
/// tats-u/markdown-cjk-friendly): every paragraph of every test file renders as the reference
/// implementations' snapshots say, and CommonMark's examples render as they do without it.
enum CJKFriendlySuite {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cjk-friendly")

    static func read(_ path: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// A vitest snapshot file as test name → the string it holds.
    static func snapshots(_ file: String) -> [String: String] {
        let text = read("snapshots/" + file)
        var result: [String: String] = [:]
        var rest = text[...]
        while let head = rest.range(of: "exports[`") {
            rest = rest[head.upperBound...]
            guard let nameEnd = rest.range(of: "`] = `\n\"") else { break }
            let name = String(rest[..<nameEnd.lowerBound])
            rest = rest[nameEnd.upperBound...]
            guard let bodyEnd = rest.range(of: "\"\n`;") else { break }
            result[name] = unescape(rest[..<bodyEnd.lowerBound])
            rest = rest[bodyEnd.upperBound...]
        }
        return result
    }

    /// vitest escapes `` ` ``, `\` and `${` with a backslash inside the template literal.
    private static func unescape(_ text: Substring) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if character == "\\" && !escaped {
                escaped = true
                continue
            }
            escaped = false
            out.append(character)
        }
        return out
    }

    /// The test files and the snapshot entry holding their HTML.
    static let files: [(file: String, test: String)] = [
        ("strong.md", "** around Kana/Han is converted to <strong> 1"),
        ("korean.md", "** around Korean is converted to <strong> 1"),
        (
            "pseudo-emoji.md",
            "** around pseudo-emoji (CJK symbols that are also unqualified-emoji) is converted to <strong> 1"
        ),
        ("non-bmp.md", "recognizes non-BMP punctuation and symbols 1"),
        ("underscore-cjk-punct.md", "process underscores around CJK punctuation 1"),
        ("readme-example.md", "Example Markdown in README 1"),
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var number: Int
        var markdown: String
        var html: String
        var testDescription: String { "\(file) #\(number): \(markdown)" }
    }

    /// Each file's paragraphs (one a line apart from the blank lines) with their `<p>` lines.
    static let cases: [Case] = {
        let expected = snapshots("micromark-extension-cjk-friendly.snap")
        var cases: [Case] = []
        for (file, test) in files {
            let paragraphs = read("testcases/" + file).components(separatedBy: "\n")
                .filter { !$0.isEmpty }
            let html = (expected["micromark-extensions-cjk-friendly > " + test] ?? "")
                .components(separatedBy: "\n").filter { !$0.isEmpty }
            for (n, markdown) in paragraphs.enumerated() {
                cases.append(Case(file: file, number: n + 1, markdown: markdown, html: n < html.count ? html[n] : "—"))
            }
        }
        return cases
    }()

    static func render(_ markdown: String, cjkFriendly: Bool = true, gfm: Bool = true) -> String {
        var renderer = MarkdownRenderer(allowRawHTML: true)
        renderer.smartPunctuation = false  // the references have no typographic quotes
        renderer.cjkFriendly = cjkFriendly
        renderer.gfmExtensions = gfm
        return renderer.render(markdown, file: "t.md").htmlText
    }
}

@Suite struct CJKFriendlyTests {
    @Test func theSuiteIsThereAndBothReferencesAgree() {
        #expect(CJKFriendlySuite.cases.count == 115)
        let markdownIt = CJKFriendlySuite.snapshots("markdown-it-cjk-friendly.snap")
        let micromark = CJKFriendlySuite.snapshots("micromark-extension-cjk-friendly.snap")
        for (_, test) in CJKFriendlySuite.files {
            #expect(markdownIt["markdown-it-cjk-friendly > " + test] != nil, "\(test)")
            // micromark's HTML ends without the last newline.
            let trimmed = { (html: String?) in html.map { $0.trimmingCharacters(in: .newlines) } }
            #expect(
                trimmed(markdownIt["markdown-it-cjk-friendly > " + test])
                    == trimmed(micromark["micromark-extensions-cjk-friendly > " + test]), "\(test)")
        }
    }

    @Test(arguments: CJKFriendlySuite.cases)
    func rendersAsTheReferences(_ example: CJKFriendlySuite.Case) {
        #expect(CJKFriendlySuite.render(example.markdown + "\n") == example.html + "\n")
    }
}

/// The amendment changes nothing for text without CJK characters: CommonMark's spec examples
/// (the suite's commonmark.json, CommonMark 0.31.2) render through the whole pipeline exactly as
/// they do without it. One exception, on purpose: the amendment is written on CommonMark 0.31.2,
/// where symbols count as punctuation (`*£*bravo` is not emphasis); libcmark 0.30.2 predates
/// that. Example 354 is that rule, and it now renders as the spec says.
@Suite struct CJKFriendlyLeavesCommonMarkAloneTests {
    struct Example: Decodable, Sendable, CustomTestStringConvertible {
        var markdown: String
        var html: String
        var example: Int
        var section: String
        var testDescription: String { "example \(example) (\(section))" }
    }

    static let examples: [Example] = {
        let data = Data(CJKFriendlySuite.read("testcases/commonmark.json").utf8)
        return (try? JSONDecoder().decode([Example].self, from: data)) ?? []
    }()

    @Test func theExamplesAreThere() {
        #expect(Self.examples.count == 652)
    }

    @Test(arguments: examples)
    func rendersAsWithoutTheAmendment(_ example: Example) {
        let amended = CJKFriendlySuite.render(example.markdown, gfm: false)
        if example.example == 354 {
            #expect(amended == example.html)
            #expect(CJKFriendlySuite.render(example.markdown, cjkFriendly: false, gfm: false) != example.html)
        } else {
            #expect(amended == CJKFriendlySuite.render(example.markdown, cjkFriendly: false, gfm: false))
        }
    }

    /// With GFM's extensions too, the examples render as today except where GFM reads them
    /// otherwise, as cmark-gfm does: a bare URL or address in text becomes a link.
    @Test(arguments: examples)
    func rendersAsTodayWithTheGFMExtensions(_ example: Example) {
        let today = CJKFriendlySuite.render(example.markdown, cjkFriendly: false, gfm: false)
        let now = CJKFriendlySuite.render(example.markdown)
        if example.example == 354 { return }  // the 0.31.2 symbol rule, above
        if Self.gfmReadsOtherwise.contains(example.example) {
            #expect(now != today)
        } else {
            #expect(now == today)
        }
    }

    /// A URL or an address in text (`https://example.com`, `foo@bar.example.com`, inside `< >`
    /// that is not an autolink): GitHub links them, as cmark-gfm with its autolink extension.
    static let gfmReadsOtherwise: Set<Int> = [602, 606, 608, 611, 612]
}

extension CJKFriendlyTests {
    /// The suite can fail: libcmark alone renders most of it otherwise.
    @Test func withoutTheAmendmentMostCasesDiffer() {
        let differing = CJKFriendlySuite.cases.filter {
            CJKFriendlySuite.render($0.markdown + "\n", cjkFriendly: false) != $0.html + "\n"
        }
        #expect(differing.count == 86, "\(differing.count)")
    }
}
