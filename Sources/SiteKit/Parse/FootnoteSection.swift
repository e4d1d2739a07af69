import CCmark
import CmarkArena

#if canImport(Glibc)
    import Glibc
#endif

/// The tree side of `Footnotes`: references in text become `<sup>` links, and the definitions
/// referred to go, in order, into the section at the end of the page, in GitHub's HTML (ids
/// prefixed `user-content-`, a back link `↩` after each definition per reference).
extension Footnotes {
    /// - Parameter parse: the blocks libcmark makes of a definition's text (a document node).
    /// - Parameter label: the section's heading, for screen readers, in the page's language.
    func apply(to document: OpaquePointer, label: String = "Footnotes", parse: (Definition) -> OpaquePointer?) {
        // A reference's brackets are text nodes of their own in libcmark's tree.
        cmark_consolidate_text_nodes(document)
        var order: [String] = []  // labels (lowercased) in the order of first reference
        var counts: [String: (number: Int, references: Int)] = [:]
        for node in CmarkText.nodesOutsideLinks(document) {
            replaceReferences(in: node, order: &order, counts: &counts)
        }
        guard !order.isEmpty else { return }
        let section = Self.block(
            "<section data-footnotes=\"\" class=\"footnotes\"><h2 id=\"footnote-label\" class=\"sr-only\">\(Self.escaped(label))</h2>\n<ol>\n",
            "</ol>\n</section>\n")
        cmark_node_append_child(document, section)
        for (n, key) in order.enumerated() {
            guard let definition = definitions[key] else { continue }
            let id = Self.escaped(key)
            let item = Self.block("<li id=\"user-content-fn-\(id)\">\n", "</li>\n")
            cmark_node_append_child(section, item)
            if let body = parse(definition) {
                while let child = cmark_node_first_child(body) { cmark_node_append_child(item, child) }
            }
            // The back links go at the end of the last paragraph, or in a paragraph of their own.
            var paragraph = cmark_node_last_child(item)
            if paragraph.map({ cmark_node_get_type($0) != CMARK_NODE_PARAGRAPH }) ?? true {
                let new = cmark_node_new_with_mem(CMARK_NODE_PARAGRAPH, iclei_cmark_arena())!
                cmark_node_append_child(item, new)
                paragraph = new
            }
            for k in 1...(counts[key]?.references ?? 1) {
                let suffix = k == 1 ? "" : "-\(k)"
                if cmark_node_first_child(paragraph!) != nil { cmark_node_append_child(paragraph!, Self.text(" ")) }
                let back = Self.inline(
                    "<a href=\"#user-content-fnref-\(Self.percentEncoded(key))\(suffix)\" data-footnote-backref=\"\" aria-label=\"Back to reference \(n + 1)\(suffix)\" class=\"data-footnote-backref\">",
                    "</a>")
                cmark_node_append_child(back, Self.text("↩"))
                if k > 1 {
                    let sup = Self.inline("<sup>", "</sup>")
                    cmark_node_append_child(sup, Self.text("\(k)"))
                    cmark_node_append_child(back, sup)
                }
                cmark_node_append_child(paragraph!, back)
            }
        }
    }

    /// A reference's `<sup>` node, which summaries and search leave out.
    static func isReference(_ node: OpaquePointer) -> Bool {
        guard let enter = cmark_node_get_on_enter(node) else { return false }
        return strncmp(enter, referencePrefix, referencePrefix.utf8.count) == 0
    }

    private static let referencePrefix = "<sup><a href=\"#user-content-fn-"

    private func replaceReferences(
        in node: OpaquePointer, order: inout [String], counts: inout [String: (number: Int, references: Int)]
    ) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let text = String(cString: literal)
        guard text.contains("[^") else { return }
        var rest = text[...]
        var pending = ""
        var changed = false
        while let open = rest.range(of: "[^") {
            guard let close = rest[open.upperBound...].firstIndex(of: "]") else { break }
            let label = rest[open.upperBound..<close]
            let key = label.lowercased()
            guard !label.isEmpty, !label.contains(where: \.isWhitespace), definitions[key] != nil else {
                pending += rest[..<open.upperBound]
                rest = rest[open.upperBound...]
                continue
            }
            pending += rest[..<open.lowerBound]
            if !pending.isEmpty { cmark_node_insert_before(node, Self.text(pending)) }
            pending = ""
            if counts[key] == nil {
                order.append(key)
                counts[key] = (order.count, 0)
            }
            counts[key]!.references += 1
            let (number, k) = counts[key]!
            let suffix = k == 1 ? "" : "-\(k)"
            let sup = Self.inline(
                "<sup><a href=\"#user-content-fn-\(Self.percentEncoded(key))\" id=\"user-content-fnref-\(Self.escaped(key))\(suffix)\" data-footnote-ref=\"\" aria-describedby=\"footnote-label\">",
                "</a></sup>")
            cmark_node_append_child(sup, Self.text("\(number)"))
            cmark_node_insert_before(node, sup)
            rest = rest[rest.index(after: close)...]
            changed = true
        }
        guard changed else { return }
        pending += rest
        if !pending.isEmpty { cmark_node_insert_before(node, Self.text(pending)) }
        cmark_node_unlink(node)
    }

    private static func text(_ string: String) -> OpaquePointer {
        let node = cmark_node_new_with_mem(CMARK_NODE_TEXT, iclei_cmark_arena())!
        cmark_node_set_literal(node, string)
        return node
    }

    private static func block(_ enter: String, _ exit: String) -> OpaquePointer {
        let node = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, iclei_cmark_arena())!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    private static func inline(_ enter: String, _ exit: String) -> OpaquePointer {
        let node = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, iclei_cmark_arena())!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// For an attribute value.
    static func escaped(_ s: String) -> String { XMLText.escape(s) }

    /// For a fragment in an `href`: letters, digits and `-._~` as they are.
    static func percentEncoded(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            let c = Unicode.Scalar(byte)
            if byte < 0x80 && (isAlnumASCII(byte) || "-._~".unicodeScalars.contains(c)) {
                out.unicodeScalars.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded
            }
        }
        return out
    }

    private static func isAlnumASCII(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}

extension String {
    /// Two hex digits.
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
