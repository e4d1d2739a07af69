/// Parses Mustache source into nodes, applying the spec's standalone-line rules and
/// set-delimiter tags as it goes.
struct Parser {
    private let source: [UInt8]
    private let file: String
    private var open: [UInt8]
    private var close: [UInt8]
    private var position = 0
    private var lineStart = 0
    /// True once the current line has text other than spaces, or any tag.
    private var lineHasContent = false
    private var frames: [Frame] = [Frame(kind: .root, name: "", location: SourceLocation(line: 1, column: 1))]
    private let lines: LineTable

    private enum Kind {
        case root, section, inverted
        case parent(indent: String)
        case block
    }

    private struct Frame {
        var kind: Kind
        var name: String
        var location: SourceLocation
        var nodes: [Node] = []
        /// For blocks: whether the opening tag stood alone on its line, the whitespace
        /// before it, and where its content starts in the source.
        var standalone = false
        var before = ""
        var contentStart = 0
    }

    /// One tag as found in the source.
    private struct Tag {
        var type: UInt8
        var content: String
        var start: Int
        var end: Int
    }

    init(source: String, file: String, open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)) {
        self.source = Array(source.utf8)
        self.file = file
        self.open = open
        self.close = close
        lines = LineTable(self.source)
    }

    mutating func parse() throws(MustacheError) -> [Node] {
        var textStart = 0
        while position < source.count {
            if matches(open, at: position) {
                try tag(textStart: &textStart)
                continue
            }
            let byte = source[position]
            position += 1
            if byte == UInt8(ascii: "\n") {
                lineStart = position
                lineHasContent = false
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
                lineHasContent = true
            }
        }
        appendText(textStart..<source.count)
        if frames.count > 1, let unclosed = frames.last {
            throw error(
                at: unclosed.location,
                "unclosed section `\(unclosed.name)`: no `{{/\(unclosed.name)}}` before the end of the template")
        }
        return frames[0].nodes
    }

    private func readTag(at start: Int) throws(MustacheError) -> Tag {
        var p = start + open.count
        let sigil: UInt8? = p < source.count ? source[p] : nil
        let kinds: Set<UInt8> = Set("#^/!><$=&{".utf8)
        let type: UInt8 = sigil.map { kinds.contains($0) ? $0 : 0 } ?? 0
        if type != 0 { p += 1 }
        let closing: [UInt8] =
            type == UInt8(ascii: "{")
            ? [UInt8(ascii: "}")] + close
            : type == UInt8(ascii: "=") ? [UInt8(ascii: "=")] + close : close
        guard let closeAt = find(closing, from: p) else {
            throw error(
                at: lines.location(of: start, in: source),
                "unclosed tag: `\(String(decoding: open, as: UTF8.self))` has no `\(String(decoding: closing, as: UTF8.self))`"
            )
        }
        return Tag(
            type: type, content: String(decoding: source[p..<closeAt], as: UTF8.self).trimmingWhitespace,
            start: start, end: closeAt + closing.count)
    }

    /// Where the line ends after `index` if only spaces and tabs follow: just past the
    /// newline, or the end of the source; nil when anything else follows.
    private func restOfLineIsBlank(from index: Int) -> Int? {
        var q = index
        while q < source.count && (source[q] == UInt8(ascii: " ") || source[q] == UInt8(ascii: "\t")) { q += 1 }
        if q == source.count { return q }
        if source[q] == UInt8(ascii: "\n") { return q + 1 }
        if source[q] == UInt8(ascii: "\r") && q + 1 < source.count && source[q + 1] == UInt8(ascii: "\n") {
            return q + 2
        }
        return nil
    }

    private mutating func tag(textStart: inout Int) throws(MustacheError) {
        let tag = try readTag(at: position)
        if !lineHasContent, try pairStandalone(tag, textStart: &textStart) { return }
        var standalone = false
        var resume = tag.end
        let canStandAlone = tag.type != 0 && tag.type != UInt8(ascii: "&") && tag.type != UInt8(ascii: "{")
        if canStandAlone && !lineHasContent, let lineEnd = restOfLineIsBlank(from: tag.end) {
            standalone = true
            resume = lineEnd
        }
        let indent = standalone ? String(decoding: source[lineStart..<tag.start], as: UTF8.self) : ""
        let textEnd = standalone ? lineStart : tag.start
        appendText(textStart..<textEnd)
        position = resume
        textStart = resume
        if standalone {
            lineStart = resume
            lineHasContent = false
        } else {
            lineHasContent = true
        }
        try apply(tag, indent: indent, standalone: standalone, textEnd: textEnd)
    }

    /// Template inheritance lets two adjacent tags share a standalone line:
    /// `{{$b}}{{/b}}`, `{{<p}}{{/p}}`, `{{<p}}{{$b}}` and `{{/b}}{{/p}}`.
    private mutating func pairStandalone(_ first: Tag, textStart: inout Int) throws(MustacheError) -> Bool {
        let lt = UInt8(ascii: "<")
        let dollar = UInt8(ascii: "$")
        let slash = UInt8(ascii: "/")
        guard first.type == lt || first.type == dollar || first.type == slash, matches(open, at: first.end) else {
            return false
        }
        let second = try readTag(at: first.end)
        guard let lineEnd = restOfLineIsBlank(from: second.end) else { return false }
        let indent = String(decoding: source[lineStart..<first.start], as: UTF8.self)
        let emptyBlock = first.type == dollar && second.type == slash && second.content == first.content
        let emptyParent = first.type == lt && second.type == slash && second.content == first.content
        let parentAndBlock = first.type == lt && second.type == dollar
        var closesBlockThenParent = false
        if first.type == slash && second.type == slash, frames.count > 2, case .block = frames[frames.count - 1].kind,
            case .parent = frames[frames.count - 2].kind,
            frames[frames.count - 1].name == first.content, frames[frames.count - 2].name == second.content
        {
            closesBlockThenParent = true
        }
        guard emptyBlock || emptyParent || parentAndBlock || closesBlockThenParent else { return false }
        let thisLine = lineStart
        appendText(textStart..<thisLine)
        // An empty standalone block keeps its line's newline (mustache/spec#131).
        let resume = emptyBlock ? second.end : lineEnd
        position = resume
        textStart = resume
        lineStart = emptyBlock ? thisLine : resume
        lineHasContent = emptyBlock
        try apply(
            first, indent: indent, standalone: true, textEnd: thisLine, contentStart: emptyBlock ? first.end : resume)
        try apply(
            second, indent: "", standalone: true, textEnd: emptyBlock ? second.start : thisLine, contentStart: resume)
        return true
    }

    private mutating func apply(_ tag: Tag, indent: String, standalone: Bool, textEnd: Int, contentStart: Int? = nil)
        throws(MustacheError)
    {
        let content = tag.content
        let location = lines.location(of: tag.start, in: source)
        switch tag.type {
        case UInt8(ascii: "!"):
            break
        case UInt8(ascii: "#"):
            try requireName(content, location)
            frames.append(Frame(kind: .section, name: content, location: location))
        case UInt8(ascii: "^"):
            try requireName(content, location)
            frames.append(Frame(kind: .inverted, name: content, location: location))
        case UInt8(ascii: "<"):
            try requireName(content, location)
            frames.append(Frame(kind: .parent(indent: indent), name: content, location: location))
        case UInt8(ascii: "$"):
            try requireName(content, location)
            frames.append(
                Frame(
                    kind: .block, name: content, location: location, standalone: standalone,
                    before: indent, contentStart: contentStart ?? position))
        case UInt8(ascii: "/"):
            try closeFrame(named: content, location: location, contentEnd: textEnd)
        case UInt8(ascii: ">"):
            try requireName(content, location)
            append(.partial(content, indent: indent, location))
        case UInt8(ascii: "="):
            let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") else {
                throw error(
                    at: location, "a set-delimiter tag takes two delimiters separated by a space, like {{=<% %>=}}")
            }
            open = Array(parts[0].utf8)
            close = Array(parts[1].utf8)
        case UInt8(ascii: "&"), UInt8(ascii: "{"):
            try requireName(content, location)
            append(.variable(Name(content), escaped: false))
        default:
            try requireName(content, location)
            append(.variable(Name(content), escaped: true))
        }
    }

    private mutating func closeFrame(named name: String, location: SourceLocation, contentEnd: Int)
        throws(MustacheError)
    {
        guard frames.count > 1, let frame = frames.last else {
            throw error(at: location, "closing tag `{{/\(name)}}` has no opening tag")
        }
        guard frame.name == name else {
            throw error(
                at: location,
                "mismatched closing tag: `{{/\(name)}}` closes `\(frame.name)`, opened at \(frame.location.line):\(frame.location.column)"
            )
        }
        frames.removeLast()
        switch frame.kind {
        case .root: break
        case .section: append(.section(Name(name), frame.nodes))
        case .inverted: append(.inverted(Name(name), frame.nodes))
        case .block:
            let text = String(decoding: source[frame.contentStart..<max(frame.contentStart, contentEnd)], as: UTF8.self)
            guard frame.standalone else {
                append(
                    .block(name, BlockContent(nodes: frame.nodes, text: text, open: open, close: close), reindent: nil))
                return
            }
            // A standalone block's content loses its own indentation here and is given the
            // indentation of the site where it is expanded.
            let (dedented, margin) = Indentation.dedent(text)
            var sub = Parser(source: dedented, file: file, open: open, close: close)
            let nodes = try sub.parse()
            append(
                .block(
                    name, BlockContent(nodes: nodes, text: dedented, open: open, close: close),
                    reindent: margin.isEmpty ? frame.before : margin))
        case .parent(let indent):
            var blocks: [String: BlockContent] = [:]
            for case .block(let blockName, let content, _) in frame.nodes { blocks[blockName] = content }
            append(.parent(name, indent: indent, blocks: blocks, frame.location))
        }
    }

    private func requireName(_ content: String, _ location: SourceLocation) throws(MustacheError) {
        if content.isEmpty { throw error(at: location, "empty tag: a tag needs a name") }
    }

    private mutating func append(_ node: Node) { frames[frames.count - 1].nodes.append(node) }

    private mutating func appendText(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if case .text(let previous)? = frames[frames.count - 1].nodes.last {
            frames[frames.count - 1].nodes[frames[frames.count - 1].nodes.count - 1] = .text(previous + source[range])
        } else {
            append(.text(Array(source[range])))
        }
    }

    private func matches(_ pattern: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= source.count, source[index] == pattern[0] else { return false }
        for k in 1..<pattern.count where source[index + k] != pattern[k] { return false }
        return true
    }

    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + pattern.count <= source.count {
            if matches(pattern, at: i) { return i }
            i += 1
        }
        return nil
    }

    private func error(at location: SourceLocation, _ message: String) -> MustacheError {
        MustacheError(file: file, line: location.line, column: location.column, message: message)
    }
}

