import Foundation

/// The checks that read a page's text character by character, line by line of the Markdown
/// (outside code): 機種依存文字, full-width Latin letters and digits among Latin ones, and
/// spaces put inside a Japanese word to line it up. Each is reported once per line, at the
/// first character concerned, with what to write instead.
struct JapaneseTextCheck {
    var severities: AccessibilityRule.Severities
    /// Whether the page is in Japanese: elsewhere any full-width Latin letter is out of place.
    var japanese: Bool

    struct Finding: Equatable {
        var rule: AccessibilityRule
        /// 1-based, in the body.
        var line: Int
        /// 1-based, in Unicode scalars.
        var column: Int
        var message: String
    }

    func findings(in body: String) -> [Finding] {
        // A page of ASCII text has none of these (most English pages).
        guard body.utf8.contains(where: { $0 >= 0x80 }) else { return [] }
        // Lines are found and sifted as bytes: a line is decoded only when a byte sequence of
        // a character these checks look at is in it (most lines of Japanese prose have none).
        let bytes = Array(body.utf8)
        var found: [Finding] = []
        var fence: UInt8?
        var line = 0
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            line += 1
            defer { start = end + 1 }
            var first = start
            while first < end, bytes[first] == 0x20 { first += 1 }
            let opensFence =
                end - first >= 3 && (bytes[first] == 0x60 || bytes[first] == 0x7E)
                && bytes[first + 1] == bytes[first] && bytes[first + 2] == bytes[first]
            if let open = fence {
                if opensFence && bytes[first] == open { fence = nil }
                continue
            }
            if opensFence {
                fence = bytes[first]
                continue
            }
            guard Self.mayConcern(bytes, start, end) else { continue }
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            let scalars = Self.outsideCode(Array(text.unicodeScalars))
            if severities.severity(.dependentCharacters) != nil, let f = dependent(scalars, line: line) {
                found.append(f)
            }
            if severities.severity(.fullWidthLatin) != nil, let f = fullWidth(scalars, line: line) { found.append(f) }
            if severities.severity(.spacedWords) != nil, let f = spaced(scalars, line: line) { found.append(f) }
        }
        return found
    }

    /// Whether bytes `start..<end` hold the UTF-8 of a character the checks look at: the
    /// blocks of 機種依存文字 (U+2116, U+2121, U+2160–217F, U+2460–24FF, U+3200–33FF), full-width
    /// letters and digits and half-width katakana (U+FF10–FF9F less punctuation), or a space
    /// between two non-ASCII characters.
    static func mayConcern(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        bytes.withUnsafeBufferPointer { mayConcern($0, start, end) }
    }

    /// On the buffer: the scan runs over every byte of every page.
    private static func mayConcern(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i + 1 < end {
            let (b, next) = (bytes[i], bytes[i + 1])
            switch b {
            case 0xE2 where next == 0x84 || next == 0x85 || (0x91...0x93).contains(next): return true
            case 0xE3 where (0x88...0x8F).contains(next): return true
            case 0xE3 where next == 0x80 && i + 2 < end && bytes[i + 2] == 0x80 && i > start && bytes[i - 1] >= 0x80:
                return true  // an ideographic space after a non-ASCII character
            case 0xEF
            where next == 0xBC && i + 2 < end
                && ((0x90...0x99).contains(bytes[i + 2]) || (0xA1...0xBA).contains(bytes[i + 2])):
                return true
            case 0xEF where next == 0xBD || next == 0xBE: return true
            case 0x20 where i > start && bytes[i - 1] >= 0x80 && next >= 0xE3: return true
            default: break
            }
            i += 1
        }
        return false
    }

    /// The line with its code spans blanked (their text is code, not prose), columns kept.
    static func outsideCode(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard scalars.contains("`") else { return scalars }
        var out = scalars
        var open: Int?
        for (i, s) in scalars.enumerated() where s == "`" {
            if let start = open {
                for j in start...i { out[j] = " " }
                open = nil
            } else {
                open = i
            }
        }
        return out
    }

    // MARK: 機種依存文字

    /// What to write instead of a character that old systems and screen readers get wrong, or
    /// nil for an ordinary one.
    static func replacement(for s: Unicode.Scalar) -> String? {
        switch s.value {
        case 0x2460...0x2473: return "(\(s.value - 0x2460 + 1))"  // ①…⑳
        case 0x2474...0x24FF, 0x2160...0x217F, 0x3200...0x33FF, 0x2116, 0x2121:
            // ⑴, Ⅲ, ⅲ, ㈱, ㍻, ㌔, ㎡, №, ℡: their compatibility form says it in ordinary characters.
            let plain = String(Character(s)).precomposedStringWithCompatibilityMapping
            return plain == String(Character(s)) ? nil : plain
        case 0xFF61...0xFF9F:  // half-width katakana
            return String(Character(s)).precomposedStringWithCompatibilityMapping
        default: return nil
        }
    }

    private func dependent(_ scalars: [Unicode.Scalar], line: Int) -> Finding? {
        var pairs: [String] = []
        var first: Int?
        var i = 0
        while i < scalars.count {
            guard Self.replacement(for: scalars[i]) != nil else {
                i += 1
                continue
            }
            first = first ?? i
            // Half-width katakana are taken as a run, so that ｶﾞ becomes ガ.
            var end = i + 1
            if (0xFF61...0xFF9F).contains(scalars[i].value) {
                while end < scalars.count, (0xFF61...0xFF9F).contains(scalars[end].value) { end += 1 }
            }
            let written = String(String.UnicodeScalarView(scalars[i..<end]))
            let instead =
                end > i + 1
                ? written.precomposedStringWithCompatibilityMapping : Self.replacement(for: scalars[i])!
            let pair = "「\(written)」→「\(instead)」"
            if !pairs.contains(pair) { pairs.append(pair) }
            i = end
        }
        guard let first else { return nil }
        return Finding(
            rule: .dependentCharacters, line: line, column: first + 1,
            message:
                "機種依存文字 (platform-dependent characters) are read wrongly or not at all by some screen readers and systems: write \(pairs.joined(separator: ", ")) instead"
        )
    }

    // MARK: Full-width Latin letters and digits

    static func isFullWidthAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        (0xFF10...0xFF19).contains(s.value) || (0xFF21...0xFF3A).contains(s.value)
            || (0xFF41...0xFF5A).contains(s.value)
    }

    private static func isASCIIAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s))
    }

    /// A run of full-width letters or digits touching an ASCII letter or digit (`COP２８`), or
    /// any such run on a page not in Japanese. Full-width digits in Japanese prose (２０２４年)
    /// are a house style, not a fault.
    private func fullWidth(_ scalars: [Unicode.Scalar], line: Int) -> Finding? {
        var i = 0
        while i < scalars.count {
            guard Self.isFullWidthAlphanumeric(scalars[i]) else {
                i += 1
                continue
            }
            var end = i
            while end < scalars.count, Self.isFullWidthAlphanumeric(scalars[end]) { end += 1 }
            var start = i
            let touches =
                (i > 0 && Self.isASCIIAlphanumeric(scalars[i - 1]))
                || (end < scalars.count && Self.isASCIIAlphanumeric(scalars[end]))
            if touches || !japanese {
                // The whole word, ASCII part included, as it should be written.
                while start > 0, Self.isASCIIAlphanumeric(scalars[start - 1]) { start -= 1 }
                while end < scalars.count,
                    Self.isASCIIAlphanumeric(scalars[end]) || Self.isFullWidthAlphanumeric(scalars[end])
                {
                    end += 1
                }
                let word = String(String.UnicodeScalarView(scalars[start..<end]))
                return Finding(
                    rule: .fullWidthLatin, line: line, column: start + 1,
                    message:
                        "「\(word)」 mixes full-width letters or digits into Latin text: screen readers and search read them apart; write \"\(word.precomposedStringWithCompatibilityMapping)\""
                )
            }
            i = end
        }
        return nil
    }

    // MARK: Spaces inside a word

    /// Kanji, kana and the marks that belong to words (々, ー).
    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3041...0x3096, 0x309D...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x3005, 0x4E00...0x9FFF,
            0x3400...0x4DBF, 0xF900...0xFAFF:
            return true
        default: return false
        }
    }

    /// Single characters standing apart, separated only by spaces (「山　田」「総 務 課」):
    /// spacing for looks, which screen readers read as separate characters. Two words side by
    /// side (「代表理事 山田太郎」「東京都 港区」) are at least one of them longer than a character,
    /// and are left alone.
    private func spaced(_ scalars: [Unicode.Scalar], line: Int) -> Finding? {
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{3000}" }
        // Each lone character: a word character with no word character beside it.
        func isLone(_ i: Int) -> Bool {
            Self.isWordCharacter(scalars[i]) && (i == 0 || !Self.isWordCharacter(scalars[i - 1]))
                && (i + 1 == scalars.count || !Self.isWordCharacter(scalars[i + 1]))
        }
        var i = 0
        while i < scalars.count {
            guard isLone(i) else {
                i += 1
                continue
            }
            var run = [i]
            var j = i + 1
            while true {
                var k = j
                while k < scalars.count, isSpace(scalars[k]) { k += 1 }
                guard k > j, k < scalars.count, isLone(k) else { break }
                run.append(k)
                j = k + 1
            }
            if run.count >= 2 {
                let written = String(String.UnicodeScalarView(scalars[run.first!...run.last!]))
                let word = String(String.UnicodeScalarView(run.map { scalars[$0] }))
                return Finding(
                    rule: .spacedWords, line: line, column: i + 1,
                    message:
                        "「\(written)」 has spaces inside a word: screen readers read its characters one by one; write 「\(word)」, and line text up with a table or the layout, not with spaces"
                )
            }
            i = j
        }
        return nil
    }
}
