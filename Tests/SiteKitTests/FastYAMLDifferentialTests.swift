import Foundation
import Testing

@testable import SiteKit

/// FastYAML against Yams on generated front matter: for every text the fast reader accepts,
/// it must give Yams' values and positions. The grammar mixes what editors write with what
/// trips readers up: every scalar style, flow and block collections, comments, tabs, BOMs,
/// odd Unicode, indicators in odd places.
@Suite struct FastYAMLDifferentialTests {
    /// SplitMix64: a fixed seed gives the same documents on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    struct Grammar {
        var random: Random
        /// Tame documents look like real front matter with a few odd pieces; wild ones are
        /// odd throughout. Both are needed: the fast path only takes the tame ones.
        var wild = false

        static let tameKeys = ["title", "date", "tags", "summary", "a", "b-c", "key_1", "Slug", "x1"]
        static let tameWords = [
            "横浜市", "脱炭素", "Race to Zero", "yes", "No", "~", "null", "true", "0", "-7", "+3", "1.5", "2021-01-28",
            "a #b", "a#b", "http://x.org/a#b", "ＡＢＣ", "x'y", "a,b", "é", "--", "1:30",
        ]

        static let keys = [
            "title", "date", "tags", "summary", "a", "b-c", "key_1", "Slug", "x1", "日本", "a b", "a:b", "-k", "?k",
            "\"quoted\"", "'single'", "k#", "k\u{FEFF}", "ｋｅｙ",
        ]
        static let words = [
            "横浜市", "脱炭素", "Race to Zero", "yes", "No", "on", "~", "null", "true", "0", "-7", "+3", "0x1F", "0o17",
            "1e3", ".5", "1.5", ".inf", "1:30", "12:30:00", "2021-01-28", "2021-01-28T10:00:00+09:00", "1.2.3",
            "-", "--", "---", "...", "a: b", "a:b", "a #b", "a#b", "http://x.org/a#b", "&a", "*a", "!tag", "|", ">",
            "%x", "@x", "`x`", "'", "\"", "x'y", "ＡＢＣ", "ｶﾀｶﾅ", "　全角", "e\u{301}", "😀", "a\u{200B}b", "\u{FEFF}v",
            "[", "]", "{", "}", ",", "a,b", "?", "? x", "- x", "=", "<<", "é", "",
        ]
        static let characters: [Character] = [
            "a", "Z", "3", " ", " ", ":", "#", ",", "[", "]", "{", "}", "'", "\"", "\\", "-", "?",
            "\t", "\u{FEFF}", "日", "　", "&", "*", "!", "|", ">", "%", "@", "`", "~", ".", "é",
        ]

        mutating func document() -> String {
            wild = random.chance(50)
            var lines: [String] = []
            if random.chance(3) { lines.append("\u{FEFF}") }
            for _ in 0..<(1 + random.below(5)) {
                if random.chance(10) { lines.append(random.chance(50) ? "" : "# " + plain()) }
                lines += entry(indent: 0, depth: 0)
            }
            return lines.joined(separator: wild && random.chance(5) ? "\r\n" : "\n") + (random.chance(50) ? "\n" : "")
        }

        mutating func entry(indent: Int, depth: Int) -> [String] {
            let pad = String(repeating: " ", count: indent)
            let key = wild || random.chance(5) ? random.pick(Self.keys) : random.pick(Self.tameKeys)
            let colon = wild || random.chance(5) ? random.pick([": ", ": ", ":  ", ":", ":\t", " : "]) : ": "
            if depth < 2 && random.chance(20) {
                let inner = indent + random.pick([2, 2, 4, 1])
                var lines = [pad + key + ":" + trailing()]
                if random.chance(50) {
                    for _ in 0..<(1 + random.below(3)) {
                        lines.append(String(repeating: " ", count: random.pick([indent, inner])) + "- " + scalar())
                    }
                } else {
                    for _ in 0..<(1 + random.below(3)) { lines += entry(indent: inner, depth: depth + 1) }
                }
                return lines
            }
            return [pad + key + colon + value() + trailing()]
        }

