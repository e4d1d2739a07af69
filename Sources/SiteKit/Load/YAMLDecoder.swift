/// Decodes a YAML node tree into `Decodable` types, so that one declaration gives the shape
/// check, the typed values and the errors: each problem at its own line and column, unknown
/// keys with a did-you-mean, and every problem of the file rather than the first.
///
/// What a declaration may use, beyond Swift's own `Decodable`:
/// - `CodingKeys` that are `CaseIterable`: any other key in the mapping is an error;
/// - `ConfigChoice` enums: one of their words, or an error that lists them;
/// - `Count<Bounds>`: a whole number within a range;
/// - `Located<T>`: the value with where it was written, for checks made after decoding;
/// - `YAMLValue`: anything, kept as written (free-form values for templates);
/// - `Table<T>`: a mapping keyed by names the site chooses, in the order written.
///
/// A value that does not fit is reported and decoding goes on: a scalar takes a stand-in, a
/// list or table leaves the entry out. Only a mapping that cannot be made at all stops its
/// parent, and only up to the nearest optional key, list or table.
struct YAMLDecoder {
    /// "site.yaml", or how the file's top level is named in messages.
    var rootName = "site.yaml"

    /// The value, if one could be made, and every problem found on the way: with problems the
    /// value is partial (stand-ins, entries left out), for checks that look further.
    func decode<T: Decodable>(_ type: T.Type, from node: YAMLTree, file: String) -> (
        value: T?, problems: [Diagnostic]
    ) {
        decode(type, from: .tree(node), file: file)
    }

    func decode<T: Decodable>(_ type: T.Type, from node: DecodingNode, file: String) -> (
        value: T?, problems: [Diagnostic]
    ) {
        let log = DecodingLog(file: file, rootName: rootName)
        let value = try? NodeDecoder(node: node, log: log, codingPath: []).decodeValue(T.self)
        return (value, log.problems)
    }
}

/// Anything, as written: free-form values for templates.
extension YAMLValue: Decodable {
    init(from decoder: any Decoder) throws { self = try NodeDecoder.of(decoder).node.value }
}

/// Keys that are not all the keys a mapping may hold (front matter also holds the fields its
/// section declares, checked later): no key is unknown to them.
protocol OpenCodingKey: CodingKey {}

/// Keys that say what their value must be, for messages clearer than the type's.
protocol ExplainedKey: CodingKey {
    /// "must be …", or nil for the type's own message.
    var expectation: String? { get }
}

/// Words a key may take: a `String` enum, each case one word.
protocol ConfigChoice: Decodable {
    static var words: [String] { get }
    init?(rawValue: String)
}

extension ConfigChoice where Self: CaseIterable & RawRepresentable<String> {
    static var words: [String] { allCases.map(\.rawValue) }
}

/// The range of a `Count`.
protocol CountBounds { static var range: ClosedRange<Int> { get } }

/// A whole number within `Bounds.range`: numbers near Int.max overflow whatever counts with them.
struct Count<Bounds: CountBounds>: Decodable, Sendable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let node = try NodeDecoder.of(decoder)
        let range = Bounds.range
        guard case .int(let n) = node.node.value, range.contains(n) else {
            node.fail("must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            throw DecodingLog.Reported()
        }
        value = n
    }
}

/// A value and where it was written.
struct Located<Value: Decodable & Sendable>: Decodable, Sendable {
    var value: Value
    var position: SourcePosition

    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Value.self)
        position = try NodeDecoder.of(decoder).position
    }
}

/// A mapping whose keys the site names (sections, fields), in the order written, each value
/// with where it was written. An entry that cannot be made is reported and left out.
struct Table<Value: Decodable & Sendable>: Decodable, Sendable {
    var entries: [(name: String, value: Value, position: SourcePosition)] = []

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys {
            let entry = try NodeDecoder.of(container.superDecoder(forKey: key))
            if let value = try? entry.decodeValue(Value.self) {
                entries.append((key.stringValue, value, entry.position))
            }
        }
    }

    var names: [String] { entries.map(\.name) }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Lists decode every element, leaving out the ones that cannot be made (each reported).
protocol DecodesEachElement { init(decodingEach decoder: NodeDecoder) throws }

extension Array: DecodesEachElement where Element: Decodable {
    init(decodingEach decoder: NodeDecoder) throws {
        var container = try decoder.unkeyedContainer()
        var elements: [Element] = []
        while !container.isAtEnd {
            if let element = try? container.decode(Element.self) { elements.append(element) }
        }
        self = elements
    }
}

