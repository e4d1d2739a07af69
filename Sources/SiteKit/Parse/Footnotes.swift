import Foundation

/// GFM footnotes (`本文[^1]` and `[^1]: 出典`) on libcmark, rendered as GitHub renders them.
/// libcmark would read a definition as a link reference definition (`[^1]: 出典` is one) or
/// as a paragraph, so definitions are taken out of the text before parsing (their lines left
/// blank, so that every other line keeps its number), each parsed on its own like a table cell,
/// and put at the end of the page in a `<section class="footnotes">`, numbered in the order
/// they are first referred to; a reference becomes a superscript link, a definition nobody
/// refers to is left out, and `[^x]` without a definition stays text.
struct Footnotes {
    struct Definition {
        var label: String
        /// The definition's text, its continuation lines without their indentation.
        var body: String
        /// The line of the page the definition starts on.
        var line: Int
    }

    private(set) var definitions: [String: Definition] = [:]

    /// A byte scan first: a page without `[^` has no footnotes.
    static func isNeeded(_ source: String) -> Bool { ByteScan.contains("[^", in: source) }

    /// The text with the definitions' lines blanked, and the definitions; nil when there is none.
    static func extract(_ source: String) -> (text: String, footnotes: Footnotes)? {
        // Split on bytes: "\r\n" is one Character, and a line keeps its "\r" for libcmark.
        var lines = source.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        var footnotes = Footnotes()
        var fence: String?
        var i = 0
        while i < lines.count {
            let trimmed = lines[i].drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                i += 1
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                i += 1
                continue
            }
            guard lines[i].count - trimmed.count <= 3, let (label, first) = definitionStart(trimmed) else {
                i += 1
                continue
            }
            var body = [first.trimmingCharacters(in: ["\r"])]
            lines[i] = ""
            let start = i
            i += 1
            // Indented lines (and blank lines between them) continue it, and so do lazy
            // continuation lines of its last paragraph.
            while i < lines.count {
                let line = lines[i]
                if line.hasPrefix("    ") || line.hasPrefix("\t") {
                    body.append(String(line.dropFirst(line.hasPrefix("\t") ? 1 : 4)).trimmingCharacters(in: ["\r"]))
                } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                    let next = lines[(i + 1)...].first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                    guard let next, next.hasPrefix("    ") || next.hasPrefix("\t") else { break }
                    body.append("")
                } else if !(body.last ?? "").isEmpty, isLazy(line) {
                    body.append(line.trimmingCharacters(in: ["\r"]))
                } else {
                    break
                }
                lines[i] = ""
                i += 1
            }
            let key = label.lowercased()
            if footnotes.definitions[key] == nil {
                footnotes.definitions[key] = Definition(
                    label: label, body: body.joined(separator: "\n"), line: start + 1)
            }
        }
        guard !footnotes.definitions.isEmpty else { return nil }
        return (lines.joined(separator: "\n"), footnotes)
    }

    /// `[^label]: text` → the label and the text.
    private static func definitionStart(_ line: Substring) -> (String, String)? {
        guard line.hasPrefix("[^"), let close = line.firstIndex(of: "]") else { return nil }
        let label = line[line.index(line.startIndex, offsetBy: 2)..<close]
        let rest = line[line.index(after: close)...]
        guard !label.isEmpty, !label.contains(where: \.isWhitespace), rest.hasPrefix(":") else { return nil }
        return (String(label), String(rest.dropFirst().drop { $0 == " " || $0 == "\t" }))
    }

    /// A line that continues a paragraph lazily: one that starts no block of its own.
    private static func isLazy(_ line: String) -> Bool {
        let t = line.drop { $0 == " " }
        if t.hasPrefix("[^") && definitionStart(t) != nil { return false }
        let blockStarts = ["#", ">", "- ", "* ", "+ ", "```", "~~~", "<"]
        if blockStarts.contains(where: t.hasPrefix) { return false }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        let after = t.dropFirst(digits.count)
        return digits.isEmpty || !(after.hasPrefix(". ") || after.hasPrefix(") "))
    }
}