        mutating func value() -> String {
            switch random.below(wild ? 10 : 9) {
            case 0, 1, 2: return scalar()
            case 3:
                return "[" + (0..<random.below(4)).map { _ in spaced(scalar()) }.joined(separator: ",")
                    + random.pick(["", ",", " "]) + "]"
            case 4:
                return "{"
                    + (0..<random.below(3)).map { _ in
                        spaced(
                            random.pick(Self.keys) + random.pick([": ", ":", ": ", " :"])
                                + (random.chance(85) ? scalar() : ""))
                    }.joined(separator: ",") + "}"
            case 5 where wild || random.chance(10):
                return random.pick([
                    "[a, [b]]", "{a: {b: c}}", "[a,\n  b]", "|\n  block", ">\n  folded", "&a 1", "*a", "!!str 1",
                ])
            case 6: return ""
            default: return plain()
            }
        }

        mutating func scalar() -> String {
            switch random.below(6) {
            case 0: return "\"" + escapedDouble() + "\""
            case 1: return "'" + plain().replacingOccurrences(of: "'", with: random.chance(80) ? "''" : "'") + "'"
            case 2, 3: return random.pick(wild || random.chance(10) ? Self.words : Self.tameWords)
            default: return plain()
            }
        }

        mutating func escapedDouble() -> String {
            (0..<random.below(8)).map { _ in
                random.chance(20)
                    ? random.pick(["\\\"", "\\\\", "\\n", "\\t", "\\/", "\\u00e9", "\\x41", "\\q", "\\"])
                    : String(random.pick(Self.characters.filter { $0 != "\"" && $0 != "\\" }))
            }.joined()
        }

        mutating func plain() -> String {
            if !wild && random.chance(90) { return random.pick(random.chance(90) ? Self.tameWords : Self.words) }
            if random.chance(50) { return random.pick(Self.words) }
            return String((0..<(1 + random.below(8))).map { _ in random.pick(Self.characters) })
        }

        mutating func spaced(_ s: String) -> String { random.pick(["", " ", "  "]) + s + random.pick(["", " "]) }
        mutating func trailing() -> String {
            wild || random.chance(10) ? random.pick(["", "", "", " ", "\t", " # note", "#x"]) : ""
        }
    }

    /// What FastYAML returns must be what Yams returns; nil (step aside) is always allowed.
    static func disagreement(_ text: String) -> String? {
        guard let fast = FastYAML.readMapping(text, lineOffset: 1) else { return nil }
        switch YAMLReader.readMappingWithYams(text, file: "f.md", lineOffset: 1) {
        case .failure(let d): return "FastYAML accepted what Yams rejects (\(d.message))"
        case .success(let yams):
            if fast.values != yams.values { return "values differ: fast \(fast.values) yams \(yams.values)" }
            if fast.positions != yams.positions {
                return "positions differ: fast \(fast.positions) yams \(yams.positions)"
            }
            return nil
        }
    }

    @Test func generatedFrontMatterReadsAsYamsReadsIt() {
        var grammar = Grammar(random: Random(state: 20_261_129))
        var accepted = 0
        var failures: [String] = []
        let total = 20_000
        for _ in 0..<total {
            let text = grammar.document()
            if FastYAML.readMapping(text, lineOffset: 1) != nil { accepted += 1 }
            if let problem = Self.disagreement(text), failures.count < 10 {
                failures.append("\(problem)\n--- input ---\n\(text)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        // The generator must reach the fast path often, or the comparison proves little.
        #expect(accepted > total / 8, "only \(accepted) of \(total) documents took the fast path")
    }

    @Test func theFourKnownDisagreementsStepAside() {
        for text in ["a: b\t", "a: {a:b}", "a: {a:}", "a: \u{FEFF}b", "a: [b]\t# c"] {
            #expect(Self.disagreement(text) == nil, "\(text.debugDescription)")
        }
    }

    @Test func everyContentFileOfTheBundledSiteReadsAsYamsReadsIt() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Content").standardizedFileURL
        var checked = 0
        var fast = 0
        for path in ContentTree.files(below: content, withExtension: "md") {
            let bytes = Array(try Data(contentsOf: content.appendingPathComponent(path)))
            guard let yaml = try FrontMatterSplitter().split(bytes, file: path).get().yaml else { continue }
            checked += 1
            if FastYAML.readMapping(yaml, lineOffset: 1) != nil { fast += 1 }
            #expect(Self.disagreement(yaml) == nil, "\(path): \(Self.disagreement(yaml) ?? "")")
        }
        #expect(checked > 100)
        #expect(fast == checked, "every front matter of the bundled site takes the fast path")
    }
}
