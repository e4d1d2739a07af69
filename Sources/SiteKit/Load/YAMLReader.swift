import Foundation
import Yams

/// A YAML mapping turned into template values, remembering where each top-level key stood
/// so that later stages can point at the exact line of a bad value.
struct YAMLMapping: Sendable {
    var values: [String: YAMLValue]
    var positions: [String: SourcePosition]

    init(values: [String: YAMLValue] = [:], positions: [String: SourcePosition] = [:]) {
        self.values = values
        self.positions = positions
    }

    subscript(key: String) -> YAMLValue? { values[key] }

    func position(of key: String) -> SourcePosition {
        positions[key] ?? SourcePosition(line: 1, column: 1)
    }

    /// Without the values of keys written with no value (`key:`, `key: null`, `key: ""`):
    /// browser editors (Sveltia, Decap CMS) save every field of the form, an optional one left
    /// empty as `""` or `null`, which means "not set", as if the key were absent. A required
    /// field so written is then missing, and said so at the line where it stands (its position
    /// is kept).
    func droppingUnset() -> YAMLMapping {
        var kept = self
        for (key, value) in values where value == .null || value == .string("") { kept.values[key] = nil }
        return kept
    }
}

struct SourcePosition: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// Reads YAML through Yams' node API (not `Any`), so nested mappings arrive as typed values
/// and every key keeps its line.
enum YAMLReader {
    /// - Parameter lineOffset: lines that come before the YAML text in its file
    ///   (the opening `---` of front matter), added to every reported line.
    static func readMapping(
        _ text: String, file: String, lineOffset: Int = 0,
        limits: SiteLimits = SiteLimits()
    ) -> Result<YAMLMapping, Diagnostic> {
        if let fast = FastYAML.readMapping(text, lineOffset: lineOffset, maxDepth: limits.yamlDepth) {
            return .success(fast)
        }
        return readMappingWithYams(text, file: file, lineOffset: lineOffset, limits: limits)
    }

    static func readMappingWithYams(
        _ text: String, file: String, lineOffset: Int = 0,
        limits: SiteLimits = SiteLimits()
    ) -> Result<YAMLMapping, Diagnostic> {
        switch compose(text, file: file, lineOffset: lineOffset, limits: limits) {
        case .failure(let d): return .failure(d)
        case .success(nil): return .success(YAMLMapping())
        case .success(let node?): return mapping(node, file: file, lineOffset: lineOffset)
        }
    }

    /// The node tree of `text`, once `YAMLGuard` has found no alias, anchor or nesting past the limit.
    static func compose(_ text: String, file: String, lineOffset: Int = 0, limits: SiteLimits) -> Result<
        Node?, Diagnostic
    > {
        if let refused = YAMLGuard.check(text, file: file, lineOffset: lineOffset, maxDepth: limits.yamlDepth) {
            return .failure(refused)
        }
        do {
            return .success(try Yams.compose(yaml: text))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, lineOffset: lineOffset))
        } catch {
            return .failure(.error(file, lineOffset + 1, 1, "invalid YAML: \(error)"))
        }
    }

    /// A top-level mapping as template values with each key's position.
    static func mapping(_ node: Node, file: String, lineOffset: Int = 0) -> Result<YAMLMapping, Diagnostic> {
        guard case .mapping(let mapping) = node else {
            let mark = node.mark
            return .failure(
                .error(
                    file, lineOffset + (mark?.line ?? 1), mark?.column ?? 1,
                    "expected a YAML mapping of keys to values"))
        }
        var result = YAMLMapping()
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            result.values[name] = convert(value)
            if let mark = key.mark {
                result.positions[name] = SourcePosition(line: lineOffset + mark.line, column: mark.column)
            }
        }
        return .success(result)
    }

    static func convert(_ node: Node) -> YAMLValue {
        switch node {
        case .scalar(let scalar):
            return convert(scalar)
        case .sequence(let sequence):
            return .list(sequence.map(convert))
        case .mapping(let mapping):
            var object: [String: YAMLValue] = [:]
            for (key, value) in mapping {
                if let name = key.string { object[name] = convert(value) }
            }
            return .object(object)
        case .alias:
            return .null
        }
    }

    private static func convert(_ scalar: Node.Scalar) -> YAMLValue {
        let node = Node.scalar(scalar)
        guard scalar.style == .plain else { return .string(scalar.string) }
        switch Resolver.default.resolveTag(of: node).rawValue {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return node.bool.map(YAMLValue.bool) ?? .string(scalar.string)
        case Tag.Name.int.rawValue: return node.int.map(YAMLValue.int) ?? .string(scalar.string)
        case Tag.Name.float.rawValue: return node.float.map(YAMLValue.double) ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }

    private static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .error(file, lineOffset + mark.line, mark.column, "invalid YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                file, lineOffset + context.mark.line, context.mark.column,
                "invalid YAML: duplicated key \(duplicates.joined(separator: ", "))")
        default:
            return .error(file, lineOffset + 1, 1, "invalid YAML: \(error)")
        }
    }
}
