import CYaml
import Yams

/// A YAML document built from libyaml's events, every node with its position; anchors,
/// aliases and nesting past the limit are refused while it is read (see `YAMLGuard`).
/// site.yaml is checked on it. Plain scalars are typed by `FastYAML.plain`, as Yams types
/// them, so reading site.yaml needs neither Yams' composer nor its regular-expression resolver
/// (whose set-up alone cost a 1,000-page build 17 ms and 2 MB).
indirect enum YAMLTree: Sendable {
    struct Mark: Sendable {
        var line: Int
        var column: Int
    }

    case scalar(String, plain: Bool, Mark)
    case sequence([YAMLTree], Mark)
    case mapping([(key: YAMLTree, value: YAMLTree)], Mark)

    enum Failure: Error {
        /// An anchor, an alias or nesting past the limit.
        case refused(Diagnostic)
        case invalid(Diagnostic)

        var diagnostic: Diagnostic {
            switch self {
            case .refused(let d), .invalid(let d): return d
            }
        }
    }

    var mark: Mark {
        switch self {
        case .scalar(_, _, let m), .sequence(_, let m), .mapping(_, let m): return m
        }
    }

    var string: String? {
        if case .scalar(let s, _, _) = self { return s }
        return nil
    }

    var items: [YAMLTree]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    subscript(key: String) -> YAMLTree? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key.string == key }?.value
    }

    /// As template values; plain scalars typed as Yams' default resolver types them.
    var value: YAMLValue {
        switch self {
        case .scalar(let text, let plain, _):
            guard plain else { return .string(text) }
            return FastYAML.plain(Substring(text)) ?? YAMLReader.convert(Node(text, Tag(.implicit), .plain))
        case .sequence(let items, _):
            return .list(items.map(\.value))
        case .mapping(let pairs, _):
            var object: [String: YAMLValue] = [:]
            for (key, value) in pairs { if let name = key.string { object[name] = value.value } }
            return .object(object)
        }
    }

    /// nil for an empty document.
    static func parse(_ text: String, file: String, lineOffset: Int = 0, maxDepth: Int) -> Result<YAMLTree?, Failure> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(.invalid(.error(file, lineOffset + 1, 1, "cannot start the YAML reader")))
        }
        defer { yaml_parser_delete(&parser) }
        var copy = text
        return copy.withUTF8 { bytes -> Result<YAMLTree?, Failure> in
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var reader = EventReader(file: file, lineOffset: lineOffset, maxDepth: maxDepth)
            do throws(Failure) {
                return .success(try reader.document(&parser))
            } catch {
                return .failure(error)
            }
        }
    }

    private struct EventReader {
        let file: String
        let lineOffset: Int
        let maxDepth: Int
        var depth = 0

        func mark(_ m: yaml_mark_t) -> Mark { Mark(line: lineOffset + Int(m.line) + 1, column: Int(m.column) + 1) }

        func next(_ parser: inout yaml_parser_t) throws(Failure) -> yaml_event_t {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let at = mark(parser.problem_mark)
                let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
                if problem.hasPrefix("Maximum nesting level") {
                    throw .refused(
                        .error(
                            file, at.line, at.column,
                            SiteLimits.exceeded(
                                .yamlDepth, "YAML is nested more than 1000 levels deep", limit: maxDepth)))
                }
                let context = parser.context.map { " " + String(cString: $0) } ?? ""
                throw .invalid(.error(file, at.line, at.column, "invalid YAML: \(problem)\(context)"))
            }
            return event
        }

        mutating func document(_ parser: inout yaml_parser_t) throws(Failure) -> YAMLTree? {
            while true {
                var event = try next(&parser)
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT: return nil
                case YAML_DOCUMENT_START_EVENT: return try node(after: &parser)
                default: continue
                }
            }
        }

        /// The next node, or nil at the end of a collection or document.
        mutating func node(after parser: inout yaml_parser_t) throws(Failure) -> YAMLTree? {
            var event = try next(&parser)
            defer { yaml_event_delete(&event) }
            let at = mark(event.start_mark)
            switch event.type {
            case YAML_ALIAS_EVENT:
                throw .refused(
                    .error(
                        file, at.line, at.column,
                        "YAML aliases (`*name`) are not allowed: write the value out where it is used"))
            case YAML_SCALAR_EVENT where event.data.scalar.anchor != nil,
                YAML_SEQUENCE_START_EVENT where event.data.sequence_start.anchor != nil,
                YAML_MAPPING_START_EVENT where event.data.mapping_start.anchor != nil:
                throw .refused(
                    .error(
                        file, at.line, at.column,
                        "YAML anchors (`&name`) are not allowed: write the value out where it is used"))
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                return .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil, at)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                depth += 1
                defer { depth -= 1 }
                if depth > maxDepth {
                    throw .refused(
                        .error(
                            file, at.line, at.column,
                            SiteLimits.exceeded(.yamlDepth, "YAML is nested \(depth) levels deep", limit: maxDepth)))
                }
                if event.type == YAML_SEQUENCE_START_EVENT {
                    var items: [YAMLTree] = []
                    while let item = try node(after: &parser) { items.append(item) }
                    return .sequence(items, at)
                }
                var pairs: [(key: YAMLTree, value: YAMLTree)] = []
                var seen: Set<String> = []
                while let key = try node(after: &parser) {
                    guard let value = try node(after: &parser) else { break }
                    if let name = key.string, !seen.insert(name).inserted {
                        throw .invalid(
                            .error(file, key.mark.line, key.mark.column, "invalid YAML: duplicated key \(name)"))
                    }
                    pairs.append((key, value))
                }
                return .mapping(pairs, at)
            default:
                return nil  // the end of a sequence, mapping or document
            }
        }
    }
}
