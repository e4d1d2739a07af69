/// The values templates see: a typed, Sendable tree converted once per page, never `Any`.
public enum MustacheValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Already-safe HTML: written as is, even by `{{x}}`.
    case html(String)
    /// The same as UTF-8 bytes, which the caller vouches are valid: a page's rendered Markdown
    /// goes to the page as it came out of the HTML writer, never made into a `String` (which
    /// would check every byte again).
    case htmlBytes([UInt8])
    case list([MustacheValue])
    case object([String: MustacheValue])

    /// Falsey values skip sections and show inverted sections.
    public var isFalsey: Bool {
        switch self {
        case .null: return true
        case .bool(let b): return !b
        case .list(let items): return items.isEmpty
        default: return false
        }
    }

    public subscript(key: String) -> MustacheValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}

extension MustacheValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: MustacheValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension MustacheValue {
    /// Number text as the spec expects: integers plainly, other doubles in their shortest form.
    static func format(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}

extension MustacheValue {
    /// The same value in storage of its own. Threads that render at once change the reference
    /// counts of every value they read; a value all of them read (the site, the menu) then
    /// bounces between the cores' caches at each count, so each thread reads its own copy
    /// (PERFORMANCE.md).
    package func unshared() -> MustacheValue {
        switch self {
        case .null, .bool, .int, .double: return self
        case .string(let s): return .string(s.unshared())
        case .html(let s): return .html(s.unshared())
        case .htmlBytes(let bytes): return .htmlBytes(bytes.withUnsafeBufferPointer { Array($0) })
        case .list(let items): return .list(items.map { $0.unshared() })
        case .object(let object): return .object(object.unshared())
        }
    }
}

extension [String: MustacheValue] {
    /// `MustacheValue.unshared()` for an object's fields.
    package func unshared() -> [String: MustacheValue] {
        var copy: [String: MustacheValue] = [:]
        copy.reserveCapacity(count)
        for (key, value) in self { copy[key.unshared()] = value.unshared() }
        return copy
    }
}

extension String {
    /// This text in a buffer of its own (a short one has none: it lives in the value).
    package func unshared() -> String {
        var text = self
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { buffer in
                _ = buffer.initialize(fromContentsOf: bytes)
                return bytes.count
            }
        }
    }
}
