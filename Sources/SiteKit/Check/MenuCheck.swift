/// Every menu entry of site.yaml must name a page or section of its own language (or be an
/// absolute URL of another site): a menu link that goes nowhere is an error at its line.
enum MenuCheck {
    static func problems(_ config: SiteConfig, pages: [Page], sections: [Section]) -> [Diagnostic] {
        // The URLs the menus name, looked up in one pass over the pages' URLs.
        func url(_ lang: String, _ path: String) -> String {
            config.basePath + lang + "/" + (path.isEmpty ? "" : path + "/")
        }
        var wanted: Set<String> = []
        for language in config.languages {
            for item in language.menu where !item.isExternal { wanted.insert(url(language.code, item.path)) }
        }
        var found: Set<String> = []
        for page in pages where wanted.contains(page.url) { found.insert(page.url) }
        for section in sections { found.insert(section.url) }
        var problems: [Diagnostic] = []
        for language in config.languages {
            for item in language.menu where !item.isExternal {
                guard !found.contains(url(language.code, item.path)), !["", "tags"].contains(item.path) else {
                    continue
                }
                let known = Set(
                    pages.filter { $0.lang == language.code }.map(\.relativeURLPath)
                        + sections.filter { $0.lang == language.code }.map(\.name))
                let hint =
                    Suggest.closest(to: item.path, in: Array(known.filter { !$0.isEmpty })).map {
                        "; did you mean `\($0)`?"
                    } ?? ""
                problems.append(
                    .error(
                        config.file, item.position.line, item.position.column,
                        "the menu entry `\(item.name)` names `\(item.path)`, which is no page or section in `\(language.code)`\(hint) "
                            + "(write a path below /\(language.code)/, or an absolute URL such as https://iclei.org/)"))
            }
        }
        return problems
    }
}
