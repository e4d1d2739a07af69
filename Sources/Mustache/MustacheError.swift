/// A template problem with its place: `Templates/path.mustache:line:column: error: message`.
public struct MustacheError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Every problem found while loading a folder of templates, not only the first.
public struct MustacheErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [MustacheError]
    public init(_ errors: [MustacheError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Where a tag stands in its template, for error messages.
struct SourceLocation: Sendable, Equatable {
    var line: Int
    var column: Int
}
