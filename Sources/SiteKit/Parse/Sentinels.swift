import CCmark
import CmarkArena

#if canImport(Glibc)
    import Glibc
#endif

/// The invisible stand-ins `CJKEmphasis` puts beside delimiter runs so that libcmark's
/// flanking rule gives the amended answer: one character of each class libcmark tells apart
/// (whitespace, punctuation, anything else), each chosen among rarely used characters so that
/// it does not occur in the page, and all taken out of the tree after parsing.
struct Sentinels {
    enum Kind { case whitespace, punctuation, other }

    let whitespace: Unicode.Scalar
    let punctuation: Unicode.Scalar
    let other: Unicode.Scalar
    /// The three as C strings, for strstr.
    private let needles: [[CChar]]

    /// Zs characters (libcmark's whitespace), P characters known to libcmark 0.30's Unicode
    /// tables, and private-use characters (neither).
    static let candidates: [Kind: [Unicode.Scalar]] = [
        .whitespace: ["\u{2001}", "\u{2002}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2008}", "\u{205F}"],
        .punctuation: ["\u{2E2E}", "\u{2E18}", "\u{2E30}", "\u{2E31}", "\u{A673}", "\u{2E33}", "\u{2E34}"],
        .other: ["\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}", "\u{F8F0}", "\u{F8F1}", "\u{F8F2}"],
    ]

    /// The first candidate of each kind that the page does not contain; nil if a page holds
    /// them all (it then keeps libcmark's reading).
    init?(absentFrom bytes: UnsafeBufferPointer<UInt8>) {
        func pick(_ kind: Kind) -> Unicode.Scalar? {
            Self.candidates[kind]!.first { scalar in
                !ByteScan.contains(Array(String(scalar).utf8), in: bytes)
            }
        }
        guard let w = pick(.whitespace), let p = pick(.punctuation), let o = pick(.other) else { return nil }
        (whitespace, punctuation, other) = (w, p, o)
        needles = [w, p, o].map { Array(String($0).utf8CString) }
    }

    func utf8(_ kind: Kind) -> String.UTF8View {
        switch kind {
        case .whitespace: return String(whitespace).utf8
        case .punctuation: return String(punctuation).utf8
        case .other: return String(other).utf8
        }
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        scalar == whitespace || scalar == punctuation || scalar == other
    }

    /// Takes the stand-ins out of every string of the tree: text, code, HTML, URLs, titles and
    /// fence info (a run inside a code span or a URL got its stand-in as well); a text node
    /// left empty goes.
    func remove(from root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        var emptied: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                if let cleaned = cleaned(cmark_node_get_literal(node)) {
                    if cleaned.isEmpty && cmark_node_get_type(node) == CMARK_NODE_TEXT {
                        emptied.append(node)
                    } else {
                        cmark_node_set_literal(node, cleaned)
                    }
                }
            case CMARK_NODE_CODE_BLOCK:
                if let cleaned = cleaned(cmark_node_get_literal(node)) { cmark_node_set_literal(node, cleaned) }
                if let cleaned = cleaned(cmark_node_get_fence_info(node)) { cmark_node_set_fence_info(node, cleaned) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if let cleaned = cleaned(cmark_node_get_url(node)) { cmark_node_set_url(node, cleaned) }
                if let cleaned = cleaned(cmark_node_get_title(node)) { cmark_node_set_title(node, cleaned) }
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        // Unlinked after the walk, which must not lose its place.
        for node in emptied { cmark_node_unlink(node) }
    }

    /// The string without stand-ins, or nil when it has none (the common case: three strstr
    /// calls, no copy).
    private func cleaned(_ cString: UnsafePointer<CChar>?) -> String? {
        guard let cString, needles.contains(where: { strstr(cString, $0) != nil }) else { return nil }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: String(cString: cString).unicodeScalars.lazy.filter { !self.contains($0) })
        return String(result)
    }
}
