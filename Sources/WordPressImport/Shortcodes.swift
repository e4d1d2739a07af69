import Foundation

/// WordPress markup that is not HTML, turned into HTML before parsing: `[caption]`,
/// `[gallery]`, `[embed]`, `[video]` and `[audio]` shortcodes (the others are reported and
/// left as text), reusable blocks (`<!-- wp:block {"ref":N} /-->`, inlined from the export),
/// then the classic editor's paragraphs (`Autop`). Gutenberg's other block comments are HTML
/// comments and vanish when parsed.
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
                    guard let image = library.byID[id] else {
                        unknown.append(("gallery", "attachment \(id) of [gallery] is not in the export; left out"))
                        continue
                    }
                    out += "<img src=\"\(Self.attribute(image.url))\" alt=\"\(Self.attribute(image.alt))\">"
                }
                out += "</figure>"
            case "embed":
                let url = body.trimmingCharacters(in: .whitespacesAndNewlines)
                out += "<p><a href=\"\(Self.attribute(url))\">\(Self.attribute(url))</a></p>"
            case "video", "audio":
                // As the HTML element, which MarkdownWriter turns into a link to the file.
                let keys = ["src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav"]
                let body = body.trimmingCharacters(in: .whitespacesAndNewlines)
                let url =
                    keys.lazy.compactMap({ tag.attributes[$0] }).first ?? tag.positional
                    ?? (body.hasPrefix("http") ? body : "")
                out += "<\(tag.name) src=\"\(Self.attribute(url))\"></\(tag.name)>"
            default:
                unknown.append(("unknown shortcode", "[\(tag.name)] left as text"))
                out += rest[..<tag.end]
                rest = rest[tag.end...]
                continue
            }
            rest = after
        }
        out += rest
        return (Autop.apply(out), unknown)
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
        var positional: String?
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
        let pattern = /([a-zA-Z0-9_-]+)="([^"]*)"/
        for match in inside.matches(of: pattern) { attributes[String(match.1)] = String(match.2) }
        // `[audio https://…/a.mp3]`: WordPress takes a bare URL as the file too.
        let positional = inside.dropFirst(name.count).split(separator: " ").first {
            $0.hasPrefix("http://") || $0.hasPrefix("https://") || $0.hasPrefix("/")
        }
        return Tag(
            name: String(name), attributes: attributes, positional: positional.map(String.init),
            end: text.index(after: close))
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

}
