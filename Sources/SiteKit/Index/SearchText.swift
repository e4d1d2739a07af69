import Foundation

/// Text as search compares it, the same for pages here and for queries in `search.js`: NFKC
/// (ｶﾀｶﾅ → カタカナ, ＡＢＣ → ABC), lower case, katakana as hiragana (いくれい finds イクレイ).
/// Keys are what the index stores page sets under:
///
/// - Japanese (any run with a kana or kanji): every character (`a` + 1 char), every pair and
///   every triple of adjacent characters that holds one (`a` + 2 or 3 chars). A query of one
///   or two characters is looked up as it is; a longer one must contain all of its triples,
///   which is how 自治体 finds 会員自治体 and not a page with 自治 and 体 apart.
/// - Words of other scripts (`w` + word, English suffixes folded: cities → city) and pairs of
///   words next to each other (`p` + "race to"), so that a phrase matches as a phrase.
///
/// Each key also exists with a capital tag (`A`, `W`, `P`) for the page's title and summary
/// only, which rank above body matches.
enum SearchText {
    static func normalize(_ text: String) -> [Unicode.Scalar] {
        var tokenizer = Tokenizer()
        tokenizer.normalize(text)
        return tokenizer.normalized
    }

    /// A stretch of text whose characters are not all their own normal form (the tokenizer
    /// takes the others as they are), through Foundation.
    static func normalizeSegment(_ text: String) -> [Unicode.Scalar] {
        text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.map(foldKana)
    }

    private static func foldKana(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x30A1...0x30F6, 0x30FD, 0x30FE: return Unicode.Scalar(scalar.value - 0x60)!
        default: return scalar
        }
    }

    /// Characters NFKC and lower-casing leave as they are (ASCII letters are lower-cased
    /// directly), and no combining mark composes with when they follow it.
    static func isOwnNormalForm(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x3001...0x3007,
            0x300C...0x3011, 0x3041...0x3096, 0x30A1...0x30FC, 0x3400...0x4DBF, 0x4E00...0x9FFF:
            return true
        default:
            return false
        }
    }

    /// Kana and kanji: searched by characters, since Japanese has no spaces between words.
    static func isJapanese(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3005, 0x3006, 0x3041...0x309F, 0x30A0...0x30FA, 0x30FC...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xF900...0xFAFF, 0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }

    /// Simple English suffix folding, the same on both sides: cities → city, taxes → tax,
    /// reports → report; short words and -ss, -us, -is stay.
    static func fold(_ word: String) -> String {
        var w = word
        if w.hasSuffix("'s") || w.hasSuffix("’s") { w.removeLast(2) }
        guard w.unicodeScalars.count > 3 else { return w }
        if w.hasSuffix("ies") && w.count > 4 { return String(w.dropLast(3)) + "y" }
        for suffix in ["sses", "ches", "shes", "xes", "zes"] where w.hasSuffix(suffix) { return String(w.dropLast(2)) }
        if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
        if w.hasSuffix("s") { return String(w.dropLast()) }
        return w
    }

    /// A word of the text, folded, as UTF-8 bytes in `out`.
    static func foldedWord(_ text: ArraySlice<Unicode.Scalar>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        for scalar in text {
            guard scalar.value < 0x80 else {
                out.removeAll(keepingCapacity: true)
                out += Array(fold(String(String.UnicodeScalarView(text))).utf8)
                return
            }
            out.append(UInt8(truncatingIfNeeded: scalar.value))
        }
        guard out.count > 3 else { return }
        let tail = out.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let (keep, y) = foldedLength(count: out.count, lastFour: tail)
        out.removeLast(out.count - keep)
        if y { out.append(UInt8(ascii: "y")) }
    }

    /// The English suffix rule on an ASCII word of `count` (> 3) characters whose last four are
    /// packed in `lastFour` (the last in the low byte): how many characters stay, and whether a
    /// `y` follows them (cities → city).
    @inline(__always)
    static func foldedLength(count: Int, lastFour tail: UInt32) -> (keep: Int, y: Bool) {
        let (three, two) = (tail & 0xFF_FFFF, tail & 0xFFFF)
        // "ies", "xes", "zes", "sses", "ches", "shes", "ss", "us", "is" as packed bytes.
        let (ies, xes, zes): (UInt32, UInt32, UInt32) = (0x69_65_73, 0x78_65_73, 0x7A_65_73)
        let (sses, ches, shes): (UInt32, UInt32, UInt32) = (0x73_73_65_73, 0x63_68_65_73, 0x73_68_65_73)
        let (ss, us, `is`): (UInt32, UInt32, UInt32) = (0x73_73, 0x75_73, 0x69_73)
        if count > 4 && three == ies { return (count - 3, true) }
        if tail == sses || tail == ches || tail == shes || three == xes || three == zes { return (count - 2, false) }
        if two != ss && two != us && two != `is` && tail & 0xFF == 0x73 { return (count - 1, false) }
        return (count, false)
    }

    /// What a character is to the tokenizer, looked up once per character.
    enum Kind: UInt8 {
        case separator, space, japanese, letter, digit
        var isWord: Bool { self == .letter || self == .digit }
        var inRun: Bool { self == .japanese || isWord }
    }

    @inline(__always)
    static func kind(_ s: Unicode.Scalar) -> Kind {
        let v = s.value
        if v < 0x80 { return asciiKinds[Int(v)] }
        if v >= 0x4E00 && v <= 0x9FFF || v >= 0x3041 && v <= 0x30FA { return .japanese }
        return otherKind(s)
    }

    private static let asciiKinds: [Kind] = (0..<128).map { v in
        switch UInt8(v) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        case 0x09...0x0D, 0x20: return .space
        default: return .separator
        }
    }

    private static func otherKind(_ s: Unicode.Scalar) -> Kind {
        let v = s.value
        if isJapanese(s) { return .japanese }
        // Japanese and general punctuation without a look-up.
        switch v {
        case 0x3000: return .space
        case 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F, 0x2010...0x2027: return .separator
        default: break
        }
        switch s.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return .digit
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark:
            return .letter
        default:
            return s.properties.isWhitespace ? .space : .separator
        }
    }

    /// A word's letters and digits apart when it has both: COP26 is also COP and 26, so
    /// that a search for COP finds it.
    static func parts(_ kinds: ArraySlice<Kind>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = kinds.startIndex
        for k in kinds.indices.dropFirst() where kinds[k] != kinds[k - 1] {
            parts.append(start..<k)
            start = k
        }
        if !parts.isEmpty { parts.append(start..<kinds.endIndex) }
        return parts
    }

    /// The key of an n-gram's code: its tag (`a` or `A`) and characters. An n-gram of one to
    /// three characters is one number (`Tokenizer` makes them): 21 bits a character, the
    /// characters of shorter ones right-aligned; the top bit marks a title or summary key.
    static func gramKey(_ code: UInt64) -> String {
        var key = String.UnicodeScalarView()
        key.append(code >> 63 == 1 ? "A" : "a")
        for shift in [42, 21, 0] {
            let value = UInt32((code >> UInt64(shift)) & 0x1F_FFFF)
            if value != 0, let scalar = Unicode.Scalar(value) { key.append(scalar) }
        }
        return String(key)
    }
}
