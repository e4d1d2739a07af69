/// A variable or section name, split once at parse time: `.` or `a.b.c`.
struct Name: Sendable, Equatable {
    /// Empty for the implicit iterator `.`.
    var parts: [String]
    var text: String

    init(_ text: String) {
        self.text = text
        parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

/// The parsed form of a template: rendering walks this tree and never looks at source text.
indirect enum Node: Sendable {
    case text([UInt8])
    case variable(Name, escaped: Bool)
    case section(Name, [Node])
    case inverted(Name, [Node])
    /// `{{> name}}`; `indent` is the whitespace before a standalone partial tag.
    case partial(String, indent: String, SourceLocation)
    /// `{{< name}}` with the blocks it overrides.
    case parent(String, indent: String, blocks: [String: BlockContent], SourceLocation)
    /// `{{$ name}}` with its default content; `reindent` is the indentation to give the
    /// content when the block tag stands alone on its line (the spec's block reindentation).
    case block(String, BlockContent, reindent: String?)
}

/// A block's content, parsed, and as (dedented) text for re-indenting at another site.
struct BlockContent: Sendable {
    var nodes: [Node]
    var text: String
    var open: [UInt8]
    var close: [UInt8]
}
