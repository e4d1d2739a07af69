#if canImport(Glibc)
    import Glibc
#endif

/// Checks on the Markdown text before libcmark sees it, for the inputs that libcmark 0.30.2
/// (Debian's) parses in more than linear time, measured in `Benchmarks/hostile.sh`:
/// - block containers: every line walks every open container, so 100,000 `- ` on one line
///   followed by blank lines take minutes (fixed upstream in 0.31), and a deep tree is slow for
///   every later walk too. The depth is bounded line by line.
/// - `![` left open: every `]` looks back over each of them (`"![[]()" * k` takes 12 s at
///   500 KB; fixed upstream in 0.30.3). Their product is bounded paragraph by paragraph.
enum MarkdownBounds {
    struct Nesting: Equatable {
        var line: Int
        var column: Int
        var depth: Int
    }

    struct Brackets: Equatable {
        var line: Int
        var openers: Int
        var closers: Int
    }

    /// The first paragraph (run of non-blank lines) whose `![` count times `]` count is over `limit`.
    static func bracketProblem(in text: String, limit: Int) -> Brackets? {
        var text = text
        return text.withUTF8 { bytes -> Brackets? in
            guard let base = bytes.baseAddress else { return nil }
            // The whole text's counts bound every paragraph's: usually that settles it, and
            // counting two rare bytes with memchr costs next to nothing.
            let closers = occurrences(of: UInt8(ascii: "]"), in: bytes)
            guard closers > 0 else { return nil }
            var openers = 0
            var at = base
            let end = base + bytes.count
            while at < end, let found = memchr(at, Int32(UInt8(ascii: "!")), end - at) {
                let bang = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                if bang + 1 < end && bang[1] == UInt8(ascii: "[") { openers += 1 }
                at = bang + 1
            }
            guard openers.multipliedReportingOverflow(by: closers).partialValue > limit else { return nil }
            return paragraphBrackets(bytes, limit: limit)
        }
    }

    private static func occurrences(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var at = base
        let end = base + bytes.count
        while at < end, let found = memchr(at, Int32(byte), end - at) {
            count += 1
            at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    private static func paragraphBrackets(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Brackets? {
        var line = 1
        var blockLine = 1
        var openers = 0
        var closers = 0
        var blank = true
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case 0x0A:
                if blank {
                    openers = 0
                    closers = 0
                    blockLine = line + 1
                }
                blank = true
                line += 1
            case 0x20, 0x09, 0x0D:
                break
            default:
                blank = false
                if byte == UInt8(ascii: "[") && previous == UInt8(ascii: "!") { openers += 1 }
                if byte == UInt8(ascii: "]") {
                    closers += 1
                    if openers.multipliedReportingOverflow(by: closers).partialValue > limit {
                        return Brackets(line: blockLine, openers: openers, closers: closers)
                    }
                }
            }
            previous = byte
        }
        return nil
    }

    /// The first line whose block quotes and list items stand more than `limit` deep.
    ///
    /// A line's depth is the number of container markers it opens (`>`, `-`, `+`, `*`, `1.`,
    /// `1)`) plus, when it opens any, its indentation / 2: a nested list item needs at least two
    /// more columns than its parent's marker. Counting on the text can only overestimate (a
    /// marker inside an indented code block counts too), never miss.
    static func nestingProblem(in text: String, limit: Int) -> Nesting? {
        var text = text
        return text.withUTF8 { bytes -> Nesting? in
            var line = 1
            var start = 0
            guard let base = bytes.baseAddress else { return nil }
            while start < bytes.count {
                var end = bytes.count
                if let newline = memchr(base + start, 0x0A, bytes.count - start) {
                    end = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self)) - base
                }
                let depth = depth(of: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                if depth > limit { return Nesting(line: line, column: 1, depth: depth) }
                line += 1
                start = end + 1
            }
            return nil
        }
    }

    static func depth(of line: String) -> Int {
        var copy = line
        return copy.withUTF8 { depth(of: $0) }
    }

    static func depth(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        var indent = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 {
            indent += bytes[i] == 0x09 ? 4 : 1
            i += 1
        }
        // Most lines are prose: no marker, nothing more to look at.
        guard i < bytes.count,
            bytes[i] == UInt8(ascii: ">") || bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")
                || bytes[i] == UInt8(ascii: "*") || (0x30...0x39).contains(bytes[i])
        else { return 0 }
        if isThematicBreak(UnsafeBufferPointer(rebasing: bytes[i...])) { return 0 }
        var markers = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: ">") {
                i += 1
            } else if (c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: "*"))
                && (i + 1 == bytes.count || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x09)
            {
                i += 1
            } else if (0x30...0x39).contains(c) {
                var j = i
                while j < bytes.count, j - i < 9, (0x30...0x39).contains(bytes[j]) { j += 1 }
                guard j < bytes.count, bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: ")"),
                    j + 1 == bytes.count || bytes[j + 1] == 0x20 || bytes[j + 1] == 0x09
                else { break }
                i = j + 1
            } else {
                break
            }
            markers += 1
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        }
        return markers == 0 ? 0 : markers + indent / 2
    }

    /// `* * *`, `---`, `_ _ _`: three or more of one character and spaces, not containers.
    private static func isThematicBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "_")
        else { return false }
        var count = 0
        for b in bytes {
            if b == first { count += 1 } else if b != 0x20 && b != 0x09 { return false }
        }
        return count >= 3
    }
}
