import CCmark
import CmarkArena

/// What libcmark does not do, around its parse: `prepare` gives the text libcmark is to read
/// (stand-ins for CJK-friendly emphasis and for escaped tildes, each only when the page needs
/// it), `finish` the passes over its tree, in order: stand-ins out, strikethrough, escaped
/// tildes back, autolinks. The page and each table cell go through the same two steps.
struct MarkdownExtensions {
    var cjkFriendly = true
    /// GFM's strikethrough and autolinks.
    var gfm = true

    struct Prepared {
        var text: String
        /// libcmark's columns on lines that got stand-ins → the page's columns.
        var shifts = ColumnShifts()
        var sentinels: Sentinels?
        var strikethrough: Strikethrough?
    }

    func prepare(_ source: String) -> Prepared {
        var prepared = Prepared(text: source)
        if cjkFriendly, let steered = CJKEmphasis.steer(source) {
            prepared = Prepared(text: steered.text, shifts: steered.shifts, sentinels: steered.sentinels)
        }
        if gfm, Strikethrough.isNeeded(source),
            let marked = Strikethrough.markEscapes(prepared.text, shifts: &prepared.shifts)
        {
            prepared.text = marked.text
            prepared.strikethrough = marked.pass
            prepared.strikethrough?.cjkFriendly = cjkFriendly
        }
        return prepared
    }

    /// A piece of the page parsed on its own (a table cell, a footnote): `text` placed on
    /// `line` of the page, for positions. The document node, or nil.
    func parse(_ text: String, line: Int, options: Int32) -> OpaquePointer? {
        guard let parser = cmark_parser_new_with_mem(options, iclei_cmark_arena()) else { return nil }
        let prepared = prepare(text)
        let padded = String(repeating: "\n", count: max(0, line - 1)) + prepared.text
        padded.utf8CString.withUnsafeBufferPointer { cmark_parser_feed(parser, $0.baseAddress, $0.count - 1) }
        guard let document = cmark_parser_finish(parser) else { return nil }
        finish(document, prepared)
        return document
    }

    func finish(_ root: OpaquePointer, _ prepared: Prepared) {
        prepared.sentinels?.remove(from: root)
        if let strikethrough = prepared.strikethrough {
            strikethrough.apply(to: root)
            strikethrough.restoreEscapes(in: root)
        }
        // Last, as cmark-gfm links the text its inline parse left (strikethrough done).
        if gfm && Autolinks.isNeeded(prepared.text) { Autolinks.apply(to: root) }
    }
}
