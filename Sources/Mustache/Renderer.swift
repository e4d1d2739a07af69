/// Renders parsed nodes: a pure function of the template library and the context, so any
/// number of threads may render at once. Output goes into one growing UTF-8 buffer.
struct Renderer {
    let library: TemplateLibrary
    var out: [UInt8] = []
    var stack: [MustacheValue]
    var collectMissing: Bool
    var missing: Set<String> = []
    var found: Set<String> = []
    var depth = 0

    init(library: TemplateLibrary, context: MustacheValue, collectMissing: Bool, capacity: Int) {
        self.library = library
        self.stack = [context]
        self.collectMissing = collectMissing
        out.reserveCapacity(capacity)
    }

    mutating func render(_ nodes: [Node], overrides: [String: BlockContent]) throws(MustacheError) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                if let value = lookup(name) { write(value, escaped: escaped) }
            case .section(let name, let nodes):
                guard let value = lookup(name), !value.isFalsey else { continue }
                if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        try render(nodes, overrides: overrides)
                        stack.removeLast()
                    }
                } else {
                    stack.append(value)
                    try render(nodes, overrides: overrides)
                    stack.removeLast()
                }
            case .inverted(let name, let nodes):
                if lookup(name)?.isFalsey ?? true { try render(nodes, overrides: overrides) }
            case .partial(let name, let indent, let location):
                guard let nodes = try library.partialNodes(name, indent: indent, location: location) else { continue }
                try descend(nodes, overrides: overrides, location: location)
            case .parent(let name, let indent, let blocks, let location):
                guard let nodes = try library.partialNodes(name, indent: indent, location: location) else { continue }
                // Overrides from a more derived template win over this parent tag's own blocks.
                let merged = blocks.merging(overrides) { _, outer in outer }
                try descend(nodes, overrides: merged, location: location)
            case .block(let name, let defaults, let reindent):
                let content = overrides[name] ?? defaults
                if let reindent, !reindent.isEmpty {
                    let source = Indentation.indent(content.text, by: reindent, blankLines: false)
                    var parser = Parser(source: source, file: "", open: content.open, close: content.close)
                    try render(try parser.parse(), overrides: overrides)
                } else {
                    try render(content.nodes, overrides: overrides)
                }
            }
        }
    }

    /// Partials may include themselves; a depth limit turns runaway recursion into an error.
    private mutating func descend(_ nodes: [Node], overrides: [String: BlockContent], location: SourceLocation)
        throws(MustacheError)
    {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 {
            throw MustacheError(
                file: "", line: location.line, column: location.column,
                message: "partials nest more than 200 levels deep")
        }
        try render(nodes, overrides: overrides)
    }

    /// Finds a name in the context stack, innermost first. A dotted name resolves its first
    /// part in the stack and the rest inside that value only, as the spec says.
    private mutating func lookup(_ name: Name) -> MustacheValue? {
        guard let first = name.parts.first else { return stack.last }
        for frame in stack.reversed() {
            guard case .object(let object) = frame, var value = Self.member(first, of: object) else { continue }
            for part in name.parts.dropFirst() {
                guard case .object(let inner) = value, let next = Self.member(part, of: inner) else {
                    if collectMissing { missing.insert(name.text) }
                    return nil
                }
                value = next
            }
            if collectMissing { found.insert(name.text) }
            return value
        }
        if collectMissing { missing.insert(name.text) }
        return nil
    }

    /// Small objects (a list item's few fields) are searched by comparing keys, which for
    /// short keys costs less than hashing them; larger ones use the hash table.
    @inline(__always)
    private static func member(_ key: String, of object: [String: MustacheValue]) -> MustacheValue? {
        guard object.count <= 16 else { return object[key] }
        for (candidate, value) in object where candidate == key { return value }
        return nil
    }

    private mutating func write(_ value: MustacheValue, escaped: Bool) {
        switch value {
        case .string(let s): escaped ? appendEscaped(s) : out.append(contentsOf: s.utf8)
        case .html(let s): out.append(contentsOf: s.utf8)
        case .htmlBytes(let bytes): out.append(contentsOf: bytes)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: MustacheValue.format(d).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null, .list, .object: break
        }
    }

    private mutating func appendEscaped(_ s: String) {
        var s = s
        s.withUTF8 { HTMLEscape.append($0, to: &out, apostrophe: true) }
    }
}
