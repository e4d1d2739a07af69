/// Scans pages one after another with the same buffers: a page's heading (title and summary)
/// gives the capital-tagged keys, the heading and the body the others (`SearchText` says
/// which keys). The text is normalized as `SearchText.normalize` does, straight from UTF-8 and
/// with each character's kind beside it, and scanned through buffer pointers: tokenizing is
/// most of the index stage's time (PERFORMANCE.md).
struct Tokenizer {
    /// The normalized text: `text[0..<count]`, and each character's kind.
    private var text: [UInt32] = []
    private var kinds: [SearchText.Kind] = []
    private var count = 0
    /// Per ASCII byte: its lower-case form (bits 0–7), its kind (8–15), whether it is its
    /// own normal form (bit 16). A copy per tokenizer: a global would be checked for
    /// initialization at every character.
    private let ascii: [UInt32] = (0..<128).map { v in
        let scalar = Unicode.Scalar(UInt8(v))
        let lower = v >= 0x41 && v <= 0x5A ? v + 0x20 : v
        let own = v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0x7E).contains(v)
        return UInt32(lower) | UInt32(SearchText.kind(scalar).rawValue) << 8 | (own ? 1 << 16 : 0)
    }

    mutating func scan<Sink: KeySink>(_ document: SearchIndex.Document, into sink: inout Sink) {
        count = 0
        normalize(document.title)
        normalize("\n")
        normalize(document.summary)
        scan(title: true, into: &sink)
        normalize("\n")
        normalize(document.body)
        scan(title: false, into: &sink)
    }

    /// The normalized text so far (what `SearchText.normalize` gives).
    var normalized: [Unicode.Scalar] { text[0..<count].map { Unicode.Scalar($0)! } }

    // MARK: Normalizing

    mutating func normalize(_ string: String) {
        var string = string
        string.withUTF8 { normalize($0) }
    }

    /// The same for valid UTF-8.
    mutating func normalize(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { normalize($0) }
    }

    private mutating func normalize(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < bytes.count {
            i = normalizeOwn(bytes, from: i)
            if i < bytes.count { i = normalizeOther(bytes, from: i) }
        }
    }

    /// Characters that are their own normal form (and full-width ASCII), up to the first that is
    /// not; returns where that one starts.
    private mutating func normalizeOwn(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        reserve(count + bytes.count - start)
        // The cursors are the innermost closure's own, so that they stay in registers (a
        // variable the closures capture is stored back to memory at every character).
        let (n, i) = ascii.withUnsafeBufferPointer { ascii in
            text.withUnsafeMutableBufferPointer { text in
                kinds.withUnsafeMutableBufferPointer { kinds in
                    var n = count
                    var i = start
                    while i < bytes.count {
                        let b0 = bytes[i]
                        if b0 < 0x80 {
                            let info = ascii[Int(b0)]
                            guard info >> 16 != 0 else { return (n, i) }
                            text[n] = info & 0xFF
                            kinds[n] = SearchText.Kind(rawValue: UInt8(truncatingIfNeeded: info >> 8))!
                            n &+= 1
                            i &+= 1
                            continue
                        }
                        let (v, width) = Self.decode(bytes, at: i)
                        if v >= 0x4E00 && v <= 0x9FFF || v >= 0x3041 && v <= 0x3096 || v >= 0x3400 && v <= 0x4DBF {
                            text[n] = v
                            kinds[n] = .japanese
                        } else if v >= 0x30A1 && v <= 0x30F6 {
                            text[n] = v - 0x60
                            kinds[n] = .japanese
                        } else if SearchText.isOwnNormalForm(v) {
                            text[n] = v
                            kinds[n] = SearchText.kind(Unicode.Scalar(v)!)
                        } else if v >= 0xFF01 && v <= 0xFF5E {
                            // Full-width ASCII (（, ＡＢＣ, １２３): NFKC gives the ASCII character.
                            let info = ascii[Int(v - 0xFEE0)]
                            text[n] = info & 0xFF
                            kinds[n] = SearchText.Kind(rawValue: UInt8(truncatingIfNeeded: info >> 8))!
                        } else {
                            return (n, i)
                        }
                        n &+= 1
                        i &+= width
                    }
                    return (n, i)
                }
            }
        }
        count = n
        return i
    }

    /// Characters that are not their own normal form go through Foundation, in a segment that
    /// starts at the character before them (which a combining mark may compose with) and ends
    /// before the next character that is its own normal form; returns where that one starts.
    private mutating func normalizeOther(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var segment = String.UnicodeScalarView()
        if count > 0, SearchText.isOwnNormalForm(text[count - 1]) || text[count - 1] < 0x80 {
            count -= 1
            segment.append(Unicode.Scalar(text[count])!)
        }
        var i = start
        while i < bytes.count {
            let (v, width) = Self.decode(bytes, at: i)
            if SearchText.isOwnNormalForm(v) { break }
            segment.append(Unicode.Scalar(v)!)
            i += width
        }
        let normal = SearchText.normalizeSegment(String(segment))
        reserve(count + normal.count)
        for scalar in normal {
            text[count] = scalar.value
            kinds[count] = SearchText.kind(scalar)
            count += 1
        }
        return i
    }

    private mutating func reserve(_ capacity: Int) {
        guard text.count < capacity else { return }
        let more = max(capacity, text.count * 2) - text.count
        text += repeatElement(0, count: more)
        kinds += repeatElement(.space, count: more)
    }

    /// The scalar at `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        let v =
            (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
        return (v, 4)
    }

    // MARK: Scanning

    /// Every key of the normalized text, given to `sink` (repeats included).
    private func scan<Sink: KeySink>(title: Bool, into sink: inout Sink) {
        let n = count
        let tag = title ? UInt8(ascii: "W") : UInt8(ascii: "w")
        let titleBit: UInt64 = title ? 1 << 63 : 0
        text.withUnsafeBufferPointer { t in
            kinds.withUnsafeBufferPointer { kinds in
                var previous: (code: UInt64, range: Range<Int>)? = nil
                var onlySpaceSincePreviousWord = false
                var i = 0
                while i < n {
                    guard kinds[i].inRun else {
                        if kinds[i] == .separator { onlySpaceSincePreviousWord = false }
                        i += 1
                        continue
                    }
                    // A run of characters without a separator: n-grams where Japanese is involved.
                    var end = i
                    var japanese = false
                    while end < n && kinds[end].inRun {
                        japanese = japanese || kinds[end] == .japanese
                        end += 1
                    }
                    if japanese {
                        for k in i..<end {
                            let j0 = kinds[k] == .japanese
                            let a = UInt64(t[k])
                            var two: UInt64 = 0
                            var three: UInt64 = 0
                            if k + 1 < end {
                                let j1 = kinds[k + 1] == .japanese
                                let b = UInt64(t[k + 1])
                                if j0 || j1 { two = titleBit | a << 21 | b }
                                if k + 2 < end && (j0 || j1 || kinds[k + 2] == .japanese) {
                                    three = titleBit | a << 42 | b << 21 | UInt64(t[k + 2])
                                }
                            }
                            sink.grams(three, two, j0 ? titleBit | a : 0)
                        }
                    }
                    // Words: runs of word characters inside the run.
                    var k = i
                    while k < end {
                        guard kinds[k].isWord else {
                            previous = nil
                            k += 1
                            continue
                        }
                        var wordEnd = k
                        var plain = true
                        var mixed = false
                        while wordEnd < end && kinds[wordEnd].isWord {
                            plain = plain && t[wordEnd] < 0x80
                            mixed = mixed || kinds[wordEnd] != kinds[k]
                            wordEnd += 1
                        }
                        let word = k..<wordEnd
                        // Other words are folded once, through Foundation (`SearchText.fold`).
                        let other = plain ? nil : folded(word)
                        let code = other.map { WordCode.of(tag, $0) } ?? Self.asciiWordCode(tag, t, word)
                        if sink.word(code) { sink.name([tag] + (other ?? folded(word))) }
                        if mixed {
                            for part in SearchText.parts(self.kinds[word]) {
                                let bytes = folded(part)
                                if sink.word(WordCode.of(tag, bytes)) { sink.name([tag] + bytes) }
                            }
                        }
                        if let previous, onlySpaceSincePreviousWord, k == i,
                            sink.word(WordCode.pair(previous.code, code))
                        {
                            sink.name(
                                [title ? UInt8(ascii: "P") : UInt8(ascii: "p")] + folded(previous.range)
                                    + [UInt8(ascii: " ")] + folded(word))
                        }
                        previous = wordEnd == end ? (code, word) : nil
                        onlySpaceSincePreviousWord = true
                        k = wordEnd
                    }
                    if !kinds[end - 1].isWord { previous = nil }
                    i = end
                }
            }
        }
    }

    /// A word of the text, folded, as UTF-8.
    private func folded(_ range: Range<Int>) -> [UInt8] {
        var bytes: [UInt8] = []
        SearchText.foldedWord(ArraySlice(text[range].map { Unicode.Scalar($0)! }), into: &bytes)
        return bytes
    }

    /// `WordCode.of(tag, folded word)` for a word of ASCII characters, folded where it lies.
    @inline(__always)
    private static func asciiWordCode(_ tag: UInt8, _ t: UnsafeBufferPointer<UInt32>, _ word: Range<Int>) -> UInt64 {
        let end = word.upperBound
        var (keep, y) = (word.count, false)
        if word.count > 3 {
            let tail = t[end - 4] << 24 | t[end - 3] << 16 | t[end - 2] << 8 | t[end - 1]
            (keep, y) = SearchText.foldedLength(count: word.count, lastFour: tail)
        }
        var hash = WordCode.adding(tag, to: WordCode.start)
        for j in word.lowerBound..<(word.lowerBound + keep) { hash = WordCode.adding(UInt8(t[j]), to: hash) }
        if y { hash = WordCode.adding(UInt8(ascii: "y"), to: hash) }
        return WordCode.finished(hash)
    }
}

