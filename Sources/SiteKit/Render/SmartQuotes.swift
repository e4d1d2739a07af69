/// Typographic quotes and dashes in titles and summaries written in front matter, as libcmark's
/// smart option gives page bodies: "Time to Act" → “Time to Act”, Tokyo's → Tokyo’s, -- → –.
enum SmartQuotes {
    static func apply(_ text: String) -> String {
        guard text.contains(where: { $0 == "\"" || $0 == "'" || $0 == "-" || $0 == "." }) else { return text }
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
}
