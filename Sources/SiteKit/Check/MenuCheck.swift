/// Every menu entry of site.yaml must name a page or section of its own language (or be an
/// absolute URL of another site): a menu link that goes nowhere is an error at its line.
enum MenuCheck {
    static func problems(_ config: SiteConfig, pages: [Page], sections: [Section]) -> [Diagnostic] {
        var targets: [String: Set<String>] = [:]
        for page in pages { targets[page.lang, default: []].insert(page.relativeURLPath) }
        for section in sections { targets[section.lang, default: []].insert(section.name) }
        var problems: [Diagnostic] = []
        for language in config.languages {
            let known = targets[language.code, default: []].union(["", "tags"])
            for item in language.menu where !item.isExternal {
                guard !known.contains(item.path) else { continue }
                let hint = Suggest.closest(to: item.path, in: Array(known.filter { !$0.isEmpty })).map { "; did you mean `\($0)`?" } ?? ""
                problems.append(.error(config.file, item.position.line, item.position.column,
                    "the menu entry `\(item.name)` names `\(item.path)`, which is no page or section in `\(language.code)`\(hint) "
                    + "(write a path below /\(language.code)/, or an absolute URL such as https://iclei.org/)"))
            }
        }
        return problems
    }
}
