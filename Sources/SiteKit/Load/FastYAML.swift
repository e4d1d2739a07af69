import Mustache
import Yams

/// A fast reader for the YAML that front matter is made of — `key: value` lines, nested
/// mappings by indentation, block lists (`- item`), one-line flow lists and mappings, plain
/// and quoted scalars — giving exactly what Yams gives for it.
///
/// Yams (libyaml plus regular-expression tag resolution) costs ~100 µs for ten lines, more than
/// libcmark spends on the whole page. Anything outside this subset (anchors, block scalars,
/// multi-line flows, tabs, odd escapes, duplicate keys, …) returns nil, and the caller reads
/// the text with Yams, which also gives the error messages.
enum FastYAML {
    static func readMapping(_ text: String, lineOffset: Int) -> YAMLMapping? {
        var lines: [Line] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let content = raw.drop { $0 == " " }
            if content.isEmpty || content.first == "#" { continue }
            if content.hasPrefix("\t") || raw.contains("\t") && raw.drop(while: { $0 == " " }).first == "\t" { return nil }
            if content == "---" || content == "..." { return nil }
            lines.append(Line(indent: raw.count - content.count, text: content, number: number))
        }
        var reader = Reader(lines: lines, lineOffset: lineOffset)
        guard let (values, positions) = reader.mapping(indent: 0, top: true), reader.index == lines.count else { return nil }
        return YAMLMapping(values: values, positions: positions)
    }

    fileprivate struct Line {
        var indent: Int
        var text: Substring
        var number: Int
    }

    fileprivate struct Reader {
        let lines: [Line]
        let lineOffset: Int
        var index = 0

        mutating func mapping(indent: Int, top: Bool = false) -> ([String: MustacheValue], [String: SourcePosition])? {
            var values: [String: MustacheValue] = [:]
            var positions: [String: SourcePosition] = [:]
            while index < lines.count, lines[index].indent == indent {
                let line = lines[index]
                guard let colon = keyEnd(line.text) else { return nil }
                let key = String(line.text[..<colon])
                guard values[key] == nil else { return nil }
                let rest = line.text[line.text.index(after: colon)...].drop { $0 == " " }
                index += 1
                if top { positions[key] = SourcePosition(line: lineOffset + line.number, column: indent + 1) }
                if rest.isEmpty || rest.first == "#" {
                    guard let value = nested(under: indent) else { return nil }
                    values[key] = value
                } else {
                    guard let value = FastYAML.inlineValue(rest) else { return nil }
                    values[key] = value
                }
            }
            if index < lines.count, lines[index].indent > indent { return nil }
            return (values, positions)
        }

        /// What follows `key:` on the next lines: a block list, a deeper mapping, or null.
        mutating func nested(under indent: Int) -> MustacheValue? {
            guard index < lines.count else { return .null }
            let next = lines[index]
            if next.text == "-" || next.text.hasPrefix("- ") {
                guard next.indent >= indent else { return .null }
                return sequence(indent: next.indent)
            }
            guard next.indent > indent else { return .null }
            guard let (object, _) = mapping(indent: next.indent) else { return nil }
            return .object(object)
        }

        mutating func sequence(indent: Int) -> MustacheValue? {
            var items: [MustacheValue] = []
            while index < lines.count, lines[index].indent == indent,
                  lines[index].text == "-" || lines[index].text.hasPrefix("- ") {
                let item = lines[index].text.dropFirst().drop { $0 == " " }
                guard !item.isEmpty, keyEnd(item) == nil, let value = FastYAML.inlineValue(item) else { return nil }
                items.append(value)
                index += 1
            }
            return .list(items)
        }

        /// The end of a plain key followed by `:` and a space or the line's end.
        private func keyEnd(_ text: Substring) -> Substring.Index? {
            var i = text.startIndex
            while i < text.endIndex {
                let c = text[i]
                if c == ":" {
                    let after = text.index(after: i)
                    return i > text.startIndex && (after == text.endIndex || text[after] == " ") ? i : nil
                }
                guard c.isLetter || c.isNumber || c == "_" || c == "-" else { return nil }
                i = text.index(after: i)
            }
            return nil
        }
    }

    /// A value on the rest of a line: a quoted or plain scalar, or a one-line flow list or mapping.
    static func inlineValue(_ text: Substring) -> MustacheValue? {
        guard let first = text.first else { return .null }
        switch first {
        case "\"", "'":
            guard let (value, rest) = quoted(text), isBlankOrComment(rest) else { return nil }
            return .string(value)
        case "[":
            guard let close = text.lastIndex(of: "]"), isBlankOrComment(text[text.index(after: close)...]) else { return nil }
            let inner = text[text.index(after: text.startIndex)..<close]
            var items: [MustacheValue] = []
            guard let parts = flowItems(inner) else { return nil }
            for part in parts {
                guard let value = flowScalar(part) else { return nil }
                items.append(value)
            }
            return .list(items)
        case "{":
            guard let close = text.lastIndex(of: "}"), isBlankOrComment(text[text.index(after: close)...]) else { return nil }
            var object: [String: MustacheValue] = [:]
            guard let parts = flowItems(text[text.index(after: text.startIndex)..<close]) else { return nil }
            for part in parts {
                guard let colon = part.firstIndex(of: ":") else { return nil }
                let key = part[..<colon].trimmed
                guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), object[String(key)] == nil,
                      let value = flowScalar(part[part.index(after: colon)...]) else { return nil }
                object[String(key)] = value
            }
            return .object(object)
        default:
            return plain(text)
        }
    }

    private static func isBlankOrComment(_ s: Substring) -> Bool {
        let t = s.drop { $0 == " " }
        return t.isEmpty || t.first == "#"
    }

    /// Splits flow content at top-level commas; nil for nested flows, which go to Yams.
    private static func flowItems(_ inner: Substring) -> [Substring]? {
        var parts: [Substring] = []
        var start = inner.startIndex
        var i = inner.startIndex
        var quote: Character?
        while i < inner.endIndex {
            let c = inner[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "[" || c == "]" || c == "{" || c == "}" || c == "#" {
                return nil
            } else if c == "," {
                parts.append(inner[start..<i])
                start = inner.index(after: i)
            }
            i = inner.index(after: i)
        }
        if quote != nil { return nil }
        let last = inner[start...]
        if !last.trimmed.isEmpty || !parts.isEmpty { parts.append(last) }
        if parts.last?.trimmed.isEmpty == true { parts.removeLast() }
        return parts.contains { $0.trimmed.isEmpty } ? nil : parts
    }

    private static func flowScalar(_ part: Substring) -> MustacheValue? {
        let t = part.trimmed
        if t.first == "\"" || t.first == "'" {
            guard let (value, rest) = quoted(t), rest.trimmed.isEmpty else { return nil }
            return .string(value)
        }
        if t.contains(": ") || t.hasSuffix(":") { return nil }
        return plain(t)
    }

    /// A plain scalar, typed the way Yams' default resolver types it.
    static func plain(_ text: Substring) -> MustacheValue? {
        var value = text
        if let hash = value.range(of: " #") { value = value[..<hash.lowerBound] }
        value = value.trimmed
        guard let first = value.first else { return .null }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) && !(first == "-" && value.count > 1 && value.dropFirst().first != " ") {
            return nil
        }
        if value.contains(": ") || value.hasSuffix(":") || value.contains(" #") { return nil }
        let s = String(value)
        switch s {
        case "~", "null", "Null", "NULL": return .null
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        guard first.isNumber || first == "-" || first == "+" || first == "." || first == "<" || first == "=" else { return .string(s) }
        if isDate(s) { return .string(s) }
        if let n = Int(s), s == String(n) || (s.first == "+" && "+" + String(n) == s) { return .int(n) }
        // Rare forms (hex, octal, floats, sexagesimal, times): let Yams decide.
        return YAMLReader.convert(Node(s, Tag(.implicit), .plain))
    }

    private static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (48...57).contains(u[$0]) }
    }

    /// A quoted scalar at the start of `text` and what follows it; nil for escapes we do
    /// not decode here.
    static func quoted(_ text: Substring) -> (String, Substring)? {
        guard let q = text.first else { return nil }
        var result = ""
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            let c = text[i]
            if c == q {
                let next = text.index(after: i)
                if q == "'" && next < text.endIndex && text[next] == "'" {
                    result.append("'")
                    i = text.index(after: next)
                    continue
                }
                return (result, text[next...])
            }
            if q == "\"" && c == "\\" {
                let e = text.index(after: i)
                guard e < text.endIndex else { return nil }
                switch text[e] {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "/": result.append("/")
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: return nil
                }
                i = text.index(after: e)
                continue
            }
            result.append(c)
            i = text.index(after: i)
        }
        return nil
    }
}

private extension Substring {
    var trimmed: Substring {
        var s = self
        while let f = s.first, f == " " { s = s.dropFirst() }
        while let l = s.last, l == " " { s = s.dropLast() }
        return s
    }
}
