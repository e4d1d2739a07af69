/// The URL-safe form of a heading or tag: lower-case ASCII letters, digits and `_`, letters of
/// other scripts kept as they are (脱炭素), every other run of characters one `-`.
enum Slug {
    static func of(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let keep: Bool
            var lowered = scalar
            if scalar.isASCII {
                let v = scalar.value
                keep = (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || v == 0x5F
                if (0x41...0x5A).contains(v) { lowered = Unicode.Scalar(v + 0x20)! }
            } else {
                keep =
                    (0x3041...0x30FA).contains(scalar.value) || scalar.value == 0x30FC
                    || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if keep {
                if pendingHyphen && !result.isEmpty { result.unicodeScalars.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(lowered)
            } else {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "section" : result
    }
}
