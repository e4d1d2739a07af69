import CCmark
import CmarkArena

#if canImport(Glibc)
    import Glibc
#endif

/// GFM strikethrough (`~~消す~~`, `~消す~`) on libcmark's tree, with the CJK-friendly
/// flanking rules (`CJKEmphasis.amended`, as the amendment's `gfm-strikethrough.md` asks).
/// libcmark does not know `~`: it leaves tildes in text nodes, so this finds the runs of one or
/// two tildes among each inline container's children, decides from the characters on either
/// side whether each can open or close, pairs runs of equal length as cmark-gfm does, and wraps
/// what lies between in a `<del>` node. Runs of three or more stay text.
///
/// An escaped `\~` becomes plain `~` in libcmark's text, indistinguishable from a delimiter; so
/// before parsing, `markEscapes` writes it as `\` and a private-use stand-in, which libcmark
/// keeps as it is, and `restoreEscapes` turns it back after this pass.
struct Strikethrough {
    /// The stand-in for an escaped tilde, a private-use character the page does not contain.
    let escapedTilde: Unicode.Scalar
    /// The CJK-friendly flanking rules, or GFM's own (only to compare with GFM).
    var cjkFriendly = true

    /// Most pages have no tilde at all.
    static func isNeeded(_ source: String) -> Bool {
        source.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(UInt8(ascii: "~")), bytes.count) != nil
        } ?? source.utf8.contains(UInt8(ascii: "~"))
    }

    /// The text with every escaped tilde's `~` replaced by the stand-in, and the columns that
    /// moved added to `shifts` (whose stand-ins the text may already hold); nil when the page
    /// holds every candidate stand-in.
    static func markEscapes(_ text: String, shifts: inout ColumnShifts) -> (text: String, pass: Strikethrough)? {
        let candidates: [Unicode.Scalar] = ["\u{F8E0}", "\u{F8E1}", "\u{F8E2}", "\u{F8E3}"]
        guard let stand = candidates.first(where: { !text.unicodeScalars.contains($0) }) else { return nil }
        let pass = Strikethrough(escapedTilde: stand)
        guard text.contains("\\~") else { return (text, pass) }
        let standBytes = Array(String(stand).utf8)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var moved: [(line: Int, column: Int)] = []
        var line = 1
        var lineStart = 0
        var backslashes = 0
        for (i, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "~") && backslashes % 2 == 1 {
                out.append(contentsOf: standBytes)
                moved.append((line, shifts.original(line: line, column: i - lineStart + 1)))
            } else {
                out.append(byte)
            }
            backslashes = byte == UInt8(ascii: "\\") ? backslashes + 1 : 0
            if byte == 0x0A || (byte == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                lineStart = i + 1
            }
        }
        for m in moved { shifts.add(line: m.line, column: m.column, bytes: standBytes.count - 1) }
        return (String(decoding: out, as: UTF8.self), pass)
    }

    /// Wraps matched runs in `<del>` nodes, container by container.
    func apply(to root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        var containers: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK:
                containers.append(node)
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        for container in containers {
            TildeRuns(container: container, escapedTilde: escapedTilde, cjkFriendly: cjkFriendly).match()
        }
    }

    /// `\` and the stand-in back to what they were: `~` in text, URLs and titles (where the
    /// backslash escaped it), `\~` in code and HTML (where backslashes are literal).
    func restoreEscapes(in root: OpaquePointer) {
        let marked = "\\" + String(escapedTilde)
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        func fix(_ value: UnsafePointer<CChar>?, as replacement: String, _ set: (String) -> Void) {
            guard let value else { return }
            let text = String(cString: value)
            guard text.unicodeScalars.contains(escapedTilde) else { return }
            set(
                text.replacingOccurrences(of: marked, with: replacement).replacingOccurrences(
                    of: String(escapedTilde), with: "~"))
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                fix(cmark_node_get_literal(node), as: "~") { cmark_node_set_literal(node, $0) }
            case CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                fix(cmark_node_get_literal(node), as: "\\~") { cmark_node_set_literal(node, $0) }
                if cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK {
                    fix(cmark_node_get_fence_info(node), as: "~") { cmark_node_set_fence_info(node, $0) }
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                fix(cmark_node_get_url(node), as: "~") { cmark_node_set_url(node, $0) }
                fix(cmark_node_get_title(node), as: "~") { cmark_node_set_title(node, $0) }
            default:
                break
            }
        }
    }
}
