import CLibXML2
import Foundation

/// A post's HTML as CommonMark an editor can go on writing: headings, paragraphs, lists,
/// links, emphasis, images with alt and caption, blockquotes, code, line breaks and GFM pipe
/// tables. Each paragraph is one line, so no line break ever lands between two Japanese
/// characters (a soft break there renders as a space). What has no Markdown form is dropped
/// and reported: scripts, styles, forms, inline `style` attributes.
struct MarkdownWriter {
    /// Where a link or image goes in the new site (internal links, uploads).
    var rewrite: (String) -> String
    /// The media library's alt text for an image the HTML gives none.
    var libraryAlt: (String) -> String? = { _ in nil }
    private(set) var problems: [(kind: String, detail: String)] = []

    init(rewrite: @escaping (String) -> String) { self.rewrite = rewrite }

    mutating func markdown(fromHTML html: String) -> String {
        let options = Int32(
            HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_NOIMPLIED.rawValue)
        let wrapped = "<div>" + html + "</div>"
        let document = wrapped.withCString { htmlReadMemory($0, Int32(strlen($0)), nil, "UTF-8", options) }
        guard let document else { return "" }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return "" }
        return blocks(of: root).joined(separator: "\n\n") + "\n"
    }

    private static let dropped: Set<String> = [
        "script", "style", "form", "input", "button", "select", "textarea", "noscript", "object", "embed",
    ]

    private static let formControls: Set<String> = ["form", "input", "button", "select", "textarea"]

    private static let blockNames: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5",
        "h6", "ul", "ol", "li", "blockquote", "pre", "hr", "table", "figure", "figcaption", "iframe", "dl", "dt",
        "dd", "center", "address", "video", "audio",
    ]

    /// The Markdown blocks of a node's children; runs of inline content become paragraphs.
    private mutating func blocks(of node: xmlNodePtr) -> [String] {
        var result: [String] = []
        var inline = ""
        func flush() {
            let text = self.paragraph(inline)
            if !text.isEmpty { result.append(text) }
            inline = ""
        }
        for child in XMLNode.children(node) {
            let name = XMLNode.name(child).lowercased()
            if child.pointee.type == XML_ELEMENT_NODE && (Self.blockNames.contains(name) || Self.dropped.contains(name))
            {
                flush()
                result += block(child, name: name)
            } else {
                inline += self.inline(child)
            }
        }
        flush()
        return Self.separateLists(result)
    }

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

    private mutating func block(_ node: xmlNodePtr, name: String) -> [String] {
        noteStyle(node)
        switch name {
        case _ where Self.dropped.contains(name):
            problems.append((Self.formControls.contains(name) ? "form" : name, "<\(name)> left out"))
            return []
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let text = self.paragraph(inlineChildren(node))
            return text.isEmpty ? [] : [String(repeating: "#", count: Int(String(name.last!))!) + " " + text]
        case "ul", "ol":
            var items: [String] = []
            var number = 1
            for item in XMLNode.children(node) where XMLNode.name(item).lowercased() == "li" {
                let marker = name == "ol" ? "\(number). " : "- "
                number += 1
                let content = blocks(of: item)
                let indent = String(repeating: " ", count: marker.count)
                let body = content.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
                    .enumerated().map {
                        $0.offset == 0 ? marker + $0.element : ($0.element.isEmpty ? "" : indent + $0.element)
                    }
                items.append(body.isEmpty ? marker.trimmingCharacters(in: .whitespaces) : body.joined(separator: "\n"))
            }
            return items.isEmpty ? [] : [items.joined(separator: "\n")]
        case "blockquote":
            let inner = blocks(of: node).joined(separator: "\n\n")
            return inner.isEmpty
                ? []
                : [
                    inner.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> " + $0 }
                        .joined(separator: "\n")
                ]
        case "pre":
            var code = Self.preformatted(node)
            while code.hasSuffix("\n") { code.removeLast() }
            let fence = String(repeating: "`", count: max(3, Self.longestRun(of: "`", in: code) + 1))
            return [fence + "\n" + code + "\n" + fence]
        case "hr":
            return ["***"]
        case "video", "audio":
            // Markdown has no player: a link to the file (copied with the uploads).
            let sources =
                [XMLNode.attribute(node, "src")]
                + XMLNode.children(node).filter {
                    XMLNode.name($0).lowercased() == "source"
                }.map { XMLNode.attribute($0, "src") }
            guard let source = sources.compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
                problems.append((name, "<\(name)> or [\(name)] without a file left out"))
                return []
            }
            let target = rewrite(source)
            let label = target.split(separator: "/").last.map(String.init) ?? target
            return ["[\(Self.escape(label.removingPercentEncoding ?? label))](\(Self.destination(target)))"]
        case "table":
            return table(node).map { [$0] } ?? []
        case "iframe":
            guard let source = XMLNode.attribute(node, "src"), !source.isEmpty else {
                problems.append(("iframe", "<iframe> without src left out"))
                return []
            }
            let url = Self.watchURL(source)
            return ["[\(Self.escape(XMLNode.attribute(node, "title") ?? url))](\(Self.destination(url)))"]
        case "figure":
            var parts: [String] = []
            var caption = ""
            for child in XMLNode.children(node) {
                if XMLNode.name(child).lowercased() == "figcaption" {
                    caption = self.paragraph(inlineChildren(child))
                } else if child.pointee.type == XML_ELEMENT_NODE,
                    Self.blockNames.contains(XMLNode.name(child).lowercased())
                {
                    parts += block(child, name: XMLNode.name(child).lowercased())
                } else {
                    let text = self.paragraph(inline(child))
                    if !text.isEmpty { parts.append(text) }
                }
            }
            if !caption.isEmpty { parts.append("*" + caption + "*") }
            return parts
        default:  // div, section, …: their content
            return blocks(of: node)
        }
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

    /// A GFM pipe table: the first row (or `<thead>`) is the header.
    private mutating func table(_ node: xmlNodePtr) -> String? {
        var rows: [[String]] = []
        func collect(_ parent: xmlNodePtr) {
            for child in XMLNode.children(parent) {
                switch XMLNode.name(child).lowercased() {
                case "thead", "tbody", "tfoot": collect(child)
                case "tr":
                    rows.append(
                        XMLNode.children(child).filter { ["td", "th"].contains(XMLNode.name($0).lowercased()) }.map {
                            self.paragraph(inlineChildren($0, inTable: true)).replacingOccurrences(of: "|", with: "\\|")
                        })
                default: break
                }
            }
        }
        collect(node)
        guard let width = rows.map(\.count).max(), width > 0 else { return nil }
        let padded = rows.map { $0 + Array(repeating: "", count: width - $0.count) }
        var lines = ["| " + padded[0].joined(separator: " | ") + " |"]
        lines.append("|" + Array(repeating: " --- |", count: width).joined())
        for row in padded.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    private mutating func inlineChildren(_ node: xmlNodePtr, inTable: Bool = false) -> String {
        XMLNode.children(node).map { inline($0, inTable: inTable) }.joined()
    }

    /// Inline Markdown; whitespace is collapsed later, in `paragraph`.
    private mutating func inline(_ node: xmlNodePtr, inTable: Bool = false) -> String {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return Self.escape(XMLNode.text(node))
        case XML_ELEMENT_NODE:
            break
        default:
            return ""  // comments (Gutenberg's block markers), processing instructions
        }
        noteStyle(node)
        let name = XMLNode.name(node).lowercased()
        switch name {
        case _ where Self.dropped.contains(name):
            problems.append((Self.formControls.contains(name) ? "form" : name, "<\(name)> left out"))
            return ""
        case "br":
            return inTable ? " " : Self.hardBreak
        case "strong", "b":
            return Self.wrap(inlineChildren(node, inTable: inTable), "**")
        case "em", "i":
            return Self.wrap(inlineChildren(node, inTable: inTable), "*")
        case "code", "kbd", "tt":
            let text = XMLNode.text(node)
            // A fence longer than any run of backticks inside, so none of them closes it (the
            // rest of the span would be read as Markdown, and raw HTML, otherwise).
            let fence = String(repeating: "`", count: Self.longestRun(of: "`", in: text) + 1)
            let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
            return text.isEmpty ? "" : fence + pad + text + pad + fence
        case "a":
            let text = inlineChildren(node, inTable: inTable)
            guard let href = XMLNode.attribute(node, "href"), !href.isEmpty else { return text }
            let target = rewrite(href)
            let label = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? Self.escape(target) : text
            return "[\(label)](\(Self.destination(target)))"
        case "img":
            guard let src = XMLNode.attribute(node, "src"), !src.isEmpty else {
                problems.append(("img", "<img> without src left out"))
                return ""
            }
            var text = XMLNode.attribute(node, "alt") ?? ""
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                // The alt text written in the media library, as WordPress's own image blocks
                // take it; without one, said (a reader of the page would get nothing).
                if let fromLibrary = libraryAlt(src) {
                    text = fromLibrary
                } else {
                    problems.append(("image without alt", "\(src) has no alt text; describe it"))
                }
            }
            let alt = Self.escape(text)
            return "![\(alt)](\(Self.destination(rewrite(src))))"
        case "iframe":
            return block(node, name: name).joined()
        default:
            return inlineChildren(node, inTable: inTable)
        }
    }

    private mutating func noteStyle(_ node: xmlNodePtr) {
        if XMLNode.attribute(node, "style") != nil {
            problems.append(("inline style", "style=\"…\" on <\(XMLNode.name(node))> left out"))
        }
    }

    /// A marker between the text, which cannot be parsed back unless it hugs the words.
    private static let hardBreak = "\u{1}"

    private static func wrap(_ text: String, _ marker: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return text }
        let lead = text.prefix { $0.isWhitespace }
        let trail = String(text.reversed().prefix { $0.isWhitespace })
        // Japanese brackets and stops stay outside the markers (「**強調**」): beside them,
        // inside, CommonMark would not read the markers at all.
        let outside = Set("「」『』（）【】〈〉《》〔〕“”‘’、。，．！？：；・")
        let before = trimmed.prefix { outside.contains($0) }
        let after = String(
            String(trimmed.dropFirst(before.count).reversed().prefix { outside.contains($0) }).reversed())
        let core = trimmed.dropFirst(before.count).dropLast(after.count)
        guard !core.isEmpty else { return text }
        return lead + before + String(Emphasis.open) + marker + core + marker + String(Emphasis.close) + after + trail
    }

    /// One paragraph on one line: whitespace runs become one space, or nothing between two
    /// Japanese characters; `<br>` becomes a hard break (a backslash at the end of the line).
    private mutating func paragraph(_ text: String) -> String {
        let (line, dropped) = Self.paragraphCounting(text)
        if dropped > 0 {
            problems.append(
                ("emphasis", "bold or italics beside punctuation and text, which Markdown cannot mark, left plain"))
        }
        return line
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

    private static func escapeSyntax(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<": out.append("\\")
            default: break
            }
            out.append(character)
        }
        return out
    }

    /// A line that would start a heading, list, quote or rule is escaped at its start.
    private static func escapeLineStart(_ text: String) -> String {
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
