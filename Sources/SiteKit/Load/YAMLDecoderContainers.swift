/// The containers `NodeDecoder` hands out. Every typed overload Swift's protocols ask for goes
/// through `NodeDecoder.decodeValue`, where the reporting lives.
struct MappingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let source: Source

    enum Source {
        /// Known keys only (the unknown ones were reported when the container was made), and
        /// their order as written, for tables.
        case nodes([String: DecodingNode], order: [String])
        case frontMatter(YAMLMapping)
    }

    func value(_ name: String) -> DecodingNode? {
        switch source {
        case .nodes(let values, _): return values[name]
        case .frontMatter(let mapping):
            guard let value = mapping.values[name] else { return nil }
            let at = mapping.position(of: name)
            return .value(value, YAMLTree.Mark(line: at.line, column: at.column))
        }
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] {
        switch source {
        case .nodes(_, let order): return order.compactMap { Key(stringValue: $0) }
        case .frontMatter(let mapping): return mapping.values.keys.sorted().compactMap { Key(stringValue: $0) }
        }
    }

    func contains(_ key: Key) -> Bool { value(key.stringValue) != nil }

    /// A written null is a value like any other, reported if it does not fit: an empty key in
    /// site.yaml is more often a slip than a wish to leave it out.
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let node = value(key.stringValue) else {
            decoder.log.fail(decoder.node.mark, "\(decoder.named) needs `\(key.stringValue)`")
            switch type {
            case is String.Type: return "" as! T
            case is Bool.Type: return false as! T
            case is Int.Type: return 0 as! T
            default: throw DecodingLog.Reported()
            }
        }
        return try decoder.child(node, key).decodeValue(T.self)
    }

    /// nil when absent, or when it cannot be made (then it is reported).
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let node = value(key.stringValue) else { return nil }
        return try? decoder.child(node, key).decodeValue(T.self)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, key) }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decode(type, forKey: key) as T
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }

    private func child(_ key: Key) throws -> NodeDecoder {
        guard let node = value(key.stringValue) else {
            decoder.log.fail(decoder.node.mark, "\(decoder.named) needs `\(key.stringValue)`")
            throw DecodingLog.Reported()
        }
        return decoder.child(node, key)
    }
}

struct SequenceContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let items: [DecodingNode]
    private(set) var currentIndex = 0

    init(decoder: NodeDecoder, items: [DecodingNode]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func decodeNil() throws -> Bool { false }

    /// Moves on before decoding, so that a list goes on past an element that cannot be made.
    mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            decoder.fail("has fewer entries than expected")
            throw DecodingLog.Reported()
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], AnyKey(intValue: currentIndex))
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decodeValue(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().decodeValue(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().decodeValue(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next().decodeValue(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decodeValue(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decodeValue(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decodeValue(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decodeValue(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decodeValue(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decodeValue(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decodeValue(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decodeValue(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decodeValue(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct ScalarContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node.value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }

    func decode(_ type: Bool.Type) throws -> Bool { decoder.bool() }
    func decode(_ type: String.Type) throws -> String { decoder.text() }
    func decode(_ type: Int.Type) throws -> Int { decoder.int() }
    func decode(_ type: Double.Type) throws -> Double { try number() }
    func decode(_ type: Float.Type) throws -> Float { Float(try number()) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    private func number() throws -> Double {
        switch decoder.node.value {
        case .int(let n): return Double(n)
        case .double(let d): return d
        default:
            decoder.fail("must be a number")
            throw DecodingLog.Reported()
        }
    }

    private func integer<N: FixedWidthInteger>() throws -> N {
        guard case .int(let n) = decoder.node.value, let value = N(exactly: n) else {
            decoder.fail("must be a whole number from \(N.min) to \(N.max)")
            throw DecodingLog.Reported()
        }
        return value
    }
}
