/// The character classes that decide whether a delimiter run can open or close, twice over:
/// as libcmark 0.30.2 computes them (its `scan_delims`), and as the CommonMark CJK-friendly
/// amendments (tats-u/markdown-cjk-friendly, `specification.md` and `ranges.md`, Unicode 17)
/// compute them on top of CommonMark 0.31.2, whose punctuation includes symbols (P and S).
enum CJKCharacters {
    /// What the amendment knows of one character (micromark-extension-cjk-friendly's
    /// `classifyCharacter`, whose snapshots are our tests).
    struct Class: OptionSet {
        let rawValue: UInt8
        static let whitespace = Class(rawValue: 1)
        /// A Unicode punctuation character in CommonMark 0.31.2's sense: P or S.
        static let punctuation = Class(rawValue: 2)
        static let cjk = Class(rawValue: 4)
        /// An ideographic variation selector, U+E0100–U+E01EF.
        static let ivs = Class(rawValue: 8)
        /// A non-emoji general-use variation selector, U+FE00–U+FE0E.
        static let variationSelector = Class(rawValue: 16)

        var isNonCJKPunctuation: Bool { contains(.punctuation) && !contains(.cjk) }
    }

    /// nil is the start or end of a line, which counts as whitespace.
    static func classify(_ scalar: Unicode.Scalar?) -> Class {
        guard let scalar else { return .whitespace }
        let v = scalar.value
        if isWhitespace(v) { return .whitespace }
        if v < 0x80 { return isASCIIPunctuation(v) ? .punctuation : [] }
        if (0xFE00...0xFE0E).contains(v) { return .variationSelector }
        if (0xE0100...0xE01EF).contains(v) { return .ivs }
        var result: Class = isCJK(v) ? .cjk : []
        if isPunctuationOrSymbol(scalar) { result.insert(.punctuation) }
        return result
    }

    /// The character before a run as the amendment sees it: a variation selector stands for
    /// the character it modifies, and ‘︁ ’︁ “︁ ”︁ (a quote with U+FE01) are CJK punctuation.
    static func classifyBefore(_ previous: Unicode.Scalar?, twoBack: Unicode.Scalar?) -> Class {
        let before = classify(previous)
        guard before == .variationSelector else { return before }
        let base = classify(twoBack)
        if twoBack == nil || base.contains(.whitespace) { return before }
        if let previous, let twoBack, previous.value == 0xFE01,
            [0x2018, 0x2019, 0x201C, 0x201D].contains(twoBack.value)
        {
            return [.cjk, .punctuation]
        }
        return base.subtracting(.ivs)
    }

    /// cmark_utf8proc_is_space: tab, LF, FF, CR, space and the Zs characters.
    static func isWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 9, 10, 12, 13, 32, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func isASCIIPunctuation(_ v: UInt32) -> Bool {
        (0x21...0x2F).contains(v) || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v)
            || (0x7B...0x7E).contains(v)
    }

    /// Kana, kanji and hangul syllables, most of what stands beside a run in Japanese text:
    /// letters, answered without the Unicode tables' general-category lookup.
    static func isCommonLetter(_ v: UInt32) -> Bool {
        switch v {
        case 0x3041...0x3096, 0x309D...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xAC00...0xD7A3:
            return true
        default:
            return false
        }
    }

    /// libcmark 0.30.2's punctuation: ASCII punctuation and the P categories (no symbols).
    static func isCmarkPunctuation(_ scalar: Unicode.Scalar) -> Bool { category(scalar) == .punctuation }

    /// CommonMark 0.31.2's punctuation: libcmark's, and the S categories (symbols) too.
    static func isPunctuationOrSymbol(_ scalar: Unicode.Scalar) -> Bool { category(scalar) != .other }

    private enum Category { case punctuation, symbol, other }

    /// One general-category look-up serves both readings (kana, kanji and hangul need none).
    private static func category(_ scalar: Unicode.Scalar) -> Category {
        if scalar.value < 0x80 { return isASCIIPunctuation(scalar.value) ? .punctuation : .other }
        if isCommonLetter(scalar.value) { return .other }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return .punctuation
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return .symbol
        default: return .other
        }
    }

    /// A CJK character: East Asian Width W, F or H and not a default emoji presentation
    /// character, or of the Hangul script (ranges.md, Unicode 17, copied range for range).
    static func isCJK(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        if v >= 0x20000 { return v <= 0x3FFFD }
        // Binary search over the sorted, disjoint ranges.
        var low = 0
        var high = cjkRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = cjkRanges[mid]
            if v < range.0 {
                high = mid - 1
            } else if v > range.1 {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    private static let cjkRanges: [(UInt32, UInt32)] = [
        (0x1100, 0x11FF), (0x20A9, 0x20A9), (0x2329, 0x232A), (0x2630, 0x2637), (0x268A, 0x268F),
        (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x2FF0, 0x303E), (0x3041, 0x3096),
        (0x3099, 0x30FF), (0x3105, 0x312F), (0x3131, 0x318E), (0x3190, 0x31E5), (0x31EF, 0x321E),
        (0x3220, 0x3247), (0x3250, 0xA48C), (0xA490, 0xA4C6), (0xA960, 0xA97C), (0xAC00, 0xD7A3),
        (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE52),
        (0xFE54, 0xFE66), (0xFE68, 0xFE6B), (0xFF01, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF),
        (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC), (0xFFE0, 0xFFE6), (0xFFE8, 0xFFEE), (0x16FE0, 0x16FE4),
        (0x16FF0, 0x16FF6), (0x17000, 0x18CD5), (0x18CFF, 0x18D1E), (0x18D80, 0x18DF2), (0x1AFF0, 0x1AFF3),
        (0x1AFF5, 0x1AFFB), (0x1AFFD, 0x1AFFE), (0x1B000, 0x1B122), (0x1B132, 0x1B132), (0x1B150, 0x1B152),
        (0x1B155, 0x1B155), (0x1B164, 0x1B167), (0x1B170, 0x1B2FB), (0x1D300, 0x1D356), (0x1D360, 0x1D376),
        (0x1F200, 0x1F200), (0x1F202, 0x1F202), (0x1F210, 0x1F219), (0x1F21B, 0x1F22E), (0x1F230, 0x1F231),
        (0x1F237, 0x1F237), (0x1F23B, 0x1F23B), (0x1F240, 0x1F248), (0x1F260, 0x1F265),
    ]
}
