#if canImport(Glibc)
    import Glibc
#endif

/// CJK-friendly emphasis (the CommonMark CJK-friendly amendments, tats-u/markdown-cjk-friendly)
/// on libcmark, which has no extension hook. CommonMark's matching of `*` and `_` depends on
/// one thing per delimiter run, whether it can open and whether it can close, computed from
/// the characters on either side of the run; the amendment changes only that computation.
/// So this reads each run that touches a non-ASCII character, computes both answers, and
/// where they differ puts an invisible stand-in character (a sentinel) beside the run, chosen
/// so that libcmark's own rule gives the amended answer. libcmark then does all the matching
/// (the rule of three, links, code spans, nesting) as usual, and `Sentinels.remove` takes the
/// stand-ins out of the tree before anything reads it. A page where no run differs is parsed
/// as it is, untouched.
enum CJKEmphasis {
    struct Flags: Equatable {
        var open: Bool
        var close: Bool
    }

    /// The source as libcmark is to read it, the stand-ins used, and where they went.
    struct Steered {
        var text: String
        var sentinels: Sentinels
        var shifts: ColumnShifts
    }

    /// The source with the stand-ins in place, or nil when libcmark's reading is already the
    /// amended one (almost every page: runs between two ASCII characters never differ).
    static func steer(_ source: String) -> Steered? {
        var copy = source
        return copy.withUTF8 { steer(bytes: $0) }
    }

    /// Where stand-ins go: before the byte offset, what the left side should see (`left`) and
    /// what the right side should see (`right`).
    private struct Insertion {
        var left: Sentinels.Kind?
        var right: Sentinels.Kind?
    }

    private static func steer(bytes: UnsafeBufferPointer<UInt8>) -> Steered? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var insertions: [Int: Insertion] = [:]
        for marker in [UInt8(ascii: "*"), UInt8(ascii: "_")] {
            var from = 0
            while from < bytes.count, let hit = memchr(base + from, Int32(marker), bytes.count - from) {
                var start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var end = start
                while end < bytes.count && bytes[end] == marker { end += 1 }
                from = end
                if isEscaped(bytes, at: start) { start += 1 }
                guard start < end else { continue }
                // The byte scan: a run between two ASCII characters reads the same either way.
                let beforeByte = start > 0 ? bytes[start - 1] : 0
                let afterByte = end < bytes.count ? bytes[end] : 0
                guard beforeByte >= 0x80 || afterByte >= 0x80 else { continue }
                steerRun(bytes, marker: marker, start: start, end: end, into: &insertions)
            }
        }
        guard !insertions.isEmpty else { return nil }
        guard let sentinels = Sentinels(absentFrom: bytes) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + insertions.count * 6)
        var copied = 0
        var shifts = ColumnShifts()
        var line = 1
        var lineStart = 0
        for offset in insertions.keys.sorted() {
            out.append(contentsOf: bytes[copied..<offset])
            for i in copied..<offset
            where bytes[i] == 0x0A || (bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] != 0x0A) {
                line += 1
                lineStart = i + 1
            }
            copied = offset
            let before = out.count
            let insertion = insertions[offset]!
            // A stand-in also changes what the run's other neighbour sees; when that is a
            // delimiter (another run, or a smart quote), it gets one showing what it saw before:
            // an ASCII `*` or `_`, punctuation.
            let left = insertion.left ?? (offset > 0 && isDelimiter(bytes[offset - 1]) ? .punctuation : nil)
            let right = insertion.right ?? (offset < bytes.count && isDelimiter(bytes[offset]) ? .punctuation : nil)
            if let left { out.append(contentsOf: sentinels.utf8(left)) }
            if let right { out.append(contentsOf: sentinels.utf8(right)) }
            shifts.add(line: line, column: offset - lineStart + 1, bytes: out.count - before)
        }
        out.append(contentsOf: bytes[copied...])
        return Steered(text: String(decoding: out, as: UTF8.self), sentinels: sentinels, shifts: shifts)
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }

    /// An odd number of backslashes before `index` escapes its character.
    private static func isEscaped(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var count = 0
        var i = index - 1
        while i >= 0 && bytes[i] == UInt8(ascii: "\\") {
            count += 1
            i -= 1
        }
        return count % 2 == 1
    }

    private static func steerRun(
        _ bytes: UnsafeBufferPointer<UInt8>, marker: UInt8, start: Int, end: Int,
        into insertions: inout [Int: Insertion]
    ) {
        let previous = atLineStart(bytes, start) ? nil : UTF8Scan.scalar(endingBefore: start, in: bytes)
        let twoBack = previous.flatMap { p in
            UTF8Scan.scalar(endingBefore: start - UTF8Scan.length(of: p), in: bytes)
        }
        let next = UTF8Scan.scalar(startingAt: end, in: bytes)
        let wanted = amended(
            marker, before: CJKCharacters.classifyBefore(previous, twoBack: twoBack),
            after: CJKCharacters.classify(next))
        let original = (CmarkClass(previous), CmarkClass(next))
        guard cmark(marker, original.0, original.1) != wanted else { return }
        // The fewest stand-ins that make libcmark compute the amended answer (the characters'
        // classes looked up once; a stand-in's class is its kind).
        let choices: [Sentinels.Kind?] = [nil, .other, .punctuation, .whitespace]
        let seen = { (kind: Sentinels.Kind?, original: CmarkClass) in kind.map(CmarkClass.init) ?? original }
        let (originalBefore, originalAfter) = original
        var best: (Sentinels.Kind?, Sentinels.Kind?)?
        var bestCost = 3
        for b in choices {
            for a in choices {
                let cost = (b == nil ? 0 : 1) + (a == nil ? 0 : 1)
                guard cost < bestCost, cmark(marker, seen(b, originalBefore), seen(a, originalAfter)) == wanted else {
                    continue
                }
                (best, bestCost) = ((b, a), cost)
            }
        }
        guard let (b, a) = best else { return }
        if let b { insertions[start, default: Insertion()].right = b }
        if let a { insertions[end, default: Insertion()].left = a }
    }

    /// Only blanks and block-quote markers before the run on its line: libcmark sees the
    /// start of the paragraph's line there.
    private static func atLineStart(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        var i = index - 1
        while i >= 0 {
            switch bytes[i] {
            case 0x0A, 0x0D: return true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ">"): i -= 1
            default: return false
            }
        }
        return true
    }

    /// What libcmark's `scan_delims` knows of a character.
    struct CmarkClass {
        var space: Bool
        var punct: Bool

        /// nil: the start or end of a line, whitespace.
        init(_ scalar: Unicode.Scalar?) {
            space = scalar.map { CJKCharacters.isWhitespace($0.value) } ?? true
            punct = !space && scalar.map(CJKCharacters.isCmarkPunctuation) ?? false
        }

        init(_ kind: Sentinels.Kind) {
            space = kind == .whitespace
            punct = kind == .punctuation
        }
    }

    /// libcmark 0.30.2's `scan_delims`, character for character (nil: start or end of line).
    static func cmark(_ marker: UInt8, before: Unicode.Scalar?, after: Unicode.Scalar?) -> Flags {
        cmark(marker, CmarkClass(before), CmarkClass(after))
    }

    static func cmark(_ marker: UInt8, _ before: CmarkClass, _ after: CmarkClass) -> Flags {
        let (beforeSpace, beforePunct, afterSpace, afterPunct) = (before.space, before.punct, after.space, after.punct)
        let left = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let right = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        if marker == UInt8(ascii: "_") {
            return Flags(open: left && (!right || beforePunct), close: right && (!left || afterPunct))
        }
        return Flags(open: left, close: right)
    }

    /// The amendment's left- and right-flanking rules and its rules 2 and 6 for `_`, as the
    /// reference implementations write them.
    static func amended(_ marker: UInt8, before: CJKCharacters.Class, after: CJKCharacters.Class) -> Flags {
        let beforeNonCJKPunct = before.isNonCJKPunctuation
        let beforeSpaceOrNonCJKPunct = beforeNonCJKPunct || before.contains(.whitespace)
        let afterNonCJKPunct = after.isNonCJKPunctuation
        let afterSpaceOrNonCJKPunct = afterNonCJKPunct || after.contains(.whitespace)
        let beforeCJKOrIVS = before.contains(.cjk) || before.contains(.ivs)
        let left =
            !afterSpaceOrNonCJKPunct || (afterNonCJKPunct && (beforeSpaceOrNonCJKPunct || beforeCJKOrIVS))
        let right =
            !beforeSpaceOrNonCJKPunct || (beforeNonCJKPunct && (afterSpaceOrNonCJKPunct || after.contains(.cjk)))
        if marker == UInt8(ascii: "_") {
            let beforeSpaceOrPunct = !before.isDisjoint(with: [.whitespace, .punctuation])
            let afterSpaceOrPunct = !after.isDisjoint(with: [.whitespace, .punctuation])
            return Flags(open: left && (beforeSpaceOrPunct || !right), close: right && (afterSpaceOrPunct || !left))
        }
        return Flags(open: left, close: right)
    }
}

