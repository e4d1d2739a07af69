import Foundation

/// A YAML double-quoted string, for the files iclei-site writes (the browser editor's
/// configuration, the importer's front matter): every character YAML would read otherwise
/// (C0 and C1 controls, DEL, the line and paragraph separators, the byte-order mark) escaped.
public enum YAMLQuoting {
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0xFEFF: out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
