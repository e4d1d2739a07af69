import CCmark
import CmarkArena

#if canImport(Glibc)
    import Glibc
#endif

/// The tilde runs among one inline container's children, matched as cmark-gfm's
/// strikethrough matches them (see `Strikethrough`).
struct TildeRuns {
    let container: OpaquePointer
    let escapedTilde: Unicode.Scalar
    let cjkFriendly: Bool

    private struct Run {
        var node: OpaquePointer
        /// Scalar offset of the run in the node's text.
        var offset: Int
        var length: Int
        var open: Bool
        var close: Bool
    }

    func match() {
        var runs: [Run] = []
        var child = cmark_node_first_child(container)
        while let node = child {
            child = cmark_node_next(node)
            guard cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node),
                strchr(literal, Int32(UInt8(ascii: "~"))) != nil
            else { continue }
            runs += self.runs(in: node, Array(String(cString: literal).unicodeScalars))
        }
        let pairs = Self.pairs(runs)
        guard !pairs.isEmpty else { return }
        // Split each text node at its matched runs, then wrap: opener and closer of a pair are
        // siblings and pairs nest, so the order of wrapping does not matter.
        var pieces: [Int: OpaquePointer] = [:]  // run index → its own text node
        var byNode: [OpaquePointer: [Int]] = [:]
        for (o, c) in pairs {
            byNode[runs[o].node, default: []].append(o)
            byNode[runs[c].node, default: []].append(c)
        }
        for (node, indices) in byNode {
            let scalars = Array(String(cString: cmark_node_get_literal(node)).unicodeScalars)
            var cut = 0
            for index in indices.sorted(by: { runs[$0].offset < runs[$1].offset }) {
                let run = runs[index]
                if run.offset > cut { CmarkText.insertText(scalars[cut..<run.offset], before: node) }
                pieces[index] = CmarkText.insertText(scalars[run.offset..<run.offset + run.length], before: node)
                cut = run.offset + run.length
            }
            if cut < scalars.count { CmarkText.insertText(scalars[cut...], before: node) }
            cmark_node_unlink(node)
        }
        for (o, c) in pairs {
            guard let opener = pieces[o], let closer = pieces[c],
                let del = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, iclei_cmark_arena())
            else { continue }
            cmark_node_set_on_enter(del, "<del>")
            cmark_node_set_on_exit(del, "</del>")
            cmark_node_insert_before(opener, del)
            while let inside = cmark_node_next(opener), inside != closer { cmark_node_append_child(del, inside) }
            cmark_node_unlink(opener)
            cmark_node_unlink(closer)
        }
    }

    /// The runs of one text node, with whether each can open and close.
    private func runs(in node: OpaquePointer, _ scalars: [Unicode.Scalar]) -> [Run] {
        var result: [Run] = []
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "~" else {
                i += 1
                continue
            }
            var end = i
            while end < scalars.count && scalars[end] == "~" { end += 1 }
            let previous = i > 0 ? seen(scalars[i - 1]) : Self.edge(cmark_node_previous(node), last: true)
            let twoBack = i > 1 ? seen(scalars[i - 2]) : nil
            let next = end < scalars.count ? seen(scalars[end]) : Self.edge(cmark_node_next(node), last: false)
            if end - i <= 2 {
                let flags =
                    cjkFriendly
                    ? CJKEmphasis.amended(
                        UInt8(ascii: "~"), before: CJKCharacters.classifyBefore(previous, twoBack: twoBack),
                        after: CJKCharacters.classify(next))
                    : CJKEmphasis.cmark(UInt8(ascii: "~"), before: previous, after: next)
                result.append(Run(node: node, offset: i, length: end - i, open: flags.open, close: flags.close))
            }
            i = end
        }
        return result
    }

    /// An escaped tilde's stand-in is a `~` to its neighbours.
    private func seen(_ scalar: Unicode.Scalar) -> Unicode.Scalar { scalar == escapedTilde ? "~" : scalar }

    /// The character the source has at the edge of a sibling (nil: a line break or nothing).
    private static func edge(_ node: OpaquePointer?, last: Bool) -> Unicode.Scalar? {
        guard let node else { return nil }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            guard let literal = cmark_node_get_literal(node) else { return nil }
            let scalars = String(cString: literal).unicodeScalars
            return last ? scalars.last : scalars.first
        case CMARK_NODE_CODE: return "`"
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG: return "*"
        case CMARK_NODE_LINK: return last ? ")" : "["
        case CMARK_NODE_IMAGE: return last ? ")" : "!"
        case CMARK_NODE_HTML_INLINE: return last ? ">" : "<"
        case CMARK_NODE_CUSTOM_INLINE: return "~"
        default: return nil
        }
    }

    /// Openers and closers of equal length, paired as cmark's delimiter stack pairs them:
    /// a closer takes the nearest opener, and the openers between are dropped. One stack per
    /// length (1 and 2), so that each closer finds its opener at once, however many tildes.
    private static func pairs(_ runs: [Run]) -> [(Int, Int)] {
        var openers: [[Int]] = [[], []]
        var pairs: [(Int, Int)] = []
        for (index, run) in runs.enumerated() {
            let own = run.length - 1
            if run.close, let opener = openers[own].popLast() {
                pairs.append((opener, index))
                while let other = openers[1 - own].last, other > opener { openers[1 - own].removeLast() }
                continue
            }
            if run.open { openers[own].append(index) }
        }
        return pairs
    }
}
