/// The URL-safe form of a heading or tag: lower-case ASCII letters, digits and `_`, letters of
/// other scripts kept as they are (脱炭素), every other run of characters one `-`.
enum Slug {
    static func of(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let keep: Bool
            var lowered = scalar
            let v = scalar.value
            if scalar.isASCII {
                keep = (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || v == 0x5F
                if (0x41...0x5A).contains(v) { lowered = Unicode.Scalar(v + 0x20)! }
            } else {
                // Kana and the common kanji first: the property look-up is slow.
                keep =
                    (0x3041...0x30FA).contains(v) || v == 0x30FC || (0x4E00...0x9FEF).contains(v)
                    || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if keep {
                if pendingHyphen && !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                result.append(contentsOf: UTF8.encode(lowered)!)
            } else {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "section" : String(decoding: result, as: UTF8.self)
    }
}