/// The problems found so far; shared by every decoder of one file.
final class DecodingLog {
    /// Thrown when a value cannot be made; its problem is already in the log.
    struct Reported: Error {}

    let file: String
    let rootName: String
    var problems: [Diagnostic] = []

    init(file: String, rootName: String) {
        self.file = file
        self.rootName = rootName
    }

    func fail(_ mark: YAMLTree.Mark, _ message: String) {
        problems.append(.error(file, mark.line, mark.column, message))
    }
}

struct NodeDecoder: Decoder {
    let node: DecodingNode
    let log: DecodingLog
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func of(_ decoder: any Decoder) throws -> NodeDecoder {
        guard let decoder = decoder as? NodeDecoder else { throw DecodingLog.Reported() }
        return decoder
    }

    var position: SourcePosition { SourcePosition(line: node.mark.line, column: node.mark.column) }

    /// `sections.news.fields.date`, `languages[0].menu[1]`, quoted; the file's name at the top.
    var named: String {
        guard !codingPath.isEmpty else { return log.rootName }
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return "`\(path)`"
    }

    /// Reports `message` about this value: "`paginate` must be …", or what its key explains.
    func fail(_ message: String) {
        let explained = (codingPath.last as? any ExplainedKey)?.expectation
        log.fail(node.mark, "\(named) \(explained ?? message)")
    }

    func child(_ node: DecodingNode, _ key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, log: log, codingPath: codingPath + [key])
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type: return text() as! T
        case is Bool.Type: return bool() as! T
        case is Int.Type: return int() as! T
        default: break
        }
        if let choice = type as? any ConfigChoice.Type { return try self.choice(choice) as! T }
        if let list = type as? any DecodesEachElement.Type {
            guard node.isSequence else {
                fail("must be a list")
                throw DecodingLog.Reported()
            }
            return try list.init(decodingEach: self) as! T
        }
        return try T(from: self)
    }

    /// Any scalar, as written; an empty stand-in after reporting anything else.
    func text() -> String {
        guard let text = node.scalar, node.value != .null else {
            fail("must be text")
            return ""
        }
        return text
    }

    func bool() -> Bool {
        guard case .bool(let value) = node.value else {
            fail("must be true or false")
            return false
        }
        return value
    }

    func int() -> Int {
        guard case .int(let value) = node.value else {
            fail("must be a whole number")
            return 0
        }
        return value
    }

    func choice(_ type: any ConfigChoice.Type) throws -> any ConfigChoice {
        let words = type.words
        guard let written = node.scalar, let value = type.init(rawValue: written) else {
            let hint =
                node.scalar.flatMap { Suggest.closest(to: $0, in: words) }.map { "; did you mean `\($0)`?" } ?? ""
            let list = words.map { "`\($0)`" }.joined(separator: ", ")
            fail("must be one of \(list), not `\(node.scalar ?? "a list or mapping")`\(hint)")
            throw DecodingLog.Reported()
        }
        return value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        // Front matter is read once per page: its keys are looked up where they are, with no
        // table built first (no key is unknown to open keys, and its keys are all text).
        if case .frontMatter(let mapping) = node, Key.self is any OpenCodingKey.Type {
            return KeyedDecodingContainer(MappingContainer<Key>(decoder: self, source: .frontMatter(mapping)))
        }
        guard let pairs = node.pairs else {
            fail("must be a mapping of keys to values")
            throw DecodingLog.Reported()
        }
        var values: [String: DecodingNode] = [:]
        var order: [String] = []
        let known =
            Key.self is any OpenCodingKey.Type
            ? nil : (Key.self as? any CaseIterable.Type).map { Self.names(of: $0.allCases) }
        for (name, mark, value) in pairs {
            guard let name else {
                log.fail(mark, "keys in \(named) must be text")
                continue
            }
            if let known, !known.contains(name) {
                let hint =
                    Suggest.closest(to: name, in: known).map { "did you mean `\($0)`?" }
                    ?? "known keys: \(known.sorted().map { "`\($0)`" }.joined(separator: ", "))"
                log.fail(mark, "unknown key `\(name)` in \(named): \(hint)")
                continue
            }
            values[name] = value
            order.append(name)
        }
        return KeyedDecodingContainer(MappingContainer<Key>(decoder: self, source: .nodes(values, order: order)))
    }

    private static func names(of cases: any Collection) -> [String] {
        cases.compactMap { ($0 as? any CodingKey)?.stringValue }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let items = node.items else {
            fail("must be a list")
            throw DecodingLog.Reported()
        }
        return SequenceContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { ScalarContainer(decoder: self) }
}
