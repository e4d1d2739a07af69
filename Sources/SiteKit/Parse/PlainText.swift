import CCmark

/// Plain text out of cmark nodes: heading text for ids, first paragraphs for summaries, and
/// the East-Asian soft-break rule shared by HTML and plain text.
enum PlainText {
    /// The concatenated text of a node's inline descendants.
    static func of(_ node: OpaquePointer) -> String {
        var bytes: [UInt8] = []
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        // A footnote reference's number is no part of the sentence (`FootnoteSection`).
        var skipping: OpaquePointer?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let n = cmark_iter_get_node(iterator) else { continue }
            if let skipped = skipping {
                if n == skipped && event == CMARK_EVENT_EXIT { skipping = nil }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(n) {
            case CMARK_NODE_CUSTOM_INLINE where Footnotes.isReference(n):
                skipping = n
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(n) { bytes.append(contentsOf: String(cString: literal).utf8) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if !joinsWithoutSpace(n) { bytes.append(UInt8(ascii: " ")) }
            default:
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of the document's first top-level paragraph.
    static func firstParagraph(of document: OpaquePointer) -> String? {
        var child = cmark_node_first_child(document)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                let text = of(node)
                return text.isEmpty ? nil : text
            }
            child = cmark_node_next(node)
        }
        return nil
    }

    /// A line break in the source between two East-Asian wide characters joins them
    /// directly: Japanese puts no space between words.
    static func joinsWithoutSpace(_ softbreak: OpaquePointer) -> Bool {
        guard let before = edgeScalar(cmark_node_previous(softbreak), last: true),
            let after = edgeScalar(cmark_node_next(softbreak), last: false)
        else { return false }
        return EastAsianWidth.isWide(before) && EastAsianWidth.isWide(after)
    }

    /// The first or last character of a node's text, looking through emphasis and links.
    private static func edgeScalar(_ start: OpaquePointer?, last: Bool) -> Unicode.Scalar? {
        var node = start
        while let n = node {
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let literal = cmark_node_get_literal(n) else { return nil }
                let scalars = String(cString: literal).unicodeScalars
                return last ? scalars.last : scalars.first
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_CUSTOM_INLINE:
                node = last ? cmark_node_last_child(n) : cmark_node_first_child(n)
            default:
                return nil
            }
        }
        return nil
    }
}

/// Readable, unique heading ids: Japanese stays Unicode, ASCII letters are lowercased,
/// runs of spaces and punctuation become one hyphen; repeats get `-1`, `-2`, …
struct HeadingIDs {
    private var used: Set<String> = []
    /// The next suffix to try per base: every lower one is taken (`used` only grows), so a page
    /// of thousands of equal headings does not try 1, 2, 3, … again for each.
    private var nextSuffix: [String: Int] = [:]

    mutating func claim(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var n = nextSuffix[base] ?? 1
        if used.contains(candidate) { candidate = "\(base)-\(n)" }
        while used.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        if candidate != base { nextSuffix[base] = n + 1 }
        used.insert(candidate)
        return candidate
    }

    static func slug(_ text: String) -> String { Slug.of(text) }
}
