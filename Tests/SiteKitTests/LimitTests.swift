import Foundation
import Testing

@testable import SiteKit

/// Inputs that grow without bound end in a positioned error naming the limit, and a site can
/// raise the limit in site.yaml.
@Suite struct LimitTests {
    static let laughs: String = {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n")
    }()

    func raisedLimits(_ site: FixtureSite, _ limits: String) throws {
        try site.append("Content/site.yaml", "limits: {\(limits)}\n")
    }

    @Test func yamlAliasesAreRefusedBeforeAnythingExpandsThem() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/laughs.ja.md", "---\ntitle: laughs\n\(Self.laughs)\n---\nbody\n")
        // An alias as a mapping key is hashed, and so expanded, while Yams composes.
        try site.write("Content/key.ja.md", "---\ntitle: key\n\(Self.laughs)\nj: {*i: 1}\n---\n")
        try site.write("Content/plain.ja.md", "---\ntitle: plain\nref: *nothing\n---\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains { $0.hasPrefix("Content/laughs.ja.md:3:4: error: YAML anchors (`&name`) are not allowed") },
            "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/key.ja.md:3:4: error: YAML anchors") }, "\(errors)")
        #expect(
            errors.contains { $0.hasPrefix("Content/plain.ja.md:3:6: error: YAML aliases (`*name`) are not allowed") },
            "\(errors)")
    }

    @Test func yamlNestingStopsAtTheLimitInFrontMatterAndSiteYAML() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/flow.ja.md",
            "---\ntitle: deep\na: " + String(repeating: "[", count: 30) + String(repeating: "]", count: 30) + "\n---\n")
        try site.write(
            "Content/huge.ja.md",
            "---\ntitle: deep\na: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
                + "\n---\n")
        let block = (0..<25).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        try site.write("Content/block.ja.md", "---\ntitle: deep\n\(block)\n---\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix("Content/flow.ja.md:3:")
                    && $0.contains("YAML is nested 21 levels deep: the limit is 20 (limits.yamlDepth)")
            }, "\(errors)")
        #expect(
            errors.contains { $0.hasPrefix("Content/huge.ja.md:3:") && $0.contains("limits.yamlDepth") }, "\(errors)")
        #expect(
            errors.contains { $0.hasPrefix("Content/block.ja.md:") && $0.contains("limits.yamlDepth") }, "\(errors)")
        try site.remove("Content/huge.ja.md")
        try raisedLimits(site, "yamlDepth: 40")
        #expect(site.buildErrors().isEmpty)
    }

    @Test func sizesOfFilesFrontMatterAndMarkdownAreBounded() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let frontMatter = (0..<2000).map { "k\($0): \(String(repeating: "x", count: 40))" }.joined(separator: "\n")
        try site.write("Content/fm.ja.md", "---\ntitle: big\n\(frontMatter)\n---\n")
        try site.write(
            "Content/md.ja.md",
            "---\ntitle: big\n---\n" + String(repeating: "Local governments act.\n\n", count: 100_000))
        try site.write(
            "Content/file.ja.md", "---\ntitle: big\n---\n" + String(repeating: "イクレイ日本。\n\n", count: 250_000))
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix("Content/fm.ja.md:1:1: error: the front matter is 94900 bytes")
                    && $0.contains(
                        "(limits.frontMatterBytes); if this is intended, raise it in site.yaml: `limits: {frontMatterBytes: 131072}`"
                    )
            }, "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "Content/md.ja.md:4:1: error: the Markdown is 2400000 bytes: the limit is 2097152 (limits.markdownBytes)"
                )
            }, "\(errors)")
        #expect(
            errors.contains { $0.hasPrefix("Content/file.ja.md:1:1: error: the file is larger than 4194304 bytes") },
            "\(errors)")
        #expect(errors.count == 3)
        try raisedLimits(site, "frontMatterBytes: 131072, markdownBytes: 8388608, fileBytes: 8388608")
        #expect(site.buildErrors().isEmpty)
    }

    @Test func deepBlockNestingIsRefusedBeforeLibcmarkAndCanBeRaised() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/quotes.ja.md",
            "---\ntitle: q\n---\n\nintro\n\n" + String(repeating: "> ", count: 10_000) + "quote\n")
        try site.write(
            "Content/lists.ja.md",
            "---\ntitle: l\n---\n"
                + (0..<100).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n") + "\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains(
                "Content/quotes.ja.md:7:1: error: block quotes and list items are nested 10000 deep here: the limit is 32 (limits.markdownNesting); if this is intended, raise it in site.yaml: `limits: {markdownNesting: 64}`"
            ), "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix("Content/lists.ja.md:36:1: error: block quotes and list items are nested 33 deep")
            }, "\(errors)")
        try raisedLimits(site, "markdownNesting: 20000")
        try site.build()
        #expect(try site.read("ja/quotes/index.html").contains("quote"))
        #expect(try site.read("ja/lists/index.html").components(separatedBy: "<ul>").count == 101)
    }

    @Test func openImageBracketsAreBoundedPerParagraph() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/images.ja.md",
            "---\ntitle: i\n---\n\nintro\n\n" + String(repeating: "![[]()", count: 20_000) + "\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix("Content/images.ja.md:7:1: error: this paragraph has 3163 `![` and 3163 `]`")
                    && $0.contains("(limits.markdownImageBrackets)")
            }, "\(errors)")
        // Many images in separate paragraphs, as a photo page has, are fine.
        #expect(
            MarkdownBounds.bracketProblem(in: String(repeating: "![写真](a.jpg)\n\n", count: 50_000), limit: 10_000_000)
                == nil)
        #expect(
            MarkdownBounds.bracketProblem(in: "![a](b) ![c](d)\n", limit: 3)
                == MarkdownBounds.Brackets(line: 1, openers: 2, closers: 2))
    }

    @Test func nestingIsCountedOnTheTextWithoutFalseAlarms() {
        let depth = { (line: String) in MarkdownBounds.depth(of: line) }
        #expect(depth("> > - 1. text") == 4)
        #expect(depth("      - item") == 4, "three levels of indentation and the marker")
        #expect(depth("* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * *") == 0, "a thematic break")
        #expect(depth("            indented code without markers") == 0)
        #expect(depth("イクレイ日本は1993年に設立されました。") == 0)
        #expect(depth("2025. 年度の活動") == 1)
        #expect(depth("-not a marker") == 0)
        #expect(
            MarkdownBounds.nestingProblem(in: "a\n\n" + String(repeating: "> ", count: 40) + "x\n", limit: 32)
                == MarkdownBounds.Nesting(line: 3, column: 1, depth: 40))
    }

    @Test func aPageWithThousandsOfProblemsListsAHundred() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/links.ja.md",
            "---\ntitle: l\n---\n" + String(repeating: "[x](/nowhere/) ", count: 5_000) + "\n\n"
                + String(repeating: "![](/img.png)\n\n", count: 5_000))
        let diagnostics = site.buildErrors().filter { $0.file == "Content/links.ja.md" }
        #expect(diagnostics.count <= 2 * BoundedDiagnostics.perFile + 2)
        let summaries = diagnostics.filter { $0.message.contains("more problems in this file are not listed") }
        #expect(!summaries.isEmpty)
        #expect(summaries.allSatisfy { $0.severity == .error || $0.message.contains("0 errors") })
        // Quoted lines are cut to a window around the column, not 75 KB each.
        let text = DiagnosticPrinter(root: site.root).format(diagnostics, as: .text)
        #expect(text.utf8.count < diagnostics.count * 1_000)
    }

    @Test func equalHeadingsGetNumberedIDsAsBefore() {
        var ids = HeadingIDs()
        let given = ["a", "a-1", "a", "a", "B", "b", "a-2"].map { ids.claim(for: $0) }
        #expect(given == ["a", "a-1", "a-2", "a-3", "b", "b-1", "a-2-1"])
        var many = HeadingIDs()
        let claimed = (0..<20_000).map { _ in many.claim(for: "見出し") }
        #expect(claimed.last == "見出し-19999")
        #expect(Set(claimed).count == 20_000)
    }

    @Test func longSourceLinesAreQuotedAroundTheColumn() {
        let line = Substring(String(repeating: "a", count: 1000) + "X" + String(repeating: "b", count: 1000))
        let (shown, column) = DiagnosticPrinter.window(line, column: 1001)
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        #expect(Array(shown)[column - 1] == "X")
        #expect(DiagnosticPrinter.window("short", column: 3) == ("short", 3))
    }
}
