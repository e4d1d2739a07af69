import Foundation
import Mustache

@testable import SiteKit

/// Random-input checks for the three parsers that read what editors write: the front
/// matter splitter, the template parser and the Markdown wrapper. Inputs are built from
/// tokens that matter to each parser plus random bytes; each check states what must hold
/// for any input. `FuzzTests` runs it bounded with a fixed seed;
/// `FUZZ_SECONDS=600 swift test --filter FuzzTests` runs each target for minutes.
enum Fuzz {
    struct Failure: Error, CustomStringConvertible {
        var target: String
        var input: [UInt8]
        var problem: String
        var description: String {
            "\(target): \(problem) for input \(String(decoding: input, as: UTF8.self).debugDescription)"
        }
    }

    enum Target: String, CaseIterable, Sendable { case frontMatter, template, markdown }

    /// A small, fast, seedable generator (SplitMix64), so a failing run can be repeated.
    struct Generator: RandomNumberGenerator {
        private var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let tokens: [String] = [
        "---", "...", "\n", "\r\n", "\r", " ", "  ", "\t", "\u{FEFF}", "title: ", "date: 2021-01-28", "x", "日本語", "。",
        "「", "」", "{{", "}}", "{{{", "}}}", "{{#a}}", "{{/a}}", "{{^a}}", "{{>p}}", "{{<l}}", "{{$b}}", "{{/b}}",
        "{{=<% %>=}}", "<%", "%>", "{{!c}}", "{{&a}}", "{{.}}", "*", "**", "_", "`", "```", "#", "## ", "> ", "- ",
        "1. ", "[", "]", "(", ")", "![", "@/news/x.md", "../x.md", "#a", "<script>", "</script>", "javascript:",
        "<div>", "&amp;", "&", "<", ">", "\"", "'", "|", ":", "- [", "]\n", "\\", "\u{0}",
    ]

    static func input(_ rng: inout Generator, target: Target) -> [UInt8] {
        var bytes: [UInt8] = []
        let count = Int.random(in: 0...40, using: &rng)
        for _ in 0..<count {
            if target == .frontMatter && Int.random(in: 0..<10, using: &rng) == 0 {
                bytes.append(UInt8.random(in: 0...255, using: &rng))  // invalid UTF-8 too
            } else {
                bytes += Array(tokens.randomElement(using: &rng)!.utf8)
            }
        }
        return bytes
    }

    /// Runs one input; returns a failure when a property does not hold (a crash ends the process).
    static func check(_ input: [UInt8], target: Target) -> Failure? {
        func fail(_ problem: String) -> Failure { Failure(target: target.rawValue, input: input, problem: problem) }
        switch target {
        case .frontMatter:
            switch FrontMatterSplitter().split(input, file: "f.md") {
            case .failure(let d):
                if d.line < 1 || d.column < 1 { return fail("diagnostic without a position") }
            case .success(let parts):
                if parts.yaml != nil && parts.bodyFirstLine < 2 { return fail("body starts inside the front matter") }
                // The byte-level split must agree with the split of the same text as a String.
                let text = String(
                    decoding: input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input, as: UTF8.self)
                if !input.contains(0x0D), FrontMatterSplitter().split(normalized: text) != parts {
                    return fail("the byte split and the String split disagree")
                }
                if let yaml = parts.yaml,
                    case .failure(let d) = YAMLReader.readMapping(yaml, file: "f.md", lineOffset: 1), d.line < 1
                {
                    return fail("YAML diagnostic without a line")
                }
            }
        case .template:
            let source = String(decoding: input, as: UTF8.self)
            do {
                let template = try Template(source: source, name: "t")
                var library = TemplateLibrary(templates: ["t": template])
                library.strictPartials = false
                _ = try? library.render("t", ["a": [1, 2], "b": "<&>"])
            } catch {
                let lines = source.utf8.filter { $0 == 0x0A }.count + 1  // "\r\n" is one Character: count bytes
                if error.line < 1 || error.line > max(1, lines) || error.column < 1 {
                    return fail("error position \(error.line):\(error.column) is outside the template")
                }
            }
        case .markdown:
            let source = String(decoding: input, as: UTF8.self)
            let result = MarkdownRenderer().render(source, file: "m.md") { _ in .broken("no") }
            let lowered = result.htmlText.lowercased()
            if lowered.contains("<script") || lowered.contains("<div") { return fail("raw HTML survived") }
            if lowered.contains("href=\"javascript:") { return fail("a javascript: link survived") }
        }
        return nil
    }

    /// Runs `target` until `iterations` inputs or `seconds` have passed; returns the number of runs.
    static func run(_ target: Target, seed: UInt64, iterations: Int, seconds: Double) throws(Failure) -> Int {
        var rng = Generator(seed: seed)
        let start = ContinuousClock.now
        let limit = Duration.milliseconds(Int(seconds * 1000))
        var runs = 0
        while runs < iterations && ContinuousClock.now - start < limit {
            let input = input(&rng, target: target)
            if let failure = check(input, target: target) { throw failure }
            runs += 1
        }
        return runs
    }
}
