/// Checks on the fields sections declare (the keys every page has are checked as they are
/// read, `CommonFrontMatter`): value types, events' ends and places, and the numbers of a
/// `role: sequence` field, unique within a fiscal year in sections grouped by 年度 (the cafe).
enum FrontMatterRules {
    private struct SequenceKey: Hashable {
        var lang: String
        var section: String
        var fiscalYear: Int
        var number: Int
    }

    static func problems(_ pages: [Page], config: SiteConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var numbers: [SequenceKey: Int] = [:]
        let fields = FieldRules(config: config)
        for (i, page) in pages.enumerated() {
            diagnostics += fields.problems(page)
            func fail(_ key: String, _ message: String) {
                let p = page.frontMatter.position(of: key)
                diagnostics.append(.error(page.sourcePath, p.line, p.column, message))
            }
            let section = config.model.section(page.section)
            if let start = section.field(role: .start)?.name, let end = section.field(role: .end)?.name,
                let from = page.frontMatter[start]?.text.flatMap(SiteDate.parse),
                let to = page.frontMatter[end]?.text.flatMap(SiteDate.parse),
                to.hasTime || !from.hasTime
                    ? to < from : (to.year, to.month, to.day) < (from.year, from.month, from.day)
            {
                fail(end, "`\(end)` comes before `\(start)`: an event ends after it begins")
            }
            if let field = section.field(role: .location)?.name, let value = page.frontMatter[field],
                value.items.count > 0 || value.text != nil, value.coordinates == nil
            {
                fail(field, "`\(field)` must be [latitude, longitude] in degrees, like [35.4437, 139.638]")
            }
            if let field = section.field(role: .sequence)?.name, let value = page.frontMatter[field] {
                guard case .int(let n) = value, n > 0 else {
                    fail(field, "`\(field)` must be a whole number from 1, like `\(field): 4`")
                    continue
                }
                guard section.settings.group == .fiscalYear, let date = page.date else { continue }
                let id = SequenceKey(lang: page.lang, section: page.section, fiscalYear: date.fiscalYear, number: n)
                if let other = numbers[id] {
                    fail(
                        field,
                        "\(field) \(n) is used twice in \(date.fiscalYear)年度 / FY\(date.fiscalYear): also by \(pages[other].sourcePath)"
                    )
                } else {
                    numbers[id] = i
                }
            }
        }
        return diagnostics
    }
}
