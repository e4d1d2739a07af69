/// Escaping for XML and HTML text and attribute values (& < > " ').
enum XMLText {
    /// Without the characters XML 1.0 does not allow (C0 controls, U+FFFE, U+FFFF) nor the other
    /// noncharacters (for values a template escapes): one of them makes a whole feed unreadable.
    static func clean(_ s: String) -> String {
        guard s.utf8.contains(where: { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0xEF || $0 >= 0xF0 }) else {
            return s
        }
        return String(String.UnicodeScalarView(s.unicodeScalars.filter(isAllowed)))
    }

    /// Tab, newline and everything from U+0020 but the noncharacters.
    static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x20 { return c == "\n" || c == "\t" }
        return !(0xFDD0...0xFDEF).contains(c.value) && c.value & 0xFFFE != 0xFFFE
    }

    static func escape(_ s: String) -> String {
        guard
            s.utf8.contains(where: {
                $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 < 0x20 || $0 == 0xEF
                    || $0 >= 0xF0
            })
        else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(c)
            default:
                if isAllowed(c) { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}

/// URLs for sitemaps, feeds and JSON-LD, which want URIs: bytes outside ASCII (Japanese
/// names in paths) and spaces are percent-encoded; everything else is left as written (page
/// names are limited to characters that need no encoding, see `URLSegment`). HTML keeps
/// the readable form, which browsers encode the same way.
enum URLText {
    static func asciiOnly(_ url: String) -> String {
        guard url.utf8.contains(where: { $0 >= 0x80 || $0 == 0x20 }) else { return url }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in url.utf8 {
            if byte >= 0x80 || byte == 0x20 {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A query value: everything but RFC 3986's unreserved characters percent-encoded.
    static func queryValue(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default: out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
