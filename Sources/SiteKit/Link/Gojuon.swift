import Foundation

/// 五十音順: ordering by hiragana reading and grouping into kana rows (あ行, か行, …).
enum Gojuon {
    /// A reading is hiragana only (the long-vowel mark ー allowed), not empty.
    static func isValidReading(_ reading: String) -> Bool {
        !reading.isEmpty
            && reading.unicodeScalars.allSatisfy {
                (0x3041...0x3096).contains($0.value) || (0x309D...0x309F).contains($0.value) || $0.value == 0x30FC
            }
    }

    private static let japanese = Locale(identifier: "ja_JP")

    /// Japanese collation, with the code points and then `tieBreak` deciding exact ties,
    /// so the order never depends on anything but the inputs.
    static func precedes(_ a: String, _ b: String, tieBreak: (String, String) = ("", "")) -> Bool {
        switch a.compare(b, options: [], range: nil, locale: japanese) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame:
            if a != b {
                return Array(a.unicodeScalars.map(\.value)).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
            }
            return tieBreak.0 < tieBreak.1
        }
    }

    /// The primary collation key of a hiragana reading: each kana as its base kana
    /// (dakuten and handakuten removed, small kana made large), whose code points are in
    /// 五十音 order. Sorting by it first and by `precedes` only among equal keys gives the
    /// same order as Japanese collation with far fewer locale-aware comparisons. nil for
    /// readings with ー or iteration marks, which only the full collation orders.
    static func primaryKey(_ reading: String) -> [UInt32]? {
        var key: [UInt32] = []
        key.reserveCapacity(reading.unicodeScalars.count)
        for scalar in reading.unicodeScalars {
            let v = scalar.value
            guard (0x3041...0x3096).contains(v) else { return nil }
            if let large = smallToLarge[v] {
                key.append(large)
                continue
            }
            if v == 0x3094 {
                key.append(0x3046)
                continue
            }  // ゔ → う
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            key.append(decomposed.first!.value)
        }
        return key
    }

    private static let smallToLarge: [UInt32: UInt32] = [
        0x3041: 0x3042, 0x3043: 0x3044, 0x3045: 0x3046, 0x3047: 0x3048, 0x3049: 0x304A, 0x3063: 0x3064,
        0x3083: 0x3084, 0x3085: 0x3086, 0x3087: 0x3088, 0x308E: 0x308F, 0x3095: 0x304B, 0x3096: 0x3051,
    ]

    /// Row names, with the last hiragana of each row; dakuten and small kana sort into
    /// the row of their base kana because code points keep them beside it.
    private static let rows: [(last: UInt32, ja: String, en: String)] = [
        (0x304A, "あ行", "A"), (0x3054, "か行", "Ka"), (0x305E, "さ行", "Sa"), (0x3069, "た行", "Ta"),
        (0x306E, "な行", "Na"), (0x307D, "は行", "Ha"), (0x3082, "ま行", "Ma"), (0x3088, "や行", "Ya"),
        (0x308D, "ら行", "Ra"), (0x3093, "わ行", "Wa"),
    ]

    /// The kana row of a reading's first character (ゔ counts as う: あ行).
    static func row(of reading: String) -> String? {
        guard let first = reading.unicodeScalars.first?.value, (0x3041...0x3096).contains(first) else { return nil }
        if first == 0x3094 { return rows[0].ja }
        if first == 0x3095 { return rows[1].ja }  // small ka
        if first == 0x3096 { return rows[1].ja }  // small ke
        return rows.first { first <= $0.last }?.ja
    }
}