/// The bytes the stand-ins add to lines, so that libcmark's byte columns (of the text with
/// them) become columns of the page as written, for diagnostics and link records.
struct ColumnShifts: Sendable {
    /// Line → (original byte column the stand-ins went before, their length), in order.
    private var byLine: [Int: [(column: Int, bytes: Int)]] = [:]

    /// Kept in column order, whichever pass adds it. In place, and at the end without a search
    /// when it comes after the rest (as the emphasis pass adds them): a paragraph of 120,000
    /// runs took 8–12 s here when each add copied and searched its line's list.
    mutating func add(line: Int, column: Int, bytes: Int) {
        byLine[line, default: []].insertInOrder((column, bytes))
    }

    /// The page's byte column for libcmark's byte column `column` on `line` (1-based).
    func original(line: Int, column: Int) -> Int {
        guard let shifts = byLine[line] else { return column }
        var added = 0
        for shift in shifts {
            if column >= shift.column + added + shift.bytes {
                added += shift.bytes
            } else {
                if column >= shift.column + added { return shift.column }
                break
            }
        }
        return column - added
    }
}

extension [(column: Int, bytes: Int)] {
    fileprivate mutating func insertInOrder(_ shift: (column: Int, bytes: Int)) {
        guard let last, last.column > shift.column else { return append(shift) }
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if self[middle].column > shift.column { high = middle } else { low = middle + 1 }
        }
        insert(shift, at: low)
    }
}

/// Scalars read straight out of UTF-8 bytes, backwards or forwards.
enum UTF8Scan {
    /// The scalar whose bytes end just before `index`; nil at the start, at a line end or on
    /// invalid UTF-8 (libcmark then sees a newline).
    static func scalar(endingBefore index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard index > 0 else { return nil }
        var start = index - 1
        while start > 0 && index - start < 4 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return decode(bytes, from: start, to: index)
    }

    static func scalar(startingAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        return decode(bytes, from: index, to: min(bytes.count, index + length))
    }

    static func length(of scalar: Unicode.Scalar) -> Int { UTF8.width(scalar) }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Unicode.Scalar? {
        var iterator = bytes[from..<to].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        guard UTF8.width(scalar) == to - from else { return nil }
        if scalar == "\n" || scalar == "\r" { return nil }
        return scalar
    }
}
