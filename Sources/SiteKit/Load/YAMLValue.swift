/// A value read from front matter or site.yaml: typed and Sendable, and nothing to do with
/// templates (render turns it into template values, `MustacheValue(_:)`).
enum YAMLValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([YAMLValue])
    case object([String: YAMLValue])

    /// Scalars as text (numbers and booleans too); nil for lists, objects and null.
    var text: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return String(b)
        default: return nil
        }
    }

    var isList: Bool {
        if case .list = self { return true }
        return false
    }

    var items: [YAMLValue] {
        if case .list(let list) = self { return list }
        return []
    }

    subscript(key: String) -> YAMLValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// `[latitude, longitude]` in degrees (a `role: location` field); nil for anything else.
    var coordinates: (latitude: Double, longitude: Double)? {
        let numbers = items.compactMap { item -> Double? in
            switch item {
            case .int(let n): return Double(n)
            case .double(let d): return d
            default: return nil
            }
        }
        guard items.count == 2, numbers.count == 2, abs(numbers[0]) <= 90, abs(numbers[1]) <= 180 else { return nil }
        return (numbers[0], numbers[1])
    }

    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .list(let l): return !l.isEmpty
        default: return true
        }
    }
}
