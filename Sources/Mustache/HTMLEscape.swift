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

    /// - Parameter apostrophe: escape `'` as `&#39;` too (templates do; cmark's HTML does not).
    @inlinable
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], apostrophe: Bool) {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
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
            let byte = base[i]
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'") where apostrophe: replacement = "&#39;"
            default:
                i += 1
                continue
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
