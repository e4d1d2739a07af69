import Foundation

/// Splits a content file into its YAML front matter and its Markdown body.
///
/// Works on the file's bytes: a UTF-8 BOM is dropped, CRLF and lone CR become LF, and text that
/// is not valid UTF-8 is refused with the line it was found on.
struct FrontMatterSplitter: Sendable {
    struct Parts: Sendable, Equatable {
        /// The YAML between the `---` lines, or nil when the file has no front matter.
        var yaml: String?
        var body: String
        /// Lines that precede the YAML text (the opening `---`), for error positions.
        var yamlLineOffset: Int
        /// The 1-based line of the file on which the body starts.
        var bodyFirstLine: Int
    }

    func split(_ bytes: [UInt8], file: String) -> Result<Parts, Diagnostic> {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if Self.contains(0, in: bytes) {
            return .failure(.error(file, 1, 1, "the file contains NUL bytes: it looks binary, not Markdown"))
        }
        let invalid = { () -> Result<Parts, Diagnostic> in
            let bad = Self.firstInvalidUTF8(bytes) ?? bytes.startIndex
            let line = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(
                .error(file, line, 1, "the file is not valid UTF-8 text (byte \(bad - bytes.startIndex + 1))"))
        }
        if Self.contains(0x0D, in: bytes) {
            guard let text = String(validating: bytes, as: UTF8.self) else { return invalid() }
            return .success(split(normalized: Self.normalizingNewlines(text)))
        }
        // Fences are ASCII lines, so no UTF-8 sequence spans them: each part is validated
        // once as it becomes a String, and the whole file never becomes one.
        let layout = bytes.withUnsafeBufferPointer { Self.layout(of: $0) }
        let base = bytes.startIndex
        switch layout {
        case .none:
            guard let body = String(validating: bytes, as: UTF8.self) else { return invalid() }
            return .success(Parts(yaml: nil, body: body, yamlLineOffset: 0, bodyFirstLine: 1))
        case .unclosed:
            guard let body = String(validating: bytes, as: UTF8.self) else { return invalid() }
            return .success(Parts(yaml: nil, body: body, yamlLineOffset: 1, bodyFirstLine: -1))
        case .closed(let yaml, let body, let bodyFirstLine):
            guard
                let yamlText = String(
                    validating: bytes[base + yaml.lowerBound..<base + yaml.upperBound], as: UTF8.self),
                let bodyText = String(validating: bytes[base + body.lowerBound..<base + body.upperBound], as: UTF8.self)
            else { return invalid() }
            return .success(Parts(yaml: yamlText, body: bodyText, yamlLineOffset: 1, bodyFirstLine: bodyFirstLine))
        }
    }

    /// Splits text that already has LF line endings.
    func split(normalized text: String) -> Parts {
        var text = text
        let layout = text.withUTF8 { Self.layout(of: $0) }
        let utf8 = text.utf8
        let offset = { (n: Int) in utf8.index(utf8.startIndex, offsetBy: n) }
        switch layout {
        case .none: return Parts(yaml: nil, body: text, yamlLineOffset: 0, bodyFirstLine: 1)
        case .unclosed: return Parts(yaml: nil, body: text, yamlLineOffset: 1, bodyFirstLine: -1)
        case .closed(let yaml, let body, let bodyFirstLine):
            return Parts(
                yaml: String(text[offset(yaml.lowerBound)..<offset(yaml.upperBound)]),
                body: String(text[offset(body.lowerBound)...]), yamlLineOffset: 1, bodyFirstLine: bodyFirstLine)
        }
    }

    private enum Layout {
        /// The file does not start with a `---` line.
        case none
        /// A `---` line opens front matter that no `---` or `...` line closes.
        case unclosed
        /// Byte ranges of the YAML (without the fences) and of the body.
        case closed(yaml: Range<Int>, body: Range<Int>, bodyFirstLine: Int)
    }

    /// Finds the fences on bytes, scanning only as far as the closing one: the body is never
    /// split into lines.
    private static func layout(of bytes: UnsafeBufferPointer<UInt8>) -> Layout {
        func lineEnd(from start: Int) -> Int {
            var i = start
            while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            return i
        }
        let firstEnd = lineEnd(from: 0)
        guard isFence(bytes[0..<firstEnd], opening: true) else { return .none }
        guard firstEnd < bytes.count else { return .unclosed }
        let yamlStart = firstEnd + 1
        var lineStart = yamlStart
        var lineNumber = 1
        while lineStart <= bytes.count {
            let end = lineEnd(from: lineStart)
            lineNumber += 1
            if isFence(bytes[lineStart..<end], opening: false) {
                let yamlEnd = lineStart > yamlStart ? lineStart - 1 : yamlStart
                let bodyStart = end < bytes.count ? end + 1 : end
                return .closed(yaml: yamlStart..<yamlEnd, body: bodyStart..<bytes.count, bodyFirstLine: lineNumber + 1)
            }
            if end == bytes.count { break }
            lineStart = end + 1
        }
        return .unclosed
    }

    /// `---` (or `...` when closing) with nothing after it but spaces or tabs.
    private static func isFence(_ line: Slice<UnsafeBufferPointer<UInt8>>, opening: Bool) -> Bool {
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
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF:
                length = 2
                scalar = UInt32(b & 0x1F)
                minimum = 0x80
            case 0xE0...0xEF:
                length = 3
                scalar = UInt32(b & 0x0F)
                minimum = 0x800
            case 0xF0...0xF4:
                length = 4
                scalar = UInt32(b & 0x07)
                minimum = 0x10000
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

#if canImport(Glibc)
    import Glibc
#endif
