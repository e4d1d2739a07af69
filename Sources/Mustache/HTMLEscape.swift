/// HTML escaping on UTF-8 bytes, shared by the template engine and the Markdown writer.
///
/// Runs without special bytes are copied in one go, and eight bytes at a time are passed over
/// when none of them is below 0x3F: every byte to escape (& < > " ') is, and Japanese text is
/// all bytes ≥ 0x80.
public enum HTMLEscape {
    /// Text escaped for HTML, in an element or an attribute.
    public static func attribute(_ text: String) -> String {
        var out: [UInt8] = []
        var text = text
        text.withUTF8 { append($0, to: &out, apostrophe: true) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Per byte: 1 for `&<>"`, 2 for `'`, 0 for the others.
    @usableFromInline
    static let escapable: [UInt8] = (0..<256).map { b in
        b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 ? 1 : b == 0x27 ? 2 : 0
    }

    /// - Parameter apostrophe: escape `'` as `&#39;` too (templates do; cmark's HTML does not).
    @inlinable
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], apostrophe: Bool) {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        let mask: UInt8 = apostrophe ? 3 : 1
        let escapable = Self.escapable
        var runStart = 0
        var i = 0
        while i < count {
            if i + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if (word &- 0x3F3F_3F3F_3F3F_3F3F) & ~word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            // Bytes up to the next that may need escaping, by table (English text has spaces,
            // which the test above does not let through).
            let end = Swift.min(i + 8, count)
            while i < end && escapable[Int(base[i])] & mask == 0 { i += 1 }
            guard i < end else { continue }
            let byte = base[i]
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            default: replacement = "&#39;"
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            i += 1
            runStart = i
        }
        if runStart < count {
            out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
    }
}
