import Foundation

/// Writes diagnostics for people (with the source line and a caret), for GitHub Actions
/// annotations, or as JSON for tools.
public struct DiagnosticPrinter: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, json, github }

    /// The site root the diagnostics' paths are relative to, for quoting source lines.
    public var root: URL

    public init(root: URL) { self.root = root }

    public func format(_ diagnostics: [Diagnostic], as format: Format) -> String {
        switch format {
        case .text: return text(diagnostics)
        case .github: return diagnostics.map(github).joined()
        case .json: return json(diagnostics)
        }
    }

    public static func counts(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    private func text(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        var files: [String: [Substring]] = [:]
        for d in diagnostics {
            out += d.description + "\n"
            if files[d.file] == nil {
                let text = ownSource(d.file).map { String(decoding: $0, as: UTF8.self) } ?? ""
                // Split as bytes: splitting by Character costs a grapheme break test per character.
                files[d.file] = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
                    Substring($0)
                }
            }
            guard let lines = files[d.file], d.line <= lines.count else { continue }
            let source = lines[d.line - 1]
            guard source.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            // The window first: a line can be 500 KB long, and a hundred problems may quote it.
            var (line, column) = Self.window(source, column: d.column)
            line = line.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\t", with: " ")
            out += "    " + line + "\n"
            out += "    " + Self.padding(line, upTo: column) + "^\n"
        }
        return Self.neutralizingWorkflowCommands(out)
    }

    /// The bytes of a file a diagnostic names, when it is a regular file of the site's own
    /// (no `..`, not absolute, not a link out of the root): an error must never quote
    /// `/etc/passwd` or `/proc/self/environ` because site.yaml named it.
    func ownSource(_ file: String) -> [UInt8]? {
        guard !file.hasPrefix("/"), !file.split(separator: "/").contains(".."),
            FileIO.isInside(root.path, root.appendingPathComponent(file).path)
        else { return nil }
        return FileIO.readRegularFile(root.appendingPathComponent(file).path, limit: 64 << 20)
    }

    /// A line of a log that starts with `::` is a command to GitHub Actions (`::add-mask::`,
    /// `::set-env`…), even indented: a quoted source line or a message must not become one.
    /// A zero-width space between the colons keeps the text as it reads.
    static func neutralizingWorkflowCommands(_ text: String) -> String {
        guard text.contains("::") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let body = line.drop { $0 == " " || $0 == "\t" }
            guard body.hasPrefix("::") else { return line }
            return line[..<body.startIndex] + ":\u{200B}:" + body.dropFirst(2)
        }.joined(separator: "\n")
    }

    /// At most `width` characters of a long line around `column`, with … where it was cut,
    /// and the column within what is shown.
    static func window(_ line: Substring, column: Int, width: Int = 120) -> (String, Int) {
        guard line.utf8.count > width else { return (String(line), column) }
        let scalars = line.unicodeScalars
        let start = max(0, column - 1 - width / 2)
        guard let from = scalars.index(scalars.startIndex, offsetBy: start, limitedBy: scalars.endIndex) else {
            return ("", 1)
        }
        let to = scalars.index(from, offsetBy: width, limitedBy: scalars.endIndex) ?? scalars.endIndex
        var shown = String(scalars[from..<to])
        var shownColumn = column - start
        if start > 0 {
            shown = "…" + shown
            shownColumn += 1
        }
        if to < scalars.endIndex { shown += "…" }
        return (shown, shownColumn)
    }

    /// Spaces that reach column `column` (in characters) under `line` in a terminal, where
    /// Japanese (East Asian wide) characters take two cells.
    static func padding(_ line: String, upTo column: Int) -> String {
        var cells = 0
        for scalar in line.unicodeScalars.prefix(max(0, column - 1)) {
            cells += EastAsianWidth.isWide(scalar) ? 2 : 1
        }
        return String(repeating: " ", count: cells)
    }

    private func github(_ d: Diagnostic) -> String {
        func escape(_ s: String, property: Bool) -> String {
            var s = s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
            if property { s = s.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
            return s
        }
        return
            "::\(d.severity == .error ? "error" : "warning") file=\(escape(d.file, property: true)),line=\(d.line),col=\(d.column)::\(escape(d.message, property: false))\n"
    }

    private func json(_ diagnostics: [Diagnostic]) -> String {
        let objects = diagnostics.map { d -> String in
            "{\"file\":\(JSON.quote(d.file)),\"line\":\(d.line),\"column\":\(d.column),\"severity\":\"\(d.severity.rawValue)\",\"message\":\(JSON.quote(d.message))}"
        }
        return "[" + objects.joined(separator: ",\n") + "]\n"
    }
}
