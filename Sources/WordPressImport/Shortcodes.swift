import Foundation

/// WordPress markup that is not HTML, turned into HTML before parsing: `[caption]`,
/// `[gallery]` and `[embed]` shortcodes (the others are reported and left as text), and the
/// paragraphs of the classic editor, which stores blank lines instead of `<p>` (`wpautop`).
/// Gutenberg's block comments are HTML comments and vanish when parsed.
struct Shortcodes {
    /// Attachment id → URL, for `[gallery ids="…"]`.
    var attachments: [Int: (url: String, alt: String)]

    /// The HTML, and the names of the shortcodes it had that were not understood.
    func expand(_ text: String) -> (html: String, unknown: [String]) {
        var unknown: [String] = []
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            rest = rest[open...]
            guard let tag = Self.tag(at: rest) else {
                out.append("[")
                rest = rest.dropFirst()
                continue
            }
            let body: Substring
            var after = rest[tag.end...]
            if let close = after.range(of: "[/\(tag.name)]") {
                body = after[..<close.lowerBound]
                after = after[close.upperBound...]
            } else {
                body = ""
            }
            switch tag.name {
            case "caption", "wp_caption":
                // <img …> caption text → a figure with the text as its caption.
                let (image, caption) = Self.splitImage(String(body))
                out += "<figure>\(image)<figcaption>\(caption)</figcaption></figure>"
            case "gallery":
                let ids = (tag.attributes["ids"] ?? "").split(separator: ",").compactMap {
                    Int($0.trimmingCharacters(in: .whitespaces))
                }
                out += "<figure>"
                for id in ids {
                    guard let image = attachments[id] else { continue }
                    let alt = image.alt.replacingOccurrences(of: "\"", with: "&quot;")
                    out += "<img src=\"\(image.url)\" alt=\"\(alt)\">"
                }
                out += "</figure>"
            case "embed":
                let url = body.trimmingCharacters(in: .whitespacesAndNewlines)
                out += "<p><a href=\"\(url)\">\(url)</a></p>"
            default:
                unknown.append(tag.name)
                out += rest[..<tag.end]
                rest = rest[tag.end...]
                continue
            }
            rest = after
        }
        out += rest
        return (Self.autoParagraphs(out), unknown)
    }

    private struct Tag {
        var name: String
        var attributes: [String: String]
        var end: Substring.Index
    }

    /// `[name attr="value" …]` at the start of `text`, or nil when it is not a shortcode.
    private static func tag(at text: Substring) -> Tag? {
        guard let close = text.firstIndex(of: "]") else { return nil }
        let inside = text[text.index(after: text.startIndex)..<close]
        let name = inside.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        guard !name.isEmpty, name.first!.isASCII, name.allSatisfy(\.isASCII),
            inside.dropFirst(name.count).first.map({ $0 == " " }) ?? true
        else { return nil }
        var attributes: [String: String] = [:]
        let pattern = /([a-zA-Z_]+)="([^"]*)"/
        for match in inside.matches(of: pattern) { attributes[String(match.1)] = String(match.2) }
        return Tag(name: String(name), attributes: attributes, end: text.index(after: close))
    }

    private static func splitImage(_ body: String) -> (String, String) {
        var image = ""
        var rest = Substring(body)
        // The image, possibly inside a link.
        if let start = rest.range(of: "<a ")?.lowerBound ?? rest.range(of: "<img")?.lowerBound,
            let end = rest.range(of: "</a>")?.upperBound
                ?? rest[start...].firstIndex(of: ">").map({ rest.index(after: $0) })
        {
            image = String(rest[start..<end])
            rest = rest[..<start] + rest[end...]
        }
        return (image, rest.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static let blockTag =
        "^</?(p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|pre|figure|figcaption|hr|iframe|form|script|style)\\b"

    /// The classic editor's paragraphs: text separated by blank lines becomes `<p>`, a single
    /// line break inside one `<br>`. Content that has its own `<p>` is left alone.
    static func autoParagraphs(_ html: String) -> String {
        if html.range(of: "<p[ >]", options: [.regularExpression, .caseInsensitive]) != nil { return html }
        let normalized = html.replacingOccurrences(of: "\r\n", with: "\n")
        var out: [String] = []
        for chunk in normalized.components(separatedBy: "\n\n") {
            let text = chunk.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            if text.range(of: blockTag, options: [.regularExpression, .caseInsensitive]) != nil {
                out.append(text)
            } else {
                out.append("<p>" + text.replacingOccurrences(of: "\n", with: "<br>\n") + "</p>")
            }
        }
        return out.joined(separator: "\n")
    }
}
