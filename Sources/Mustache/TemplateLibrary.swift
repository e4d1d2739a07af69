import Foundation

/// A parsed Mustache template.
public struct Template: Sendable {
    let nodes: [Node]
    let source: String
    public let name: String

    public init(source: String, name: String) throws(MustacheError) {
        var parser = Parser(source: source, file: name)
        nodes = try parser.parse()
        self.source = source
        self.name = name
    }
}

/// A set of named templates that can include each other as partials and parents.
///
/// Names are paths without extension (`home`, `news/single`, `partials/header`);
/// `{{> header}}` and `{{< layout}}` look for `header`, then `partials/header`.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template]
    /// Standalone partials are indented line by line, as the spec requires; each
    /// (partial, indentation) pair used anywhere is parsed once, up front.
    private var indented: [IndentedPartial: [Node]] = [:]
    public var partialSearchPrefixes: [String] = ["", "partials/"]
    /// When false, a missing partial renders as nothing (the spec's behaviour); by default
    /// it is an error, so that a typo cannot silently drop part of a page.
    public var strictPartials = true
    private var fileNames: [String: String] = [:]

    public init(templates: [String: Template]) {
        self.templates = templates
        prepareIndentedPartials()
    }

    /// A template's text as read from its file.
    public struct SourceFile: Sendable {
        /// The name partials use: the path below the templates folder without extension.
        public var name: String
        /// The name errors give, e.g. `Templates/partials/header.mustache`.
        public var file: String
        public var source: String

        public init(name: String, file: String, source: String) {
            self.name = name
            self.file = file
            self.source = source
        }
    }

    /// Loads every `*.mustache` below `directory`. Errors name files as
    /// `<directory name>/<path>.mustache`, e.g. `Templates/partials/header.mustache`.
    /// Throws `MustacheErrors` with every problem found: parse errors, and partials or
    /// parents that no template provides.
    public init(directory: URL, fileExtension: String = "mustache") throws {
        let base = directory.standardizedFileURL
        let prefix = base.lastPathComponent
        var sources: [SourceFile] = []
        var errors: [MustacheError] = []
        let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == fileExtension else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))
            let file = prefix + "/" + relative
            do {
                let source = try String(contentsOf: url, encoding: .utf8)
                sources.append(
                    SourceFile(name: String(relative.dropLast(fileExtension.count + 1)), file: file, source: source))
            } catch {
                errors.append(
                    MustacheError(file: file, line: 1, column: 1, message: "cannot read the template: \(error)"))
            }
        }
        try self.init(sources: sources, readErrors: errors)
    }

    /// Parses templates already read (by a caller that also hashes them, say); `defaults`
    /// stand for the names the sources do not define, and partials may name them.
    public init(sources: [SourceFile], defaults: [String: Template] = [:]) throws {
        try self.init(sources: sources, readErrors: [], defaults: defaults)
    }

    private init(sources: [SourceFile], readErrors: [MustacheError], defaults: [String: Template] = [:]) throws {
        var templates = defaults
        var files: [String: String] = [:]
        var errors = readErrors
        for file in sources {
            do {
                templates[file.name] = try Template(source: file.source, name: file.file)
                files[file.name] = file.file
            } catch {
                errors.append(error)
            }
        }
        self.templates = templates
        fileNames = files
        errors += missingReferences()
        if !errors.isEmpty {
            throw MustacheErrors(errors.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) })
        }
        prepareIndentedPartials()
    }

    /// The same templates parsed again, so that no node is shared with this library: see
    /// `MustacheValue.unshared()`.
    package func unshared() -> TemplateLibrary {
        var copy = self
        copy.templates = [:]
        copy.indented = [:]
        for (name, template) in templates {
            copy.templates[name.unshared()] =
                (try? Template(source: template.source.unshared(), name: template.name)) ?? template
        }
        copy.prepareIndentedPartials()
        return copy
    }

    public var names: [String] { templates.keys.sorted() }

    public func contains(_ name: String) -> Bool { templates[name] != nil }

    public func template(_ name: String) -> Template? { templates[name] }

    public func render(_ name: String, _ context: MustacheValue) throws -> String {
        var ignored: Set<String> = []
        return try render(name, context, collectMissing: false, missing: &ignored)
    }

    /// Renders and adds to `missing` every name that was not found in the context stack.
    public func render(_ name: String, _ context: MustacheValue, missing: inout Set<String>) throws -> String {
        try render(name, context, collectMissing: true, missing: &missing)
    }

    /// Names looked up while rendering: those never found, and those found at least once.
    /// Across a whole build, `missing - found` are names no context ever provided: typos.
    public struct NameUsage: Sendable {
        public var missing: Set<String> = []
        public var found: Set<String> = []
        public init() {}
        public mutating func merge(_ other: NameUsage) {
            missing.formUnion(other.missing)
            found.formUnion(other.found)
        }
        public var neverFound: Set<String> { missing.subtracting(found) }
    }

    public func render(_ name: String, _ context: MustacheValue, usage: inout NameUsage) throws -> String {
        var missing: Set<String> = []
        var found: Set<String> = []
        let bytes = try renderBytes(name, context, collectMissing: true, missing: &missing, found: &found)
        usage.missing.formUnion(missing)
        usage.found.formUnion(found)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Renders straight to UTF-8 bytes: what a site writes to disk, without building a
    /// String (which would validate every byte again).
    public func renderBytes(_ name: String, _ context: MustacheValue) throws -> [UInt8] {
        var ignored: Set<String> = []
        return try renderBytes(name, context, collectMissing: false, missing: &ignored)
    }

    private func render(_ name: String, _ context: MustacheValue, collectMissing: Bool, missing: inout Set<String>)
        throws -> String
    {
        String(
            decoding: try renderBytes(name, context, collectMissing: collectMissing, missing: &missing), as: UTF8.self)
    }

    private func renderBytes(_ name: String, _ context: MustacheValue, collectMissing: Bool, missing: inout Set<String>)
        throws -> [UInt8]
    {
        var found: Set<String> = []
        return try renderBytes(name, context, collectMissing: collectMissing, missing: &missing, found: &found)
    }

    private func renderBytes(
        _ name: String, _ context: MustacheValue, collectMissing: Bool,
        missing: inout Set<String>, found: inout Set<String>
    ) throws -> [UInt8] {
        guard let template = templates[name] else {
            throw MustacheError(file: name, line: 1, column: 1, message: "no template named `\(name)`")
        }
        var renderer = Renderer(
            library: self, context: context, collectMissing: collectMissing,
            capacity: template.source.utf8.count * 2 + 1024)
        do {
            try renderer.render(template.nodes, overrides: [:])
        } catch {
            var error = error
            if error.file.isEmpty { error.file = template.name }
            throw error
        }
        missing.formUnion(renderer.missing)
        found.formUnion(renderer.found)
        return renderer.out
    }

    func resolve(_ name: String) -> String? {
        for prefix in partialSearchPrefixes where templates[prefix + name] != nil { return prefix + name }
        return nil
    }

    func partialNodes(_ name: String, indent: String, location: SourceLocation) throws(MustacheError) -> [Node]? {
        guard let resolved = resolve(name) else {
            if !strictPartials { return nil }
            throw MustacheError(
                file: "", line: location.line, column: location.column,
                message:
                    "missing partial `\(name)`: no template \(partialSearchPrefixes.map { "\($0)\(name)" }.joined(separator: " or "))"
            )
        }
        if indent.isEmpty { return templates[resolved]!.nodes }
        if let nodes = indented[IndentedPartial(name: resolved, indent: indent)] { return nodes }
        let template = templates[resolved]!
        return try Template(
            source: Indentation.indent(template.source, by: indent, blankLines: true), name: template.name
        ).nodes
    }

    /// Every name a template uses, through its partials and parents, as written
    /// (`page.title`, `i18n.readMore`, `.`).
    public func referencedVariables(of name: String) -> Set<String> {
        var names: Set<String> = []
        var seen: Set<String> = []
        func visit(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text: break
                case .variable(let n, _): names.insert(n.text)
                case .section(let n, let inner), .inverted(let n, let inner):
                    names.insert(n.text)
                    visit(inner)
                case .block(_, let inner, _): visit(inner.nodes)
                case .partial(let p, _, _):
                    if let resolved = resolve(p), seen.insert(resolved).inserted { visit(templates[resolved]!.nodes) }
                case .parent(let p, _, let blocks, _):
                    for inner in blocks.values { visit(inner.nodes) }
                    if let resolved = resolve(p), seen.insert(resolved).inserted { visit(templates[resolved]!.nodes) }
                }
            }
        }
        if let template = templates[name] {
            seen.insert(name)
            visit(template.nodes)
        }
        return names
    }

    /// Partials and parents that no template provides, with the place of each tag.
    private func missingReferences() -> [MustacheError] {
        var errors: [MustacheError] = []
        func visit(_ nodes: [Node], file: String) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(_, let inner), .inverted(_, let inner): visit(inner, file: file)
                case .block(_, let inner, _): visit(inner.nodes, file: file)
                case .partial(let p, _, let location):
                    if resolve(p) == nil {
                        errors.append(
                            MustacheError(
                                file: file, line: location.line, column: location.column,
                                message:
                                    "missing partial `\(p)`: no template \(partialSearchPrefixes.map { "\($0)\(p)" }.joined(separator: " or "))"
                            ))
                    }
                case .parent(let p, _, let blocks, let location):
                    if resolve(p) == nil {
                        errors.append(
                            MustacheError(
                                file: file, line: location.line, column: location.column,
                                message:
                                    "missing parent template `\(p)`: no template \(partialSearchPrefixes.map { "\($0)\(p)" }.joined(separator: " or "))"
                            ))
                    }
                    for inner in blocks.values { visit(inner.nodes, file: file) }
                }
            }
        }
        for (_, template) in templates.sorted(by: { $0.key < $1.key }) { visit(template.nodes, file: template.name) }
        return errors
    }

    private mutating func prepareIndentedPartials() {
        var pending: [(String, String)] = []
        func collect(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(_, let inner), .inverted(_, let inner): collect(inner)
                case .block(_, let inner, _): collect(inner.nodes)
                case .partial(let p, let indent, _), .parent(let p, let indent, _, _):
                    if case .parent(_, _, let blocks, _) = node { for block in blocks.values { collect(block.nodes) } }
                    if !indent.isEmpty, let resolved = resolve(p) { pending.append((resolved, indent)) }
                }
            }
        }
        for template in templates.values { collect(template.nodes) }
        while let (name, indent) = pending.popLast() {
            let key = IndentedPartial(name: name, indent: indent)
            guard indented[key] == nil, indent.count <= 256, indented.count < 10_000,
                let template = templates[name],
                let nodes = try? Template(
                    source: Indentation.indent(template.source, by: indent, blankLines: true), name: template.name
                ).nodes
            else { continue }
            indented[key] = nodes
            collect(nodes)
        }
    }
}

/// A partial as a standalone tag includes it: its lines indented by the tag's indentation.
private struct IndentedPartial: Hashable {
    var name: String
    var indent: String
}
