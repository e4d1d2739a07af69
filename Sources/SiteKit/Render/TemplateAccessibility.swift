import Foundation

/// The accessibility of what every page shares, checked once in the site's templates at the
/// line that writes it: `lang` on `<html>` and on the language switcher's links, a skip link
/// to `<main>`, landmarks (a `<main>` on every page, navigation landmarks told apart by their
/// labels), and a label for every form control. The templates are read as text: the checks
/// look at tags, which Mustache leaves as they are.
struct TemplateAccessibility {
    let severities: AccessibilityRule.Severities

    /// - Parameter sources: the site's templates, by file, with their text.
    func problems(_ sources: [(file: String, text: String)]) -> [Diagnostic] {
        guard severities.isAnyOn else { return [] }
        var problems: [Diagnostic] = []
        func report(_ rule: AccessibilityRule, _ file: String, _ tag: Tag, _ message: String) {
            guard let severity = severities.severity(rule) else { return }
            problems.append(
                Diagnostic(
                    file: file, line: tag.line, column: tag.column, severity: severity, message: rule.tagged(message)))
        }
        let tagsByFile = sources.map { ($0.file, Self.tags(in: $0.text)) }
        let navigations = tagsByFile.flatMap { $0.1 }.filter { $0.name == "nav" }.count
        func text(_ file: String) -> String { sources.first { $0.file == file }?.text ?? "" }
        for (file, tags) in tagsByFile {
            for (n, tag) in tags.enumerated() {
                switch tag.name {
                case "html" where !tag.has("lang"):
                    report(
                        .pageLanguage, file, tag,
                        "<html> has no lang: screen readers read the page in the wrong voice; write <html lang=\"{{lang}}\"> (WCAG 3.1.1)"
                    )
                case "a" where tag.has("hreflang") && !tag.has("lang"):
                    report(
                        .pageLanguage, file, tag,
                        "this link to another language's page has hreflang but no lang: its name (English, 日本語) is read in this page's voice; add lang=\"…\" with the same value (WCAG 3.1.2)"
                    )
                case "main":
                    let id = tag.value("id")
                    let skips = tags[..<n].contains { $0.name == "a" && id != nil && $0.value("href") == "#" + id! }
                    // Only what comes before <main> (a header, a menu) needs skipping.
                    let body = tags[..<n].lastIndex { $0.name == "body" }
                    let before = Self.lines(of: text(file), from: body.map { tags[$0].line } ?? 1, to: tag.line)
                    let somethingBefore =
                        before.contains("{{>") || before.contains("<nav") || before.contains("<header")
                    if !skips && somethingBefore {
                        report(
                            .skipLink, file, tag,
                            "no skip link leads to this <main>: keyboard users must tab through the header on every page; give it an id and put <a href=\"#main\">本文へ移動</a> first in <body> (WCAG 2.4.1)"
                        )
                    }
                case "nav" where navigations > 1 && !tag.has("aria-label") && !tag.has("aria-labelledby"):
                    report(
                        .landmarks, file, tag,
                        "this <nav> has no aria-label, and the pages have several: screen readers list them by name; add one (aria-label=\"メニュー\") (WCAG 1.3.1)"
                    )
                case "body":
                    if !tags.contains(where: { $0.name == "main" }),
                        !Self.partials(in: sources.first { $0.file == file }?.text ?? "").contains(where: { partial in
                            tagsByFile.contains {
                                $0.0.hasSuffix("/\(partial).mustache") && $0.1.contains { $0.name == "main" }
                            }
                        })
                    {
                        report(
                            .landmarks, file, tag,
                            "the pages this template makes have no <main>: screen readers jump to the content by it; put the page's own content in <main id=\"main\"> (WCAG 1.3.1, 2.4.1)"
                        )
                    }
                case "input", "select", "textarea":
                    let type = tag.value("type")?.lowercased() ?? ""
                    guard !["hidden", "submit", "button", "reset", "image"].contains(type) else { continue }
                    let named = tag.has("aria-label") || tag.has("aria-labelledby") || tag.has("title")
                    let forID = tag.value("id").map { id in
                        tags.contains { $0.name == "label" && $0.value("for") == id }
                    }
                    let opened = tags[..<n].filter { $0.name == "label" }.count
                    let closed = tags[..<n].filter { $0.name == "/label" }.count
                    if !named && !(forID ?? false) && opened <= closed {
                        report(
                            .formLabels, file, tag,
                            "this <\(tag.name)> has no label: screen readers announce it as a bare field; put it in a <label>, or give it aria-label=\"サイト内検索\" (WCAG 1.3.1, 3.3.2, 4.1.2)"
                        )
                    }
                default:
                    break
                }
            }
        }
        return problems
    }

    /// An HTML start tag as written in a template, with its attributes' text.
    struct Tag {
        var name: String
        var attributes: String
        var line: Int
        var column: Int

        func has(_ attribute: String) -> Bool { value(attribute) != nil }

        func value(_ attribute: String) -> String? {
            let pattern = #"(?:^|\s)"# + attribute + #"\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#
            guard let match = attributes.range(of: pattern, options: .regularExpression) else {
                // An attribute without a value (`<input required>`) has none to compare.
                let bare = #"(?:^|\s)"# + attribute + #"(?:\s|$)"#
                return attributes.range(of: bare, options: .regularExpression) != nil ? "" : nil
            }
            var value = attributes[match].drop { $0 != "=" }.dropFirst().drop { $0 == " " }
            if value.first == "\"" || value.first == "'" { value = value.dropFirst().dropLast() }
            return String(value)
        }
    }

    /// The start tags (and `</label>`) of a template, with their line and column.
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        let scalars = Array(text.unicodeScalars)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\n" {
                line += 1
                lineStart = i + 1
            } else if scalars[i] == "<", i + 1 < scalars.count,
                scalars[i + 1].properties.isAlphabetic || (scalars[i + 1] == "/" && i + 2 < scalars.count)
            {
                var j = i + 1
                while j < scalars.count, scalars[j] != " ", scalars[j] != ">", scalars[j] != "\n", scalars[j] != "\t" {
                    j += 1
                }
                let name = String(String.UnicodeScalarView(scalars[(i + 1)..<j])).lowercased()
                var end = j
                while end < scalars.count, scalars[end] != ">" { end += 1 }
                let attributes = String(String.UnicodeScalarView(scalars[j..<min(end, scalars.count)]))
                if !name.hasPrefix("/") || name == "/label" {
                    tags.append(Tag(name: name, attributes: attributes, line: line, column: i - lineStart + 1))
                }
                // Attributes can span lines.
                line += attributes.unicodeScalars.filter { $0 == "\n" }.count
                if let lastNewline = attributes.unicodeScalars.lastIndex(of: "\n") {
                    lineStart =
                        j
                        + attributes.unicodeScalars.distance(
                            from: attributes.unicodeScalars.startIndex, to: lastNewline) + 1
                }
                i = end
                continue
            }
            i += 1
        }
        return tags
    }

    /// Lines `from` to `to` of a text, joined.
    static func lines(of text: String, from: Int, to: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(from - 1).prefix(to - from + 1)
            .joined(separator: "\n")
    }

    /// The partials a template names (`{{> header}}`).
    static func partials(in text: String) -> [String] {
        text.components(separatedBy: "{{>").dropFirst().compactMap { part in
            part.split(separator: "}", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }
}
