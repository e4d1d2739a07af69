import CLibXML2
import Foundation

/// The text side of MarkdownWriter: paragraphs on one line, escaping, emphasis markers,
/// destinations and fences, apart from the walk over the HTML tree.
extension MarkdownWriter {
    /// Two lists in a row are one list to Markdown unless the second uses other markers
    /// (`*` after `-`, `1)` after `1.`), as CommonMark starts a new list on a new marker.
    static func separateLists(_ blocks: [String]) -> [String] {
        var result = blocks
        var previous: (kind: Character, alternate: Bool)?
        for n in result.indices {
            let kind: Character? =
                result[n].hasPrefix("- ") || result[n] == "-" || result[n].hasPrefix("-\n")
                ? "-" : (result[n].prefixMatch(of: #/[0-9]{1,9}\. /#) != nil ? "." : nil)
            guard let kind else {
                previous = nil
                continue
            }
            let alternate = previous?.kind == kind && previous?.alternate == false
            if alternate {
                result[n] = result[n].split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    if kind == "-", line == "-" || line.hasPrefix("- ") { return "*" + line.dropFirst() }
                    if kind == ".", let match = line.prefixMatch(of: #/([0-9]{1,9})\. /#) {
                        return match.1 + ") " + line[match.range.upperBound...]
                    }
                    return String(line)
                }.joined(separator: "\n")
            }
            previous = (kind, alternate)
        }
        return result
    }

    /// A list that may follow a line of text directly: a bullet list, or a numbered one
    /// starting at 1 (CommonMark lets no other interrupt a paragraph).
    static func startsTightList(_ block: String) -> Bool {
        block.hasPrefix("- ") || block.hasPrefix("* ") || block.hasPrefix("1. ") || block.hasPrefix("1) ")
    }

    /// The text of a `<pre>`, with `<br>` as line breaks: the block editor's preformatted and
    /// verse blocks write their lines so.
    static func preformatted(_ node: xmlNodePtr) -> String {
        var out = ""
        for child in XMLNode.children(node) {
            if child.pointee.type == XML_ELEMENT_NODE {
                out += XMLNode.name(child).lowercased() == "br" ? "\n" : preformatted(child)
            } else if child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE {
                out += XMLNode.text(child)
            }
        }
        return out
    }

    /// A marker between the text, which cannot be parsed back unless it hugs the words.
    static let hardBreak = "\u{1}"

    static func wrap(_ text: String, _ marker: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return text }
        let lead = text.prefix { $0.isWhitespace }
        let trail = String(text.reversed().prefix { $0.isWhitespace })
        // Written around the text as it is, brackets and stops too (`**「東京」**です`): the
        // site reads emphasis with the CJK-friendly amendment. A pair it would not read is
        // left out by `Emphasis.resolve`, and reported.
        return lead + String(Emphasis.open) + marker + trimmed + marker + String(Emphasis.close) + trail
    }

    static func paragraph(_ text: String) -> String { paragraphCounting(text).0 }

    static func paragraphCounting(_ text: String) -> (String, Int) {
        var out: [Character] = []
        var pendingSpace = false
        for character in text {
            if character == " " || character == "\n" || character == "\t" || character == "\r\n" || character == "\r" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace, let last = out.last, !(isJapanese(last) && isJapanese(character)),
                last != Character(hardBreak)
            {
                out.append(" ")
            }
            pendingSpace = false
            out.append(character)
        }
        var (line, dropped) = Emphasis.resolve(String(out), hardBreak: Character(hardBreak))
        while line.hasSuffix(hardBreak) { line.removeLast() }
        while line.hasPrefix(hardBreak) { line.removeFirst() }
        line = line.replacingOccurrences(of: " " + hardBreak, with: hardBreak)
        return (escapeLineStart(line.replacingOccurrences(of: hardBreak, with: "\\\n")), dropped)
    }

    static func isJapanese(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3000...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF:
            return true
        default:
            return false
        }
    }

    /// Characters Markdown would read as syntax, escaped with a backslash; `&` too where it
    /// starts an entity, so that text reading `&lt;` (written `&amp;lt;` in WordPress) stays so.
    static func escape(_ text: String) -> String {
        let escaped = escapeSyntax(text)
        guard escaped.contains("&") else { return escaped }
        return escaped.replacing(/&(?=#?[A-Za-z0-9]{1,32};)/) { _ in "\\&" }
    }

    static func escapeSyntax(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", "~": out.append("\\")
            default: break
            }
            out.append(character)
        }
        return out
    }

    /// A line that would start a heading, list, quote or rule is escaped at its start.
    static func escapeLineStart(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.first == "#" || line.first == "+" || line.first == "=" || line.first == ">" || line.hasPrefix("- ")
                || line == "-"
            {
                return "\\" + line
            }
            if let match = line.prefixMatch(of: /[0-9]{1,9}([.)])( |$)/) {
                let digits = line[..<match.1.startIndex]
                return digits + "\\" + line[match.1.startIndex...]
            }
            return String(line)
        }.joined(separator: "\n")
    }

    /// A link destination Markdown cannot read otherwise: spaces, angle brackets, parentheses,
    /// backslashes and control characters percent-encoded. A `<…>` destination would end at
    /// the first `>` and leave the rest, raw HTML included, as text to parse.
    static func destination(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ", "<", ">", "(", ")", "\\", "\"", "`":
                out += String(format: "%%%02X", scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "%%%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var run = 0
        for c in text {
            run = c == character ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// A YouTube embed as the page a reader can open.
    static func watchURL(_ source: String) -> String {
        var url = source.hasPrefix("//") ? "https:" + source : source
        if let range = url.range(of: "youtube.com/embed/") ?? url.range(of: "youtube-nocookie.com/embed/") {
            let id = url[range.upperBound...].prefix { $0 != "?" && $0 != "&" && $0 != "/" }
            url = "https://www.youtube.com/watch?v=" + id
        }
        return url
    }
}
