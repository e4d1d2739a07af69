import SiteKit

/// Emphasis and strikethrough markers that the site's Markdown would not read (CommonMark
/// with the CJK-friendly amendment, asked through SiteKit's `EmphasisRules`): `**「強調」**です`
/// is read, but `a**(b)**c` and `**<img>**この` (an image ends in `)`) would print their stars. The writer
/// marks where its emphasis opens and closes; once the paragraph's text is known, a pair that
/// would not be read is dropped (the text stays, without bold) and counted.
enum Emphasis {
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    /// The line without the marks, and how many pairs were dropped. `hardBreak` counts as the
    /// end of a line.
    static func resolve(_ line: String, hardBreak: Character) -> (String, dropped: Int) {
        guard line.contains(open) else { return (line, 0) }
        var chars = Array(line)
        var remove = Set<Int>()
        var stack: [(index: Int, width: Int)] = []
        var dropped = 0
        func neighbour(_ index: Int, step: Int) -> Character? {
            var i = index
            while i >= 0 && i < chars.count {
                if chars[i] != open && chars[i] != close { return chars[i] == hardBreak ? " " : chars[i] }
                i += step
            }
            return nil
        }
        // A Character is a grapheme: a kanji with its variation selector is one, as the
        // amendment reads it.
        func tail(_ c: Character?) -> [Unicode.Scalar] { c.map { Array($0.unicodeScalars.suffix(2)) } ?? [] }
        func head(_ c: Character?) -> Unicode.Scalar? { c?.unicodeScalars.first }
        for i in chars.indices {
            if chars[i] == open {
                var width = 0
                let marker = i + 1 < chars.count && chars[i + 1] == "~" ? Character("~") : "*"
                while i + 1 + width < chars.count && chars[i + 1 + width] == marker { width += 1 }
                stack.append((i, width))
            } else if chars[i] == close, let start = stack.popLast() {
                let width = start.width
                let before = neighbour(start.index - 1, step: -1)
                let first = neighbour(start.index + 1 + width, step: 1)
                let last = neighbour(i - 1 - width, step: -1)
                let after = neighbour(i + 1, step: 1)
                // As the site reads it: CommonMark with the CJK-friendly amendment.
                let opens = EmphasisRules.flags("*", before: tail(before), after: head(first)).opens
                let closes = EmphasisRules.flags("*", before: tail(last), after: head(after)).closes
                remove.insert(start.index)
                remove.insert(i)
                if !(opens && closes) {
                    dropped += 1
                    for k in 0..<width {
                        remove.insert(start.index + 1 + k)
                        remove.insert(i - 1 - k)
                    }
                }
            }
        }
        chars = chars.indices.filter { !remove.contains($0) && chars[$0] != open && chars[$0] != close }.map {
            chars[$0]
        }
        return (String(chars), dropped)
    }
}
