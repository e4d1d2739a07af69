import CYaml

/// Walks libyaml's event stream, without building any value, to refuse what could make a small
/// YAML text expensive to read: anchors and aliases, and nesting deeper than the limit.
///
/// Yams shares an aliased node instead of copying it, but hashing a mapping key, comparing keys
/// and turning nodes into template values all expand it: twelve lines of nested aliases
/// (a "billion laughs") expand to hundreds of millions of values. Bounding the expanded size
/// would mean expanding it, or counting with memoisation over every later use; front matter and
/// site.yaml are short hand-written files where a copied value reads better than an alias, so
/// aliases are refused outright. Anchors go with them: an anchor is only ever there for an alias.
enum YAMLGuard {
    /// nil when the text is safe to hand to Yams (it may still be invalid YAML: Yams then
    /// reports the error in its own words).
    static func check(_ text: String, file: String, lineOffset: Int, maxDepth: Int) -> Diagnostic? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var copy = text
        return copy.withUTF8 { bytes -> Diagnostic? in
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    // libyaml stops at 1,000 levels on its own, before the events reach our count.
                    guard let problem = parser.problem, String(cString: problem).hasPrefix("Maximum nesting level") else { return nil }
                    return .error(file, lineOffset + Int(parser.problem_mark.line) + 1, Int(parser.problem_mark.column) + 1,
                                  SiteLimits.exceeded(.yamlDepth, "YAML is nested more than 1000 levels deep", limit: maxDepth))
                }
                defer { yaml_event_delete(&event) }
                let line = lineOffset + Int(event.start_mark.line) + 1
                let column = Int(event.start_mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    return .error(file, line, column,
                                  "YAML aliases (`*name`) are not allowed: write the value out where it is used")
                case YAML_SCALAR_EVENT where event.data.scalar.anchor != nil,
                     YAML_SEQUENCE_START_EVENT where event.data.sequence_start.anchor != nil,
                     YAML_MAPPING_START_EVENT where event.data.mapping_start.anchor != nil:
                    return .error(file, line, column,
                                  "YAML anchors (`&name`) are not allowed: write the value out where it is used")
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > maxDepth {
                        return .error(file, line, column, SiteLimits.exceeded(.yamlDepth, "YAML is nested \(depth) levels deep", limit: maxDepth))
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
            }
        }
    }
}
