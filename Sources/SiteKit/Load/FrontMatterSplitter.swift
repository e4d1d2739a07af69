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
        if let bad = Self.firstInvalidUTF8(bytes) {
            let line = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(.error(file, line, 1, "the file is not valid UTF-8 text (byte \(bad - bytes.startIndex + 1))"))
        }
        if bytes.contains(0) {
            return .failure(.error(file, 1, 1, "the file contains NUL bytes: it looks binary, not Markdown"))
        }
        if bytes.contains(0x0D) {
            let text = Self.normalizingNewlines(String(decoding: bytes, as: UTF8.self))
            return .success(split(Array(text.utf8)[...]))
        }
        return .success(split(bytes))
    }

    /// Splits text that already has LF line endings.
    func split(normalized text: String) -> Parts { split(Array(text.utf8)[...]) }

    /// Scans bytes only as far as the closing fence: the body is never split into lines.
    private func split(_ bytes: ArraySlice<UInt8>) -> Parts {
        let whole = Parts(yaml: nil, body: String(decoding: bytes, as: UTF8.self), yamlLineOffset: 0, bodyFirstLine: 1)
        guard bytes.starts(with: "---".utf8) else { return whole }
        let firstEnd = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        guard Self.isFence(bytes[bytes.startIndex..<firstEnd], opening: true), firstEnd < bytes.endIndex else {
            return Self.isFence(bytes[bytes.startIndex..<firstEnd], opening: true)
                ? Parts(yaml: nil, body: whole.body, yamlLineOffset: 1, bodyFirstLine: -1) : whole
        }
        var lineStart = firstEnd + 1
        var lineNumber = 1
        while lineStart <= bytes.endIndex {
            let end = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            lineNumber += 1
            if Self.isFence(bytes[lineStart..<end], opening: false) {
                let yamlEnd = max(firstEnd + 1, lineStart - 1)
                let bodyStart = min(end + 1, bytes.endIndex)
                return Parts(yaml: String(decoding: bytes[(firstEnd + 1)..<yamlEnd], as: UTF8.self),
                             body: String(decoding: bytes[bodyStart...], as: UTF8.self),
                             yamlLineOffset: 1, bodyFirstLine: lineNumber + 1)
            }
            if end == bytes.endIndex { break }
            lineStart = end + 1
        }
        return Parts(yaml: nil, body: whole.body, yamlLineOffset: 1, bodyFirstLine: -1)
    }

    /// `---` (or `...` when closing) with nothing after it but spaces or tabs.
    private static func isFence(_ line: ArraySlice<UInt8>, opening: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        return trimmed.elementsEqual("---".utf8) || (!opening && trimmed.elementsEqual("...".utf8))
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
