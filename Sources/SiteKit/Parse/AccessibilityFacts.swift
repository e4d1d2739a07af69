import CCmark

/// What the accessibility checks (`Check/AccessibilityCheck`) need of a page's Markdown, read
/// off libcmark's tree while the positions are known: links with their text, images with
/// their alt, headings, paragraphs that are only bold, tables, and embedded frames. Positions
/// are the file's line and cmark's byte column, as `LinkRecord`s keep them.
struct AccessibilityFacts: Sendable, Equatable {
    struct Position: Sendable, Equatable {
        var line: Int
        var column: Int
    }
    struct Link: Sendable, Equatable {
        var text: String
        var url: String
        var at: Position
    }
    struct Image: Sendable, Equatable {
        /// nil when the brackets are empty.
        var alt: String?
        var url: String
        var at: Position
    }
    struct Heading: Sendable, Equatable {
        var level: Int
        var text: String
        var at: Position
    }
    /// Raw HTML that embeds another document: `<iframe>`, `<embed>`, `<object>`, `<video>`.
    struct Embed: Sendable, Equatable {
        var tag: String
        var hasTitle: Bool
        var at: Position
    }
    struct Table: Sendable, Equatable {
        var hasHeader: Bool
        var at: Position
        /// Markdown's, not raw HTML's.
        var isPipeTable = true
    }

    var links: [Link] = []
    var images: [Image] = []
    var headings: [Heading] = []
    /// Paragraphs that are only `**bold**`, with their text.
    var boldParagraphs: [Heading] = []
    var embeds: [Embed] = []
    var tables: [Table] = []

    /// Reads the facts (pipe tables without a header are `PipeTables.headerless`) from the document libcmark made (after the project's passes).
    static func collect(_ document: OpaquePointer, lineOffset: Int, shifts: ColumnShifts) -> AccessibilityFacts {
        var facts = AccessibilityFacts()
        guard let iterator = cmark_iter_new(document) else { return facts }
        defer { cmark_iter_free(iterator) }
        func position(_ node: OpaquePointer) -> Position? {
            var current: OpaquePointer? = node
            while let n = current {
                let line = Int(cmark_node_get_start_line(n))
                if line > 0 {
                    let column = shifts.original(line: line, column: Int(cmark_node_get_start_column(n)))
                    return Position(line: lineOffset + line, column: max(1, column))
                }
                current = cmark_node_parent(n)
            }
            return nil
        }
        func url(_ node: OpaquePointer) -> String { cmark_node_get_url(node).map { String(cString: $0) } ?? "" }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK:
                guard let at = position(node) else { continue }
                facts.links.append(Link(text: PlainText.of(node), url: url(node), at: at))
            case CMARK_NODE_IMAGE:
                guard let at = position(node) else { continue }
                let alt = cmark_node_first_child(node) == nil ? nil : PlainText.of(node)
                facts.images.append(Image(alt: alt, url: url(node), at: at))
            case CMARK_NODE_HEADING:
                guard let at = position(node) else { continue }
                facts.headings.append(
                    Heading(level: Int(cmark_node_get_heading_level(node)), text: PlainText.of(node), at: at))
            case CMARK_NODE_PARAGRAPH:
                if isOnlyBold(node), let at = position(node) {
                    facts.boldParagraphs.append(Heading(level: 0, text: PlainText.of(node), at: at))
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                guard let literal = cmark_node_get_literal(node), let at = position(node) else { continue }
                let html = String(cString: literal)
                facts.embeds += embeds(in: html, at: at)
                if html.lowercased().contains("<table") {
                    facts.tables.append(Table(hasHeader: html.lowercased().contains("<th"), at: at, isPipeTable: false))
                }
            default:
                break
            }
        }
        return facts
    }

    /// A paragraph of one short line whose only child is `**strong**`: a heading written as
    /// bold text, which screen readers cannot jump to.
    private static func isOnlyBold(_ paragraph: OpaquePointer) -> Bool {
        guard let child = cmark_node_first_child(paragraph), cmark_node_next(child) == nil,
            cmark_node_get_type(child) == CMARK_NODE_STRONG,
            cmark_node_get_type(cmark_node_parent(paragraph)) == CMARK_NODE_DOCUMENT
        else { return false }
        let text = PlainText.of(child)
        // A sentence in bold (it ends in 。 or .) is emphasis, not a heading.
        return !text.isEmpty && text.count <= 40
            && !["。", ".", "：", ":", "！", "!"].contains(text.last.map(String.init))
    }

    /// The embedding elements of a piece of raw HTML and whether each has a `title`.
    static func embeds(in html: String, at: Position) -> [Embed] {
        var found: [Embed] = []
        let lower = html.lowercased()
        for tag in ["iframe", "embed", "object"] {
            var rest = lower[...]
            while let open = rest.range(of: "<" + tag) {
                let end = rest[open.upperBound...].firstIndex(of: ">") ?? rest.endIndex
                let attributes = rest[open.upperBound..<end]
                let titled = attributes.range(
                    of: #"(title|aria-label)\s*=\s*["']?[^"'\s>]"#, options: .regularExpression)
                found.append(Embed(tag: tag, hasTitle: titled != nil, at: at))
                rest = rest[end...]
            }
        }
        return found
    }
}
