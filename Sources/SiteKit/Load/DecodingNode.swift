/// What `NodeDecoder` reads: a node of site.yaml's tree, every node with its own position; or
/// front matter as the fast reader gives it, typed values whose keys keep their positions at
/// the top level only (a nested value is reported at its key).
enum DecodingNode {
    case tree(YAMLTree)
    case value(YAMLValue, YAMLTree.Mark)
    case frontMatter(YAMLMapping)

    var mark: YAMLTree.Mark {
        switch self {
        case .tree(let node): return node.mark
        case .value(_, let mark): return mark
        case .frontMatter: return YAMLTree.Mark(line: 1, column: 1)
        }
    }

    /// Typed as YAML types plain scalars.
    var value: YAMLValue {
        switch self {
        case .tree(let node): return node.value
        case .value(let value, _): return value
        case .frontMatter(let mapping): return .object(mapping.values)
        }
    }

    /// A scalar as written; nil for a list, a mapping or (front matter) null.
    var scalar: String? {
        switch self {
        case .tree(let node): return node.string
        case .value(let value, _): return value.text
        case .frontMatter: return nil
        }
    }

    var isSequence: Bool { items != nil }

    var items: [DecodingNode]? {
        switch self {
        case .tree(.sequence(let items, _)): return items.map(DecodingNode.tree)
        case .value(.list(let items), let mark): return items.map { .value($0, mark) }
        default: return nil
        }
    }

    /// Each key (nil where it is not text) with where it stands, and its value.
    var pairs: [(name: String?, mark: YAMLTree.Mark, value: DecodingNode)]? {
        switch self {
        case .tree(.mapping(let pairs, _)):
            return pairs.map { ($0.key.string, $0.key.mark, .tree($0.value)) }
        case .value(.object(let object), let mark):
            return object.sorted { $0.key < $1.key }.map { ($0.key, mark, .value($0.value, mark)) }
        case .frontMatter(let mapping):
            // No table is read from the top of front matter, so its keys need no order.
            return mapping.values.map { key, value in
                let at = mapping.position(of: key)
                let mark = YAMLTree.Mark(line: at.line, column: at.column)
                return (key, mark, .value(value, mark))
            }
        default: return nil
        }
    }
}
