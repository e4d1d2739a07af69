import Mustache

extension MustacheValue {
    /// Front matter and site.yaml values as templates see them.
    init(_ value: YAMLValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .list(let items): self = .list(items.map(MustacheValue.init))
        case .object(let object): self = .object(object.mapValues(MustacheValue.init))
        }
    }

    /// Scalars as text (numbers and booleans too); nil for lists, objects and null.
    var text: String? {
        switch self {
        case .string(let s), .html(let s): return s
        case .htmlBytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return String(b)
        default: return nil
        }
    }

    var items: [MustacheValue] {
        if case .list(let list) = self { return list }
        return []
    }

}
