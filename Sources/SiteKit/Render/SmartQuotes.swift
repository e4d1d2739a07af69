/// Typographic quotes and dashes in titles and summaries written in front matter, as libcmark's
/// smart option gives page bodies: "Time to Act" → “Time to Act”, Tokyo's → Tokyo’s, -- → –.
enum SmartQuotes {
    static func apply(_ text: String) -> String {
        guard needsChange(text) else { return text }
        var out = ""
        var previous: Character? = nil
        let chars = Array(text)
        var i = 0
        func opens(_ before: Character?) -> Bool {
            guard let before else { return true }
            return before.isWhitespace || "([{「『（—–-/".contains(before)
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\"":
                out.append(opens(previous) ? "“" : "”")
            case "'":
                out.append(opens(previous) ? "‘" : "’")
            case "-" where i + 2 < chars.count && chars[i + 1] == "-" && chars[i + 2] == "-":
                out.append("—")
                i += 2
            case "-" where i + 1 < chars.count && chars[i + 1] == "-":
                out.append("–")
                i += 1
            case "." where i + 2 < chars.count && chars[i + 1] == "." && chars[i + 2] == ".":
                out.append("…")
                i += 2
            default:
                out.append(c)
            }
            previous = chars[i]
            i += 1
        }
        return out
    }

    /// Whether the text has a quote, `--` or `...`: a byte scan (these ASCII bytes never occur
    /// inside another character's UTF-8), where walking characters cost more than the rest.
    private static func needsChange(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): return true
            case UInt8(ascii: "-") where previous == UInt8(ascii: "-"): return true
            case UInt8(ascii: ".") where previous == UInt8(ascii: ".") && beforePrevious == UInt8(ascii: "."):
                return true
            default: break
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }
}
