import CCmark

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a cmark node tree as HTML, following cmark's own HTML renderer (html.c) node by
/// node, with the project's rules added. Iterative (cmark_iter), so 10,000 nested block
/// quotes cannot overflow the stack.
struct HTMLTreeWriter {
    let allowRawHTML: Bool
    let file: String
    let lineOffset: Int
    var out: HTMLBuffer
    var headingIDs = HeadingIDs()
    var headings: [MarkdownResult.Heading] = []
    private var reported: BoundedDiagnostics
    var diagnostics: [Diagnostic] { reported.all }
    var links: [LinkRecord] = []
    /// The image whose children are being written as its plain-text `alt`.
    private var plainTextOwner: OpaquePointer?

    /// The Markdown text, for turning cmark's byte columns into character columns.
    let source: String
    private var lineStarts: [String.Index] = []

    /// Where the last search for a stray `*` ended: its paragraph, and the line and scalar
    /// index of what it found (nil: nothing more in that paragraph).
    private struct AsteriskSearch {
        var block: OpaquePointer?
        var found: (line: Int, index: Int)?
    }
    private var asteriskSearch: AsteriskSearch?

    /// Where `CJKEmphasis` widened lines of what libcmark read.
    let columnShifts: ColumnShifts

    init(
        allowRawHTML: Bool, file: String, lineOffset: Int, capacity: Int, source: String = "",
        columnShifts: ColumnShifts = ColumnShifts()
    ) {
        self.source = source
        self.columnShifts = columnShifts
        self.allowRawHTML = allowRawHTML
        self.file = file
        self.reported = BoundedDiagnostics(file: file)
        self.lineOffset = lineOffset
        self.out = HTMLBuffer(capacity: capacity)
    }

