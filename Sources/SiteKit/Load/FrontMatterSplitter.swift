/// Splits a content file into its YAML front matter and its Markdown body.
///
/// Works on the file's bytes: a UTF-8 BOM is dropped, CRLF and lone CR become LF, and text that
/// is not valid UTF-8 is refused with the line it was found on.
public struct FrontMatterSplitter: Sendable {
    public struct Parts: Sendable, Equatable {
        /// The YAML between the `---` lines, or nil when the file has no front matter.
        public var yaml: String?
        public var body: String
        /// Lines that precede the YAML text (the opening `---`), for error positions.
        public var yamlLineOffset: Int
        /// The 1-based line of the file on which the body starts.
        public var bodyFirstLine: Int
    }

    public init() {}

    public func split(_ bytes: [UInt8], file: String) -> Result<Parts, Diagnostic> {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if Self.contains(0, in: bytes) {
            return .failure(.error(file, 1, 1, "the file contains NUL bytes: it looks binary, not Markdown"))
        }
        // One validating pass makes the String; only a failure pays for finding the bad byte.
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let bad = Self.firstInvalidUTF8(bytes) ?? bytes.startIndex
            let line = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(.error(file, line, 1, "the file is not valid UTF-8 text (byte \(bad - bytes.startIndex + 1))"))
        }
        if Self.contains(0x0D, in: bytes) {
            text = Self.normalizingNewlines(text)
        }
        return .success(split(normalized: text))
    }

    /// Splits text that already has LF line endings, scanning bytes only as far as the
    /// closing fence: the body is never split into lines, and its String shares no
    /// validation work (slices of a valid String are copied as they are).
    func split(normalized text: String) -> Parts {
        let utf8 = text.utf8
        let whole = Parts(yaml: nil, body: text, yamlLineOffset: 0, bodyFirstLine: 1)
        guard utf8.starts(with: "---".utf8) else { return whole }
        let firstEnd = utf8.firstIndex(of: 0x0A) ?? utf8.endIndex
        guard Self.isFence(utf8[utf8.startIndex..<firstEnd], opening: true) else { return whole }
        guard firstEnd < utf8.endIndex else { return Parts(yaml: nil, body: text, yamlLineOffset: 1, bodyFirstLine: -1) }
        let yamlStart = utf8.index(after: firstEnd)
        var lineStart = yamlStart
        var lineNumber = 1
        while true {
            let end = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            lineNumber += 1
            if Self.isFence(utf8[lineStart..<end], opening: false) {
                let yamlEnd = lineStart > yamlStart ? utf8.index(before: lineStart) : yamlStart
                let bodyStart = end < utf8.endIndex ? utf8.index(after: end) : end
                return Parts(yaml: String(text[yamlStart..<yamlEnd]), body: String(text[bodyStart...]),
                             yamlLineOffset: 1, bodyFirstLine: lineNumber + 1)
            }
            if end == utf8.endIndex { break }
            lineStart = utf8.index(after: end)
        }
        return Parts(yaml: nil, body: text, yamlLineOffset: 1, bodyFirstLine: -1)
    }

    /// `---` (or `...` when closing) with nothing after it but spaces or tabs.
    private static func isFence(_ line: Substring.UTF8View, opening: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        return trimmed.elementsEqual("---".utf8) || (!opening && trimmed.elementsEqual("...".utf8))
    }

    private static func contains(_ byte: UInt8, in bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    static func normalizingNewlines(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The index of the first byte that starts an invalid UTF-8 sequence, if any.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return i
            }
            guard i + length <= end else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
