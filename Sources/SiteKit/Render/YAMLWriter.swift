/// A YAML document made in code, written as text the same way every time: keys in the order
/// they were given, two spaces of indentation, lists of scalars in flow style (`[ja, en]`),
/// and a string quoted unless it is plainly a word or path that no YAML reader takes for
/// anything else (`true`, `null`, `0755`, `{{slug}}` all are quoted).
indirect enum YAMLNode: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    case list([YAMLNode])
    case map([Entry])

    struct Entry: Sendable, Equatable {
        var key: String
        var value: YAMLNode
    }

    /// A mapping of the pairs whose value is not nil, in the order written.
    static func map(_ pairs: KeyValuePairs<String, YAMLNode?>) -> YAMLNode {
        .map(pairs.compactMap { key, value in value.map { Entry(key: key, value: $0) } })
    }

    /// The document as text, ending in a newline.
    var text: String {
        var out = ""
        switch self {
        case .map(let entries) where !entries.isEmpty: Self.write(entries, indent: 0, into: &out)
        case .list(let items) where !items.isEmpty && !isFlow: Self.write(items, indent: 0, into: &out)
        default: out = inline + "\n"
        }
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .list, .map: return false
        default: return true
        }
    }

    /// Written on one line: a scalar, an empty collection, or a list of scalars.
    private var isFlow: Bool {
        switch self {
        case .list(let items): return items.allSatisfy(\.isScalar)
        case .map(let entries): return entries.isEmpty
        default: return true
        }
    }

    private var inline: String {
        switch self {
        case .string(let s): return Self.quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .int(let n): return String(n)
        case .double(let d): return String(d)
        case .list(let items): return "[" + items.map(\.inline).joined(separator: ", ") + "]"
        case .map: return "{}"
        }
    }

    private static func write(_ entries: [Entry], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (n, entry) in entries.enumerated() {
            // The first key of a list item follows its `- ` (written by the caller).
            if n > 0 || !out.hasSuffix("- ") { out += pad }
            out += quotedKey(entry.key) + ":"
            writeValue(entry.value, indent: indent, into: &out)
        }
    }

    private static func write(_ items: [YAMLNode], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            out += pad + "- "
            switch item {
            case .map(let entries) where !entries.isEmpty:
                write(entries, indent: indent + 2, into: &out)
            case .list(let inner) where !item.isFlow:
                out += "\n"
                write(inner, indent: indent + 2, into: &out)
            default:
                out += item.inline + "\n"
            }
        }
    }

    private static func writeValue(_ value: YAMLNode, indent: Int, into out: inout String) {
        switch value {
        case .map(let entries) where !entries.isEmpty:
            out += "\n"
            write(entries, indent: indent + 2, into: &out)
        case .list(let items) where !value.isFlow:
            out += "\n"
            write(items, indent: indent + 2, into: &out)
        default:
            out += " " + value.inline + "\n"
        }
    }

    private static func quotedKey(_ key: String) -> String { isPlain(key) ? key : quoted(key) }

    /// Words YAML 1.1 readers (PyYAML, and the editors' own readers) take for booleans or null.
    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    static func isPlain(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic && first.isASCII || first == "/",
            !reserved.contains(s.lowercased())
        else { return false }
        return s.unicodeScalars.allSatisfy { c in
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "_./-".unicodeScalars.contains(c))
        }
    }

    static func quoted(_ s: String) -> String { isPlain(s) ? s : YAMLQuoting.doubleQuoted(s) }
}

extension YAMLNode: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral
{
    init(arrayLiteral elements: YAMLNode...) { self = .list(elements) }
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
}