    mutating func write(_ document: OpaquePointer, resolveLink: (String) -> LinkResolution) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            if let owner = plainTextOwner {
                if node == owner, !entering {
                    plainTextOwner = nil
                    closeImage(node)
                } else if entering {
                    writePlain(node)
                }
                continue
            }
            writeNode(node, entering: entering, resolveLink: resolveLink)
        }
    }

    /// `<br>`, `<br/>` or `<br />`, in any case: a tag with nothing in it to sanitise.
    static func isLineBreakTag(_ literal: UnsafePointer<CChar>?) -> Bool {
        guard let literal else { return false }
        let tag = String(cString: literal).lowercased().filter { $0 != " " }
        return tag == "<br>" || tag == "<br/>"
    }

    private mutating func writePlain(_ node: OpaquePointer) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            out.appendEscaped(cString: cmark_node_get_literal(node))
        case CMARK_NODE_LINEBREAK, CMARK_NODE_SOFTBREAK:
            if !PlainText.joinsWithoutSpace(node) { out.append(" ") }
        default:
            break
        }
    }

    private mutating func writeNode(_ node: OpaquePointer, entering: Bool, resolveLink: (String) -> LinkResolution) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT:
            break
        case CMARK_NODE_BLOCK_QUOTE:
            out.newlineIfNeeded()
            out.append(entering ? "<blockquote>\n" : "</blockquote>\n")
        case CMARK_NODE_LIST:
            let bullet = cmark_node_get_list_type(node) == CMARK_BULLET_LIST
            if entering {
                out.newlineIfNeeded()
                let start = cmark_node_get_list_start(node)
                if bullet {
                    out.append("<ul>\n")
                } else if start == 1 {
                    out.append("<ol>\n")
                } else {
                    out.append("<ol start=\"\(start)\">\n")
                }
            } else {
                out.append(bullet ? "</ul>\n" : "</ol>\n")
            }
        case CMARK_NODE_ITEM:
            if entering {
                out.newlineIfNeeded()
                out.append("<li>")
            } else {
                out.append("</li>\n")
            }
        case CMARK_NODE_HEADING:
            let level = cmark_node_get_heading_level(node)
            if entering {
                out.newlineIfNeeded()
                let text = PlainText.of(node)
                let id = headingIDs.claim(for: text)
                headings.append(MarkdownResult.Heading(level: Int(level), text: text, id: id))
                out.append("<h\(level) id=\"")
                out.appendEscaped(id.utf8)
                out.append("\">")
            } else {
                out.append("</h\(level)>\n")
            }
        case CMARK_NODE_CODE_BLOCK:
            writeCodeBlock(node)
        case CMARK_NODE_HTML_BLOCK:
            if allowRawHTML {
                out.newlineIfNeeded()
                out.append(cString: cmark_node_get_literal(node))
                out.newlineIfNeeded()
            }
        case CMARK_NODE_CUSTOM_BLOCK:
            // Tables (`PipeTables`): the tags are the node's enter and exit strings.
            if entering {
                out.newlineIfNeeded()
                out.append(cString: cmark_node_get_on_enter(node))
            } else {
                out.append(cString: cmark_node_get_on_exit(node))
            }
        case CMARK_NODE_CUSTOM_INLINE:
            // Strikethrough (`Strikethrough`) and footnote references: tags made by our passes.
            out.append(cString: entering ? cmark_node_get_on_enter(node) : cmark_node_get_on_exit(node))
        case CMARK_NODE_THEMATIC_BREAK:
            out.newlineIfNeeded()
            out.append("<hr />\n")
        case CMARK_NODE_PARAGRAPH:
            if !isInTightList(node) && !isTableCell(node) {
                if entering {
                    out.newlineIfNeeded()
                    out.append("<p>")
                } else {
                    out.append("</p>\n")
                }
            }
        case CMARK_NODE_TEXT:
            out.appendEscaped(cString: cmark_node_get_literal(node))
            checkLiteralEmphasis(node)
        case CMARK_NODE_LINEBREAK:
            out.append("<br />\n")
        case CMARK_NODE_SOFTBREAK:
            if !PlainText.joinsWithoutSpace(node) { out.append("\n") }
        case CMARK_NODE_CODE:
            out.append("<code>")
            out.appendEscaped(cString: cmark_node_get_literal(node))
            out.append("</code>")
        case CMARK_NODE_HTML_INLINE:
            if allowRawHTML {
                out.append(cString: cmark_node_get_literal(node))
            } else if Self.isLineBreakTag(cmark_node_get_literal(node)) {
                // The browser editors (Sveltia, Decap CMS) save a line break inside a paragraph
                // as `<br>`: it is one, whether or not the site lets other raw HTML through.
                out.append("<br />\n")
            }
        case CMARK_NODE_EMPH:
            out.append(entering ? "<em>" : "</em>")
        case CMARK_NODE_STRONG:
            out.append(entering ? "<strong>" : "</strong>")
        case CMARK_NODE_LINK:
            if entering {
                out.append("<a href=\"")
                writeURL(of: node, resolveLink: resolveLink)
                out.append("\"")
                writeTitle(of: node)
                out.append(">")
            } else {
                out.append("</a>")
            }
        case CMARK_NODE_IMAGE:
            if entering {
                out.append("<img src=\"")
                writeURL(of: node, resolveLink: resolveLink)
                out.append("\" alt=\"")
                plainTextOwner = node
            }
        default:
            break
        }
    }

    private mutating func closeImage(_ node: OpaquePointer) {
        out.append("\"")
        writeTitle(of: node)
        out.append(" />")
    }

    private mutating func writeCodeBlock(_ node: OpaquePointer) {
        out.newlineIfNeeded()
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first
        if let language {
            out.append("<pre><code class=\"language-")
            out.appendEscaped(language.utf8)
            out.append("\">")
        } else {
            out.append("<pre><code>")
        }
        out.appendEscaped(cString: cmark_node_get_literal(node))
        out.append("</code></pre>\n")
    }

    private mutating func writeTitle(of node: OpaquePointer) {
        guard let title = cmark_node_get_title(node), title.pointee != 0 else { return }
        out.append(" title=\"")
        out.appendEscaped(cString: title)
        out.append("\"")
    }

    private mutating func writeURL(of node: OpaquePointer, resolveLink: (String) -> LinkResolution) {
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        var target = url
        let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        // Link records keep cmark's byte column; it becomes a character column only if a
        // diagnostic is ever made from it.
        let (line, byteColumn) = bytePosition(of: node)
        switch resolveLink(url) {
        case .unchanged:
            links.append(
                LinkRecord(url: url, page: nil, fragment: "", isImage: isImage, line: line, column: byteColumn))
        case .rewritten(let resolved):
            target = resolved
        case .page(let resolved, let page, let fragment):
            target = resolved
            links.append(
                LinkRecord(
                    url: resolved, page: page, fragment: fragment, isImage: isImage, line: line, column: byteColumn))
        case .broken(let message):
            report(.error, at: node, message)
        }
        if !allowRawHTML && URLSafety.isDangerous(target, isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
            return
        }
        out.appendEscapedURL(target.utf8)
    }

    /// Line `n` (1-based) of the Markdown, from an index of line starts built on first use:
    /// paragraphs are checked one after another, so the text is scanned once, not per paragraph.
    private mutating func sourceLine(_ n: Int) -> Substring.UTF8View? {
        if lineStarts.isEmpty {
            lineStarts = [source.utf8.startIndex]
            var i = source.utf8.startIndex
            while let newline = source.utf8[i...].firstIndex(of: 0x0A) {
                i = source.utf8.index(after: newline)
                lineStarts.append(i)
            }
        }
        guard n >= 1, n <= lineStarts.count else { return nil }
        let start = lineStarts[n - 1]
        let end = n < lineStarts.count ? source.utf8.index(before: lineStarts[n]) : source.utf8.endIndex
        return source[start..<end].utf8
    }

    /// An asterisk left as text beside Japanese text after the CJK-friendly rules
    /// (`CJKEmphasis`) is one with nothing to pair with: `**` opened and never closed, or the
    /// reverse. Correct writing such as `**「強調」**です` no longer gets here; an escaped `\*`
    /// is meant and is not reported.
    private mutating func checkLiteralEmphasis(_ node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node), strchr(literal, 0x2A) != nil else { return }
        let scalars = Array(String(cString: literal).unicodeScalars)
        for (i, scalar) in scalars.enumerated() where scalar == "*" {
            let before = i > 0 ? scalars[i - 1] : nil
            let after = i + 1 < scalars.count ? scalars[i + 1] : nil
            let besideJapanese = [before, after].contains { $0.map(EastAsianWidth.isWide) ?? false }
            guard besideJapanese else { continue }
            guard reported.hasRoom else { return reported.drop(.warning) }
            guard let (line, column) = literalAsteriskPosition(from: node) else { return }
            reported.add(
                .warning(
                    file, line, column,
                    "`*` beside Japanese text stays an asterisk: no `*` in this paragraph opens or closes emphasis with it; add the missing pair (**強調**), or write `\\*` for an asterisk"
                ))
            return
        }
    }

    /// Where the stray `*` stands: the next unescaped asterisk beside a wide character on the
    /// lines of the node's paragraph (text nodes carry no position of their own in cmark
    /// 0.30); nil when there is none, the asterisks being escaped ones. The search resumes
    /// where the last one in the same paragraph stopped, so a paragraph is read once however
    /// many text nodes ask.
    private mutating func literalAsteriskPosition(from node: OpaquePointer) -> (Int, Int)? {
        var block: OpaquePointer? = node
        while let b = block, cmark_node_get_type(b).rawValue >= CMARK_NODE_FIRST_INLINE.rawValue {
            block = cmark_node_parent(b)
        }
        var line = bytePosition(of: node).0 - lineOffset
        var start = 0
        if let last = asteriskSearch, last.block == block {
            guard let found = last.found else { return nil }
            if found.line >= line { (line, start) = (found.line, found.index + 1) }
        }
        let last = block.map { Int(cmark_node_get_end_line($0)) } ?? line
        while line <= max(last, line), let text = sourceLine(line), !text.isEmpty {
            let scalars = Array(String(decoding: text, as: UTF8.self).unicodeScalars)
            for i in scalars.indices.dropFirst(start) where scalars[i] == "*" && !isEscaped(scalars, i) {
                let neighbours = [i > 0 ? scalars[i - 1] : nil, i + 1 < scalars.count ? scalars[i + 1] : nil]
                if neighbours.contains(where: { $0.map(EastAsianWidth.isWide) ?? false }) {
                    asteriskSearch = AsteriskSearch(block: block, found: (line, i))
                    return (lineOffset + line, i + 1)
                }
            }
            line += 1
            start = 0
        }
        asteriskSearch = AsteriskSearch(block: block, found: nil)
        return nil
    }

    private func isEscaped(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        var count = 0
        var i = index - 1
        while i >= 0 && scalars[i] == "\\" {
            count += 1
            i -= 1
        }
        return count % 2 == 1
    }

    /// A problem at `node`, positioned only while the page's list of problems has room.
    private mutating func report(_ severity: Diagnostic.Severity, at node: OpaquePointer, _ message: String) {
        guard reported.hasRoom else { return reported.drop(severity) }
        let (line, column) = position(of: node)
        reported.add(Diagnostic(file: file, line: line, column: column, severity: severity, message: message))
    }

    /// The node's line in the file and cmark's byte column on that line.
    private func bytePosition(of node: OpaquePointer) -> (Int, Int) {
        var current: OpaquePointer? = node
        while let n = current {
            let line = Int(cmark_node_get_start_line(n))
            if line > 0 {
                let column = columnShifts.original(line: line, column: Int(cmark_node_get_start_column(n)))
                return (lineOffset + line, max(1, column))
            }
            current = cmark_node_parent(n)
        }
        return (lineOffset + 1, 1)
    }

    /// The node's line and column in the file; inline nodes without a position borrow
    /// their enclosing block's.
    private func position(of node: OpaquePointer) -> (Int, Int) {
        var current: OpaquePointer? = node
        while let n = current {
            let line = Int(cmark_node_get_start_line(n))
            if line > 0 {
                let column = columnShifts.original(line: line, column: Int(cmark_node_get_start_column(n)))
                return (lineOffset + line, characterColumn(line: line, byteColumn: column))
            }
            current = cmark_node_parent(n)
        }
        return (lineOffset + 1, 1)
    }

    private func characterColumn(line: Int, byteColumn: Int) -> Int {
        SourceColumns.characterColumn(in: source, line: line, byteColumn: byteColumn)
    }

    private func isTableCell(_ paragraph: OpaquePointer) -> Bool {
        // A cell is a custom block opening `<td` or `<th` (`PipeTables`), an embed's caption one
        // opening `<figure` (`Embeds`); footnotes are custom blocks too, whose paragraphs keep
        // their `<p>`.
        guard let parent = cmark_node_parent(paragraph), cmark_node_get_type(parent) == CMARK_NODE_CUSTOM_BLOCK,
            let enter = cmark_node_get_on_enter(parent)
        else { return false }
        return strncmp(enter, "<td", 3) == 0 || strncmp(enter, "<th", 3) == 0 || strncmp(enter, "<figure", 7) == 0
    }

    private func isInTightList(_ paragraph: OpaquePointer) -> Bool {
        guard let parent = cmark_node_parent(paragraph), let grandparent = cmark_node_parent(parent),
            cmark_node_get_type(grandparent) == CMARK_NODE_LIST
        else { return false }
        return cmark_node_get_list_tight(grandparent) != 0
    }
}

