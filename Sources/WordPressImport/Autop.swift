import Foundation

/// WordPress's `wpautop`, which the classic editor's content relies on: it stores blank lines
/// where paragraphs end and single line breaks where `<br>` go, mixed freely with `<p>` and
/// other HTML. Ported from wp-includes/formatting.php (the rules for <option>, <object> and
/// <source> only tidy whitespace, which the HTML parser ignores anyway). Block-editor content
/// (`<!-- wp:` comments) has its own markup and is left alone, as WordPress does.
enum Autop {
    private static let blocks =
        "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"

    private static func replace(
        _ text: String, _ pattern: String, _ template: String, _ options: NSRegularExpression.Options = []
    )
        -> String
    {
        // The patterns are constants of this file: a failure to compile is a programming error.
        let regex = try! NSRegularExpression(pattern: pattern, options: options)
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    static func apply(_ input: String) -> String {
        guard !input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return "" }
        if input.contains("<!-- wp:") { return input }
        var text = input + "\n"
        // <pre> is kept as it is: its line breaks are its content.
        var pres: [String: String] = [:]
        if text.contains("<pre") {
            var parts = text.components(separatedBy: "</pre>")
            let last = parts.removeLast()
            text = ""
            for part in parts {
                guard let start = part.range(of: "<pre") else {
                    text += part
                    continue
                }
                let name = "<pre wp-pre-tag-\(pres.count)></pre>"
                pres[name] = String(part[start.lowerBound...]) + "</pre>"
                text += part[..<start.lowerBound] + name
            }
            text += last
        }
        text = replace(text, "<br\\s*/?>\\s*<br\\s*/?>", "\n\n")
        text = replace(text, "(<\(blocks)[\\s/>])", "\n\n$1")
        text = replace(text, "(</\(blocks)>)", "$1\n\n")
        text = replace(text, "(<hr\\s*?/?>)", "$1\n\n")
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        text = newlinesInTagsAsSpaces(text)
        if text.contains("<figcaption") {
            text = replace(text, "\\s*(<figcaption[^>]*>)", "$1")
            text = replace(text, "</figcaption>\\s*", "</figcaption>")
        }
        text = replace(text, "\n\n+", "\n\n")
        let paragraphs = text.components(separatedBy: try! NSRegularExpression(pattern: "\n\\s*\n"))
        text = paragraphs.filter { !$0.isEmpty }.map {
            "<p>" + $0.trimmingCharacters(in: CharacterSet(charactersIn: "\n")) + "</p>\n"
        }.joined()
        text = replace(text, "<p>\\s*</p>", "")
        text = replace(text, "<p>([^<]+)</(div|address|form)>", "<p>$1</p></$2>")
        text = replace(text, "<p>\\s*(</?\(blocks)[^>]*>)\\s*</p>", "$1")
        text = replace(text, "<p>(<li.+?)</p>", "$1")
        text = replace(text, "<p><blockquote([^>]*)>", "<blockquote$1><p>", .caseInsensitive)
        text = text.replacingOccurrences(of: "</blockquote></p>", with: "</p></blockquote>")
        text = replace(text, "<p>\\s*(</?\(blocks)[^>]*>)", "$1")
        text = replace(text, "(</?\(blocks)[^>]*>)\\s*</p>", "$1")
        text = text.replacingOccurrences(of: "<br>", with: "<br />").replacingOccurrences(of: "<br/>", with: "<br />")
        text = replace(text, "(?<!<br />)\\s*\n", "<br />\n")
        text = replace(text, "(</?\(blocks)[^>]*>)\\s*<br />", "$1")
        text = replace(text, "<br />(\\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", "$1")
        text = replace(text, "\n</p>$", "</p>")
        for (name, pre) in pres { text = text.replacingOccurrences(of: name, with: pre) }
        return text
    }

    /// Line breaks inside a tag (between attributes) are spaces: only those between tags
    /// count as paragraph or line breaks.
    private static func newlinesInTagsAsSpaces(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var inTag = false
        for character in text {
            switch character {
            case "<": inTag = true
            case ">": inTag = false
            case "\n" where inTag:
                out.append(" ")
                continue
            default: break
            }
            out.append(character)
        }
        return out
    }
}

extension String {
    fileprivate func components(separatedBy regex: NSRegularExpression) -> [String] {
        var parts: [String] = []
        var start = startIndex
        for match in regex.matches(in: self, range: NSRange(startIndex..., in: self)) {
            guard let range = Range(match.range, in: self) else { continue }
            parts.append(String(self[start..<range.lowerBound]))
            start = range.upperBound
        }
        parts.append(String(self[start...]))
        return parts
    }
}
