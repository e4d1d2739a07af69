import CCmark
import CmarkArena

/// Walks of libcmark's tree that the passes share.
enum CmarkText {
    /// The text nodes outside links and images (code spans are not text nodes): where a bare
    /// URL can become a link and a `[^1]` a footnote reference.
    static func nodesOutsideLinks(_ root: OpaquePointer) -> [OpaquePointer] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var result: [OpaquePointer] = []
        var insideLinks = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: insideLinks += event == CMARK_EVENT_ENTER ? 1 : -1
            case CMARK_NODE_TEXT where insideLinks == 0 && event == CMARK_EVENT_ENTER: result.append(node)
            default: break
            }
        }
        return result
    }

    /// A text node of `scalars`, put before `node`: the pieces a pass cuts a text node into.
    @discardableResult
    static func insertText(_ scalars: ArraySlice<Unicode.Scalar>, before node: OpaquePointer) -> OpaquePointer? {
        guard let text = cmark_node_new_with_mem(CMARK_NODE_TEXT, iclei_cmark_arena()) else { return nil }
        var string = String.UnicodeScalarView()
        string.append(contentsOf: scalars)
        cmark_node_set_literal(text, String(string))
        cmark_node_insert_before(node, text)
        return text
    }
}
