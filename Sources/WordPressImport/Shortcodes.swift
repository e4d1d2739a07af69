import Foundation

/// WordPress markup that is not HTML, turned into HTML before parsing: `[caption]`,
/// `[gallery]`, `[embed]`, `[video]` and `[audio]` shortcodes (the others are reported and
/// left as text), reusable blocks (`<!-- wp:block {"ref":N} /-->`, inlined from the export),
/// and the paragraphs of the classic editor, which stores blank lines instead of `<p>`
/// (`wpautop`). Gutenberg's other block comments are HTML comments and vanish when parsed.
struct Shortcodes {
    /// The attachments, for `[gallery]`, and the reusable blocks.
    var library: MediaLibrary
    /// The item's id: `[gallery]` without `ids` shows the images attached to it.
    var item: Int

    /// The HTML, and what was not understood (kind, detail).
    func expand(_ text: String) -> (html: String, unknown: [(kind: String, detail: String)]) {
        var unknown: [(kind: String, detail: String)] = []
        var out = ""
        var rest = Substring(inlineBlocks(text, problems: &unknown))
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
                let ids =
                    tag.attributes["ids"].map {
                        $0.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                    } ?? library.byParent[item] ?? []
                out += "<figure>"
                for id in ids {
                    guard let image = library.byID[id] else { continue }
                    out += "<img src=\"\(Self.attribute(image.url))\" alt=\"\(Self.attribute(image.alt))\">"
                }
                out += "</figure>"
            case "embed":
                let url = body.trimmingCharacters(in: .whitespacesAndNewlines)
                out += "<p><a href=\"\(Self.attribute(url))\">\(Self.attribute(url))</a></p>"
            case "video", "audio":
                // The file as a link: Markdown has no player, and the upload is copied.
                let keys = ["src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav"]
                if let url = keys.lazy.compactMap({ tag.attributes[$0] }).first {
                    out += "<p><a href=\"\(Self.attribute(url))\">\(Self.attribute(url))</a></p>"
                } else {
                    unknown.append(("unknown shortcode", "[\(tag.name)] without a file left out"))
                }
            default:
                unknown.append(("unknown shortcode", "[\(tag.name)] left as text"))
                out += rest[..<tag.end]
                rest = rest[tag.end...]
                continue
            }
            rest = after
        }
        out += rest
        return (Self.autoParagraphs(out), unknown)
    }

    /// Text as an HTML attribute value (or text) again: the expansions build HTML that
    /// libxml2 parses next, so a quote or `<` in a value must not make markup.
    static func attribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Reusable blocks replaced by their content, to a depth of three (a block may use another;
    /// one that uses itself stops there and is reported).
    func inlineBlocks(_ text: String, problems: inout [(kind: String, detail: String)], depth: Int = 0) -> String {
        let pattern = /<!--\s*wp:block\s*\{[^}]*"ref"\s*:\s*([0-9]{1,18})[^}]*\}\s*\/-->/
        guard text.contains("wp:block") else { return text }
        return text.replacing(pattern) { match in
            guard let id = Int(match.1), let block = library.blocks[id] else {
                problems.append(("reusable block", "block \(match.1) is not in the export; left out"))
                return ""
            }
            guard depth < 3 else {
                problems.append(("reusable block", "block \(id) nests too deep; left out"))
                return ""
            }
            return inlineBlocks(block, problems: &problems, depth: depth + 1)
        }
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
