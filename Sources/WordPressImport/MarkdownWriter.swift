import CLibXML2
import Foundation
import SiteKit

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
        xmlResetLastError()
        let document = wrapped.withCString { htmlReadMemory($0, Int32(strlen($0)), nil, "UTF-8", options) }
        defer { if let document { xmlFreeDoc(document) } }
        // libxml2 gives up on HTML nested deeper than 256 elements and drops the rest: the
        // text is kept instead, without its markup, and said.
        if let error = xmlGetLastError(), error.pointee.level == XML_ERR_FATAL {
            let message = error.pointee.message.map { String(cString: $0) } ?? "unreadable"
            problems.append(
                (
                    "unreadable HTML",
                    "\(message.trimmingCharacters(in: .whitespacesAndNewlines)); its text kept without markup"
                ))
            return Self.plainParagraphs(html)
        }
        guard let document, let root = xmlDocGetRootElement(document) else { return "" }
        return blocks(of: root).joined(separator: "\n\n") + "\n"
    }

    /// HTML as Markdown paragraphs of its text only, for HTML libxml2 cannot read.
    static func plainParagraphs(_ html: String) -> String {
        let lines = HTMLPlain.strippedText(html).components(separatedBy: "\n")
        return lines.map { paragraph(escape($0)) }.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
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
            // <ol start="8">; CommonMark numbers have at most nine digits.
            var number = XMLNode.attribute(node, "start").flatMap { Int($0) }.map { max(0, min($0, 99_999_999)) } ?? 1
            for item in XMLNode.children(node) where XMLNode.name(item).lowercased() == "li" {
                let marker = name == "ol" ? "\(number). " : "- "
                number += 1
                let content = blocks(of: item)
                let indent = String(repeating: " ", count: marker.count)
                // A nested list right under the item's text, without a blank line: with one,
                // the whole list would become loose (each item a <p>).
                var joined = ""
                for (n, block) in content.enumerated() {
                    if n > 0 { joined += Self.startsTightList(block) ? "\n" : "\n\n" }
                    joined += block
                }
                let body = joined.split(separator: "\n", omittingEmptySubsequences: false)
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
        case "del", "s", "strike":
            return Self.wrap(inlineChildren(node, inTable: inTable), "~~")
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

    /// One paragraph on one line: whitespace runs become one space, or nothing between two
    /// Japanese characters; `<br>` becomes a hard break (a backslash at the end of the line).
    private mutating func paragraph(_ text: String) -> String {
        let (line, dropped) = Self.paragraphCounting(text)
        if dropped > 0 {
            problems.append(
                ("emphasis", "bold or italics beside punctuation and text, which Markdown cannot mark, left plain"))
        }
        if let titled = Self.titledEmbed(line) {
            problems.append(
                ("embed without title", "a video or map address on its own line titled \(titled); write what it shows"))
            return titled
        }
        return line
    }

    /// WordPress embeds an address on a line of its own (oEmbed), and so does the site, which
    /// needs a title for the frame (`EmbedRules`): such a line, bare or linked to itself, gets
    /// the service's name as its text.
    static func titledEmbed(_ line: String) -> String? {
        var url = line.trimmingCharacters(in: .whitespaces)
        if url.hasPrefix("["), url.hasSuffix(")"), let middle = url.range(of: "](") {
            let label = url[url.index(after: url.startIndex)..<middle.lowerBound].replacingOccurrences(
                of: "\\", with: "")
            let target = String(url[middle.upperBound..<url.index(before: url.endIndex)])
            guard label == target else { return nil }
            url = target
        }
        guard url.hasPrefix("http"), !url.contains(" "), let service = EmbedRules.service(of: url) else { return nil }
        return "[\(service)](\(url))"
    }
}