/// Where a scan puts the keys it finds.
protocol KeySink {
    /// The n-grams that start at one character, as `SearchText.gramKey` reads them, 0 where
    /// there is none: the pair is the triple's first two characters, the single its first.
    mutating func grams(_ three: UInt64, _ two: UInt64, _ one: UInt64)
    /// A word or a word pair by its code (`WordCode`); true when the sink has not seen it and
    /// wants its key.
    mutating func word(_ code: UInt64) -> Bool
    /// The key (tag and folded UTF-8 bytes) of the word `word` just wanted.
    mutating func name(_ key: [UInt8])
}

/// One page's distinct keys: what an update in place compares before and after an edit.
struct PageKeys: KeySink {
    private var grams = CodeSet()
    private var words = CodeSet(capacity: 1024)
    private(set) var wordNames: [String] = []

    mutating func grams(_ three: UInt64, _ two: UInt64, _ one: UInt64) {
        for code in [three, two, one] where code != 0 { grams.insert(code) }
    }

    mutating func word(_ code: UInt64) -> Bool { words.insert(code) }

    mutating func name(_ key: [UInt8]) { wordNames.append(String(decoding: key, as: UTF8.self)) }

    var names: Set<String> { Set(grams.elements.map(SearchText.gramKey)).union(wordNames) }
}
