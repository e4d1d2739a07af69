/// What one segment of a page's URL may be made of. A page's URL comes from its folders and
/// its file name (or `slug:`), and is written verbatim into hrefs: a `#` would start a fragment,
/// `?` a query, `%41` would be read as `A`, a space would be cut or encoded differently by each
/// reader. Such names are refused with a suggestion, rather than percent-encoded, so that the
/// URL an editor reads in a link is the folder that is written.
///
/// Allowed: ASCII letters and digits, `-`, `_`, `.`, `~` (RFC 3986's unreserved characters),
/// and any letter, digit, mark or punctuation of other scripts (Japanese names such as
/// `脱炭素`), which browsers encode on their own and the sitemap and feeds percent-encode.
enum URLSegment {
    /// The first character that cannot stand in a URL segment, described for an error message.
    static func problem(in name: String) -> String? {
        for scalar in name.unicodeScalars where !isAllowed(scalar) {
            switch scalar {
            case " ": return "a space"
            case "#": return "`#` (it starts a fragment)"
            case "?": return "`?` (it starts a query)"
            case "%": return "`%` (it starts a percent-escape)"
            case "/", "\\": return "`\(scalar)` (it separates folders)"
            default:
                if scalar.isASCII && scalar.value >= 0x21 && scalar.value < 0x7F { return "`\(scalar)`" }
                return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                    + (scalar.properties.isWhitespace ? " (a space)" : " (an invisible character)")
            }
        }
        return nil
    }

    /// A segment close to `name` made of allowed characters: every run of others becomes `-`.
    static func suggestion(for name: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in name.unicodeScalars {
            if isAllowed(scalar) {
                if pendingHyphen && !result.isEmpty { result += "-" }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "page" : result
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
                || v == 0x2D || v == 0x2E || v == 0x5F || v == 0x7E
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
            .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return false
        default:
            return true
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
