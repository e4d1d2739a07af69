import Foundation

/// Front matter checked against the fields its section declares in site.yaml: required fields
/// are there, each value has its declared type, and a key no section declares is a warning
/// with a did-you-mean (almost always a typo that a template would silently ignore).
struct FieldRules {
    let config: SiteConfig
    /// Keys some section declares, or the older `references:` and `optionalKeys` name.
    private let declaredSomewhere: Set<String>
    private let common = Set(ContentModel.commonKeys)
    /// Per section, its fields by name.
    private let fieldsBySection: [String: [String: ContentModel.Field]]

    init(config: SiteConfig) {
        self.config = config
        fieldsBySection = config.model.sections.mapValues { section in
            Dictionary(section.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        declaredSomewhere = Set(
            config.model.sections.values.flatMap { $0.fields.map(\.name) }
                + References.fields(config).keys + config.optionalKeys)
    }

    func problems(_ page: Page) -> [Diagnostic] {
        let section = config.model.section(page.section)
        var problems: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, _ key: String, _ message: String) {
            let p = page.frontMatter.position(of: key)
            problems.append(
                Diagnostic(file: page.sourcePath, line: p.line, column: p.column, severity: severity, message: message))
        }
        let appliesToPage = page.kind == .single
        if appliesToPage {
            for field in section.fields where field.required && page.frontMatter[field.name] == nil {
                report(
                    .error, field.name,
                    "missing `\(field.name)`: pages in `\(section.name)` need one (\(Self.describe(field)))")
            }
        }
        let fields = fieldsBySection[page.section] ?? [:]
        // Problems are sorted for the report later; the keys need no order here.
        for (key, value) in page.frontMatter.values where !common.contains(key) {
            guard let field = fields[key] else {
                // A section index page and pages of undeclared sections may carry any key a
                // declared section has: only keys no section declares are suspect.
                guard !declaredSomewhere.contains(key) else { continue }
                let known = ContentModel.commonKeys + section.fields.map(\.name)
                let hint = Suggest.closest(to: key, in: known).map { "did you mean `\($0)`? " } ?? ""
                report(
                    .warning, key,
                    "unknown front matter key `\(key)` in `\(section.name.isEmpty ? "/" : section.name)`: \(hint)"
                        + "declare it under `sections.\(section.name.isEmpty ? "<section>" : section.name).fields` in site.yaml if it is meant"
                )
                continue
            }
            if let problem = Self.typeProblem(value, field) { report(.error, key, "`\(key)` must be \(problem)") }
        }
        return problems
    }

    static func describe(_ field: ContentModel.Field) -> String {
        switch field.type {
        case .text: return "text"
        case .date: return "a date, YYYY-MM-DD"
        case .datetime: return "a date and time, like 2025-01-15T15:00:00+09:00"
        case .bool: return "true or false"
        case .int: return "a whole number"
        case .list: return "a list, like [a, b]"
        case .url: return "a URL, https://… or /…"
        case .choice: return "one of " + field.values.map { "`\($0)`" }.joined(separator: ", ")
        case .reference: return "a list of \(field.section ?? "page") keys"
        case .mapping: return "a mapping of keys to values"
        case .image: return "the URL of an image in Public/, like /images/news/photo.jpg"
        }
    }

    /// nil when `value` fits the field; otherwise what it must be.
    static func typeProblem(_ value: YAMLValue, _ field: ContentModel.Field) -> String? {
        let ok: Bool
        switch field.type {
        case .text: ok = value.text != nil
        case .date, .datetime: ok = value.text.flatMap(SiteDate.parse) != nil
        case .bool: if case .bool = value { ok = true } else { ok = false }
        case .int: if case .int = value { ok = true } else { ok = false }
        case .list: if case .list = value { ok = true } else { ok = value.text != nil }
        case .url:
            guard case .string(let text) = value, SafeURL.isAllowed(text) else {
                guard let written = value.text, !written.isEmpty else { return describe(field) }
                return describe(field)
                    + " (https:, http:, mailto: or a path from the site root), not `\(written.prefix(80))`"
            }
            ok = true
        case .choice:
            ok = value.text.map(field.values.contains) ?? false
            if !ok, let written = value.text, let close = Suggest.closest(to: written, in: field.values) {
                return describe(field) + ", not `\(written)`; did you mean `\(close)`?"
            }
        case .reference: ok = true  // checked against the pages by References
        case .mapping: if case .object = value { ok = true } else { ok = false }
        case .image: ok = value.text.map { $0.isEmpty || $0.hasPrefix("/") } ?? false  // "" is no image
        }
        return ok ? nil : describe(field)
    }
}
