import Yams

#if canImport(Glibc)
    import Glibc
#endif

/// A fast reader for the YAML that front matter is made of — `key: value` lines, nested
/// mappings by indentation, block lists (`- item`), one-line flow lists and mappings, plain
/// and quoted scalars — giving exactly what Yams gives for it.
///
/// Yams (libyaml plus regular-expression tag resolution) costs more for ten lines than
/// libcmark spends on the whole page. Anything outside this subset (anchors, block scalars,
/// multi-line flows, tabs, odd escapes, duplicate keys, …) returns nil, and the caller reads
/// the text with Yams, which also gives the error messages.
enum FastYAML {
    static func readMapping(_ text: String, lineOffset: Int, maxDepth: Int = SiteLimits().yamlDepth) -> YAMLMapping? {
        // Tabs (Yams trims them around values, and refuses them in indentation), U+FEFF
        // (Yams drops it) and carriage returns are rare enough in front matter to leave to Yams.
        guard maxDepth >= 2, !leftToYams(text) else { return nil }
        var lines: [Line] = []
        var number = 0
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let indent = raw.prefix { $0 == UInt8(ascii: " ") }.count
            let content = raw.dropFirst(indent)
            guard let first = content.first else { continue }
            if first == UInt8(ascii: "#") { continue }
            let line = Substring(content)
            if line == "---" || line == "..." { return nil }
            lines.append(Line(indent: indent, text: line, number: number))
        }
        var reader = Reader(lines: lines, lineOffset: lineOffset, maxDepth: maxDepth)
        guard let (values, positions) = reader.mapping(indent: 0, top: true), reader.index == lines.count else {
            return nil
        }
        return YAMLMapping(values: values, positions: positions)
    }

    /// A tab, a carriage return or U+FEFF anywhere, found with memchr (front matter is read for
    /// every page).
    private static func leftToYams(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            if memchr(base, 0x09, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil { return true }
            var at = base
            let end = base + bytes.count
            while at < end, let found = memchr(at, 0xEF, end - at) {
                let lead = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                if lead + 2 < end && lead[1] == 0xBB && lead[2] == 0xBF { return true }
                at = lead + 1
            }
            return false
        }
    }

    fileprivate struct Line {
        var indent: Int
        var text: Substring
        var number: Int
    }

    fileprivate struct Reader {
        let lines: [Line]
        let lineOffset: Int
        /// Front matter whose lists could stand deeper than this goes to Yams, whose guard
        /// reports it against the limit (a nested mapping at `depth` holds lists at `depth + 2`).
        let maxDepth: Int
        var index = 0
        var depth = 0

        mutating func mapping(indent: Int, top: Bool = false) -> ([String: YAMLValue], [String: SourcePosition])? {
            var values: [String: YAMLValue] = [:]
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
        mutating func nested(under indent: Int) -> YAMLValue? {
            guard index < lines.count else { return .null }
            let next = lines[index]
            if next.text == "-" || next.text.hasPrefix("- ") {
                guard next.indent >= indent else { return .null }
                return sequence(indent: next.indent)
            }
            guard next.indent > indent else { return .null }
            depth += 1
            defer { depth -= 1 }
            guard depth + 2 <= maxDepth, let (object, _) = mapping(indent: next.indent) else { return nil }
            return .object(object)
        }

        mutating func sequence(indent: Int) -> YAMLValue? {
            var items: [YAMLValue] = []
            while index < lines.count, lines[index].indent == indent,
                lines[index].text == "-" || lines[index].text.hasPrefix("- ")
            {
                let item = lines[index].text.dropFirst().drop { $0 == " " }
                guard !item.isEmpty, keyEnd(item) == nil, let value = FastYAML.inlineValue(item) else { return nil }
                items.append(value)
                index += 1
            }
            return .list(items)
        }

        /// The end of a plain ASCII key followed by `:` and a space or the line's end
        /// (other keys go to Yams).
        private func keyEnd(_ text: Substring) -> Substring.Index? {
            let utf8 = text.utf8
            var i = utf8.startIndex
            while i < utf8.endIndex {
                let c = utf8[i]
                if c == UInt8(ascii: ":") {
                    let after = utf8.index(after: i)
                    return i > utf8.startIndex && (after == utf8.endIndex || utf8[after] == UInt8(ascii: " ")) ? i : nil
                }
                let isKeyByte =
                    (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
                    || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                guard isKeyByte else { return nil }
                utf8.formIndex(after: &i)
            }
            return nil
        }
    }

    /// A value on the rest of a line: a quoted or plain scalar, or a one-line flow list or mapping.
    static func inlineValue(_ text: Substring) -> YAMLValue? {
        guard let first = text.first else { return .null }
        switch first {
        case "\"", "'":
            guard let (value, rest) = quoted(text), isBlankOrComment(rest) else { return nil }
            return .string(value)
        case "[":
            guard let close = text.lastIndex(of: "]"), isBlankOrComment(text[text.index(after: close)...]) else {
                return nil
            }
            let inner = text[text.index(after: text.startIndex)..<close]
            var items: [YAMLValue] = []
            guard let parts = flowItems(inner) else { return nil }
            for part in parts {
                guard let value = flowScalar(part) else { return nil }
                items.append(value)
            }
            return .list(items)
        case "{":
            guard let close = text.lastIndex(of: "}"), isBlankOrComment(text[text.index(after: close)...]) else {
                return nil
            }
            var object: [String: YAMLValue] = [:]
            guard let parts = flowItems(text[text.index(after: text.startIndex)..<close]) else { return nil }
            for part in parts {
                // `{a:b}` is the key `a:b` to Yams, and `{a:}` an error: both go to Yams.
                guard let colon = part.firstIndex(of: ":"), part[part.index(after: colon)...].first == " ",
                    !part[part.index(after: colon)...].trimmed.isEmpty
                else { return nil }
                let key = part[..<colon].trimmed
                guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
                    object[String(key)] == nil,
                    let value = flowScalar(part[part.index(after: colon)...])
                else { return nil }
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
                if c == q {
                    let next = inner.index(after: i)
                    if q == "'" && next < inner.endIndex && inner[next] == "'" {
                        i = inner.index(after: next)  // '' stands for one quote inside '…'
                        continue
                    }
                    quote = nil
                }
            } else if c == "\"" || c == "'" {
                // A quote opens a scalar only at the start of an item; inside `x'y` it is text.
                guard inner[start..<i].allSatisfy({ $0 == " " }) else { return nil }
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

    private static func flowScalar(_ part: Substring) -> YAMLValue? {
        let t = part.trimmed
        if t.first == "\"" || t.first == "'" {
            guard let (value, rest) = quoted(t), rest.trimmed.isEmpty else { return nil }
            return .string(value)
        }
        if t.contains(": ") || t.hasSuffix(":") { return nil }
        return plain(t)
    }

    /// A plain scalar, typed the way Yams' default resolver types it.
    static func plain(_ text: Substring) -> YAMLValue? {
        var value = text
        if let hash = commentStart(value) { value = value[..<hash] }
        value = value.trimmed
        guard let first = value.utf8.first else { return .null }
        if "-?:,[]{}#&*!|>'\"%@`".utf8.contains(first)
            && !(first == UInt8(ascii: "-") && value.utf8.count > 1
                && value.utf8.dropFirst().first != UInt8(ascii: " "))
        {
            return nil
        }
        if value.utf8.last == UInt8(ascii: ":") || containsColonSpace(value) { return nil }
        let s = String(value)
        switch s {
        case "~", "null", "Null", "NULL": return .null
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        let startsNumeric =
            (0x30...0x39).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: ".") || first == UInt8(ascii: "<") || first == UInt8(ascii: "=")
        guard startsNumeric else { return .string(s) }
        if isDate(s) { return .string(s) }
        if let n = Int(s), s == String(n) || (s.first == "+" && "+" + String(n) == s) { return .int(n) }
        // Rare forms (hex, octal, floats, sexagesimal, times): let Yams decide.
        return YAMLReader.convert(Node(s, Tag(.implicit), .plain))
    }

    /// Where ` #` starts a comment, if anywhere.
    private static func commentStart(_ s: Substring) -> Substring.Index? {
        let utf8 = s.utf8
        var previous: UInt8 = 0
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let c = utf8[i]
            if c == UInt8(ascii: "#") && previous == UInt8(ascii: " ") { return utf8.index(before: i) }
            previous = c
            utf8.formIndex(after: &i)
        }
        return nil
    }

    private static func containsColonSpace(_ s: Substring) -> Bool {
        var previous: UInt8 = 0
        for c in s.utf8 {
            if c == UInt8(ascii: " ") && previous == UInt8(ascii: ":") { return true }
            previous = c
        }
        return false
    }

    private static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (48...57).contains(u[$0]) }
    }

    /// A quoted scalar at the start of `text` and what follows it; nil for escapes we do
    /// not decode here.
    static func quoted(_ text: Substring) -> (String, Substring)? {
        let utf8 = text.utf8
        guard let q = utf8.first else { return nil }
        var result: [UInt8] = []
        var i = utf8.index(after: utf8.startIndex)
        var runStart = i
        while i < utf8.endIndex {
            let c = utf8[i]
            if c == q {
                result += utf8[runStart..<i]
                let next = utf8.index(after: i)
                if q == UInt8(ascii: "'") && next < utf8.endIndex && utf8[next] == q {
                    result.append(q)
                    i = utf8.index(after: next)
                    runStart = i
                    continue
                }
                return (String(decoding: result, as: UTF8.self), text[next...])
            }
            if q == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") {
                result += utf8[runStart..<i]
                let e = utf8.index(after: i)
                guard e < utf8.endIndex else { return nil }
                switch utf8[e] {
                case UInt8(ascii: "\""): result.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): result.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): result.append(UInt8(ascii: "/"))
                case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): result.append(UInt8(ascii: "\t"))
                default: return nil
                }
                i = utf8.index(after: e)
                runStart = i
                continue
            }
            utf8.formIndex(after: &i)
        }
        return nil
    }
}

extension Substring {
    fileprivate var trimmed: Substring {
        let utf8 = self.utf8
        guard let start = utf8.firstIndex(where: { $0 != UInt8(ascii: " ") }),
            let last = utf8.lastIndex(where: { $0 != UInt8(ascii: " ") })
        else { return self[endIndex...] }
        return self[start...last]
    }
}
