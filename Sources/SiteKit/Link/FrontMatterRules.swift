/// Checks on front matter values beyond the required keys: value types, and session numbers
/// that must be unique within a fiscal year in sections grouped by 年度 (the cafe).
enum FrontMatterRules {
    static func problems(_ pages: [Page], config: SiteConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var numbers: [String: Int] = [:]
        let fields = FieldRules(config: config)
        for (i, page) in pages.enumerated() {
            diagnostics += fields.problems(page)
            func fail(_ key: String, _ message: String) {
                let p = page.frontMatter.position(of: key)
                diagnostics.append(.error(page.sourcePath, p.line, p.column, message))
            }
            if let tags = page.frontMatter["tags"] {
                switch tags {
                case .list(let items) where items.allSatisfy({ $0.text != nil }): break
                case .string: break
                default: fail("tags", "`tags` must be a list of words, like [脱炭素, 国際会議]")
                }
            }
            for key in ["summary", "translationKey"] {
                if let value = page.frontMatter[key], value.text == nil { fail(key, "`\(key)` must be text") }
            }
            if let value = page.frontMatter["number"] {
                guard case .int(let n) = value, n > 0 else {
                    fail("number", "`number` must be a whole number from 1, like `number: 4`")
                    continue
                }
                guard config.settings(forSection: page.section).group == .fiscalYear, let date = page.date else {
                    continue
                }
                let id = "\(page.lang)\u{0}\(page.section)\u{0}\(date.fiscalYear)\u{0}\(n)"
                if let other = numbers[id] {
                    fail(
                        "number",
                        "session number \(n) is used twice in \(date.fiscalYear)年度 / FY\(date.fiscalYear): also by \(pages[other].sourcePath)"
                    )
                } else {
                    numbers[id] = i
                }
            }
        }
        return diagnostics
    }
}