/// cmark's rule for URLs that a page must not link to unless raw HTML is allowed.
enum URLSafety {
    static func isDangerous(_ url: String, isImage: Bool) -> Bool {
        // A path, fragment or query names no scheme: most links of a site, decided without
        // lower-casing a copy.
        if let first = url.utf8.first(where: { $0 != UInt8(ascii: " ") }),
            first == UInt8(ascii: "/") || first == UInt8(ascii: "#") || first == UInt8(ascii: "?")
                || first == UInt8(ascii: ".")
        {
            return false
        }
        let lower = url.drop { $0 == " " }.prefix(20).lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        if lower.hasPrefix("data:") {
            let allowedImages = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return !allowedImages.contains { lower.hasPrefix($0) }
        }
        return false
    }
}

/// cmark counts columns in bytes; people count characters (日本語 is 3 bytes a character).
enum SourceColumns {
    /// `line` is 1-based within `source`.
    static func characterColumn(in source: String, line: Int, byteColumn: Int) -> Int {
        guard byteColumn > 1 else { return 1 }
        var currentLine = 1
        var index = source.utf8.startIndex
        while currentLine < line, let newline = source.utf8[index...].firstIndex(of: 0x0A) {
            index = source.utf8.index(after: newline)
            currentLine += 1
        }
        let lineBytes = source.utf8[index...].prefix(byteColumn - 1)
        return String(decoding: lineBytes, as: UTF8.self).unicodeScalars.count + 1
    }
}
