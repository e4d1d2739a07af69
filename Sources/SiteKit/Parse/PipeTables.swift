import CCmark
import CmarkArena
import Foundation

/// GFM pipe tables on libcmark's tree. libcmark reads a table as a paragraph whose lines are
/// the rows; this finds such paragraphs from their source lines, as cmark-gfm's table
/// extension would (a header row, a delimiter row with as many cells, then the rows up to the
/// paragraph's end), and puts a table in their place: custom blocks whose enter and exit
/// strings are the table's tags, each cell holding the paragraph cmark parses from its text, so
/// that the writer, the link checks and the summaries treat cell text as any other inline text.
/// The GFM spec's table examples are its tests.
struct PipeTables {
    let source: String
    let options: Int32
    /// Cells get the page's passes too (CJK-friendly emphasis, strikethrough).
    let extensions: MarkdownExtensions
    private var lineStarts: [String.Index] = []

    init(source: String, options: Int32, extensions: MarkdownExtensions = MarkdownExtensions()) {
        self.source = source
        self.options = options
        self.extensions = extensions
    }

    /// Paragraphs that look like a table but are not one (header and delimiter rows with
    /// different numbers of cells), by line, for a warning.
    private(set) var nearMisses: [(line: Int, header: Int, delimiter: Int)] = []
    /// Tables whose header row is empty (it heads no column), by line and byte column, for
    /// the accessibility checks.
    private(set) var headerless: [(line: Int, column: Int)] = []

