import Mustache

/// A growing UTF-8 output buffer with the escaping rules of cmark's HTML renderer.
struct HTMLBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func append(cString: UnsafePointer<CChar>?) {
        guard let cString else { return }
        bytes.append(
            contentsOf: UnsafeBufferPointer(
                start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self),
                count: strlen(cString)))
    }

    /// Starts a new line unless the output is already at the start of one (cmark's `cr()`).
    mutating func newlineIfNeeded() {
        if let last = bytes.last, last != 0x0A { bytes.append(0x0A) }
    }

    /// `& < > "` escaped, as cmark does for text and attributes.
    mutating func appendEscaped<C: Collection>(_ source: C) where C.Element == UInt8 {
        if let done: Void = source.withContiguousStorageIfAvailable({ appendEscaped(buffer: $0) }) { return done }
        let copy = Array(source)
        copy.withUnsafeBufferPointer { appendEscaped(buffer: $0) }
    }

    private mutating func appendEscaped(buffer: UnsafeBufferPointer<UInt8>) {
        HTMLEscape.append(buffer, to: &bytes, apostrophe: false)
    }

    mutating func appendEscaped(cString: UnsafePointer<CChar>?) {
        guard let cString else { return }
        appendEscaped(
            UnsafeBufferPointer(
                start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self),
                count: strlen(cString)))
    }

    /// URL escaping as cmark's houdini_escape_href: safe and reserved URL characters pass,
    /// `&` and `'` become entities, everything else is percent-encoded.
    /// A URL as `appendEscapedURL` writes it into an attribute.
    static func escapedURL(_ url: String) -> String {
        var buffer = HTMLBuffer(capacity: url.utf8.count + 8)
        buffer.appendEscapedURL(url.utf8)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    mutating func appendEscapedURL<C: Collection>(_ source: C) where C.Element == UInt8 {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        for byte in source {
            if byte == UInt8(ascii: "&") {
                append("&amp;")
                continue
            }
            if byte == UInt8(ascii: "'") {
                append("&#x27;")
                continue
            }
            if Self.hrefSafe[Int(byte)] {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
    }

    private static let hrefSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "-_.+!*(),%#@?=;:/$~".utf8 { table[Int(c)] = true }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(c)] = true }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(c)] = true }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(c)] = true }
        return table
    }()
}

#if canImport(Glibc)
    import Glibc
#else
    import Foundation
#endif