/// Line starts of a source, to turn byte offsets into 1-based line and column (in characters).
struct LineTable {
    private var starts: [Int] = [0]

    init(_ source: [UInt8]) {
        for (i, byte) in source.enumerated() where byte == UInt8(ascii: "\n") { starts.append(i + 1) }
    }

    func location(of offset: Int, in source: [UInt8]) -> SourceLocation {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let column = source[starts[low]..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return SourceLocation(line: low + 1, column: column)
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

/// Removing and adding indentation, for standalone partials and blocks.
enum Indentation {
    /// Removes the margin common to every non-blank line; blank lines become empty.
    /// Returns the dedented text and the margin removed.
    static func dedent(_ text: String) -> (String, String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var margin: Substring?
        for line in lines where line.contains(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) {
            let leading = line.prefix { $0 == " " || $0 == "\t" }
            if let current = margin {
                margin = current.commonPrefix(with: leading)[...]
            } else {
                margin = leading
            }
        }
        let cut = margin?.count ?? 0
        let result = lines.map { line -> Substring in
            line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) ? "" : line.dropFirst(cut)
        }.joined(separator: "\n")
        return (result, String(margin ?? ""))
    }

    /// Puts `indent` before every non-empty line of `text`.
    static func indent(_ text: String, by indent: String, blankLines: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + indent.utf8.count * 8)
        var atLineStart = true
        for character in text {
            if atLineStart && (blankLines || (character != "\n" && character != "\r\n")) { result += indent }
            result.append(character)
            atLineStart = character == "\n" || character == "\r\n"
        }
        return result
    }
}