    /// memchr, where the generic `contains` goes byte by byte (PERFORMANCE.md).
    static func hasPipe(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, Int32(UInt8(ascii: "|")), bytes.count) != nil
        } ?? text.utf8.contains(UInt8(ascii: "|"))
    }

    mutating func convert(_ document: OpaquePointer) {
        // Most pages have no pipe at all.
        guard Self.hasPipe(source), let iterator = cmark_iter_new(document) else { return }
        var paragraphs: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH,
                cmark_node_get_end_line(node) > cmark_node_get_start_line(node)
            {
                paragraphs.append(node)
            }
        }
        cmark_iter_free(iterator)
        guard !paragraphs.isEmpty else { return }
        // Lines end as cmark ends them: at \n, \r\n or a lone \r.
        lineStarts = [source.utf8.startIndex]
        var i = source.utf8.startIndex
        while let end = source.utf8[i...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            i = source.utf8.index(after: end)
            if source.utf8[end] == 0x0D, i < source.utf8.endIndex, source.utf8[i] == 0x0A {
                i = source.utf8.index(after: i)
            }
            lineStarts.append(i)
        }
        for paragraph in paragraphs { convert(paragraph: paragraph) }
    }

    private mutating func convert(paragraph: OpaquePointer) {
        let first = Int(cmark_node_get_start_line(paragraph))
        let last = Int(cmark_node_get_end_line(paragraph))
        guard first > 0, last > first else { return }
        let prefix = max(0, Int(cmark_node_get_start_column(paragraph)) - 1)
        let lines = (first...last).map { rowText(line: $0, prefix: prefix) }
        guard lines.dropFirst().contains(where: { $0.contains("|") }) else { return }
        for k in 1..<lines.count {
            guard let alignments = Self.delimiterRow(lines[k]) else { continue }
            let header = Self.cells(lines[k - 1])
            guard lines[k].contains("|") || lines[k - 1].contains("|") else { continue }
            guard header.count == alignments.count else {
                nearMisses.append((first + k - 1, header.count, alignments.count))
                return
            }
            if header.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { headerless.append((first + k - 1, prefix + 1)) }
            replace(
                paragraph, keeping: k - 1, header: (first + k - 1, header),
                rows: (k + 1..<lines.count).map { (first + $0, Self.cells(lines[$0])) }, alignments: alignments)
            return
        }
    }

    /// Line `n` without the paragraph's container prefix (block quote markers, indentation).
    private func rowText(line n: Int, prefix: Int) -> String {
        guard n >= 1, n <= lineStarts.count else { return "" }
        let start = lineStarts[n - 1]
        let end = n < lineStarts.count ? lineStarts[n] : source.utf8.endIndex
        var bytes = source.utf8[start..<end]
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
        let lead = bytes.prefix(prefix)
        if lead.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\t") }) {
            bytes = bytes.dropFirst(lead.count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    enum Alignment { case none, left, center, right }

    /// The alignments of a delimiter row (`| :-- | --: |`), or nil when it is not one.
    static func delimiterRow(_ line: String) -> [Alignment]? {
        let cells = cells(line, unescape: false)
        guard !cells.isEmpty else { return nil }
        var result: [Alignment] = []
        for cell in cells {
            let left = cell.hasPrefix(":")
            let right = cell.hasSuffix(":") && cell.count > 1
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    /// A row's cells: trimmed, split at pipes that are not escaped, the outer pipes dropped.
    static func cells(_ line: String, unescape: Bool = true) -> [String] {
        var text = Substring(line.trimmingCharacters(in: [" ", "\t"]))
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in text {
            if character == "|" && !escaped {
                cells.append(cell)
                cell = ""
                continue
            }
            if escaped && character == "|" && unescape { cell.removeLast() }
            escaped = character == "\\" && !escaped
            cell.append(character)
        }
        cells.append(cell)
        if line.trimmingCharacters(in: [" ", "\t"]) == "|" { return [""] }
        return cells.map { $0.trimmingCharacters(in: [" ", "\t"]) }
    }

    private func replace(
        _ paragraph: OpaquePointer, keeping kept: Int, header: (Int, [String]), rows: [(Int, [String])],
        alignments: [Alignment]
    ) {
        let table = block("<table>\n", "</table>\n")
        let head = block("<thead>\n", "</thead>\n")
        cmark_node_append_child(table, head)
        cmark_node_append_child(head, row(header, alignments: alignments, tag: "th"))
        if !rows.isEmpty {
            let body = block("<tbody>\n", "</tbody>\n")
            cmark_node_append_child(table, body)
            for r in rows { cmark_node_append_child(body, row(r, alignments: alignments, tag: "td")) }
        }
        if kept > 0 {
            // The lines before the header stay a paragraph of their own.
            let first = Int(cmark_node_get_start_line(paragraph))
            let text = (first..<first + kept).map { rowText(line: $0, prefix: 0) }.joined(separator: "\n")
            if let before = inlineParagraph(text, line: first) { cmark_node_insert_before(paragraph, before) }
        }
        cmark_node_insert_before(paragraph, table)
        cmark_node_unlink(paragraph)
    }

    private func row(_ row: (line: Int, cells: [String]), alignments: [Alignment], tag: String) -> OpaquePointer {
        let tr = block("<tr>\n", "</tr>\n")
        for (n, alignment) in alignments.enumerated() {
            let open: String
            switch alignment {
            case .none: open = "<\(tag)>"
            case .left: open = "<\(tag) align=\"left\">"
            case .center: open = "<\(tag) align=\"center\">"
            case .right: open = "<\(tag) align=\"right\">"
            }
            let cell = block(open, "</\(tag)>\n")
            let text = n < row.cells.count ? row.cells[n] : ""
            if !text.isEmpty, let paragraph = inlineParagraph(Self.inlineOnly(text), line: row.line) {
                cmark_node_append_child(cell, paragraph)
            }
            cmark_node_append_child(tr, cell)
        }
        return tr
    }

    private func block(_ enter: String, _ exit: String) -> OpaquePointer {
        let node = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, iclei_cmark_arena())!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// The paragraph cmark parses from `text`, placed on `line` of the page (for positions).
    private func inlineParagraph(_ text: String, line: Int) -> OpaquePointer? {
        guard let document = extensions.parse(text, line: line, options: options) else { return nil }
        guard let paragraph = cmark_node_first_child(document), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH
        else { return nil }
        cmark_node_unlink(paragraph)
        return paragraph
    }

    /// Cell text that would start a block (a heading, list, quote, fence) escaped at its
    /// start, so that it stays inline text as GFM reads cells.
    static func inlineOnly(_ text: String) -> String {
        let starts = ["# ", "- ", "+ ", "* ", "```", "~~~"]
        if text == "#" || text.hasPrefix(">") || starts.contains(where: text.hasPrefix) { return "\\" + text }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(digits.count)
        if (1...9).contains(digits.count), rest.first == "." || rest.first == ")",
            rest.count == 1 || rest.dropFirst().first == " "
        {
            return digits + "\\" + rest
        }
        return text
    }
}
