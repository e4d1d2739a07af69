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
            for item in language.menuLinks where !item.isExternal { wanted.insert(url(language.code, item.path)) }
        }
        var found: Set<String> = []
        for page in pages where wanted.contains(page.url) { found.insert(page.url) }
        for section in sections { found.insert(section.url) }
        var problems: [Diagnostic] = []
        // Pages the build makes of itself that a menu may name.
        let generated = config.accessibility == nil ? ["", "tags"] : ["", "tags", "accessibility"]
        for language in config.languages where hasContent(language.code, pages) {
            for item in language.menuLinks where !item.isExternal {
                guard !found.contains(url(language.code, item.path)), !generated.contains(item.path) else {
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

    /// Whether a language has a page of its own yet. Until it has (a new site, a language just
    /// added, an import still to come), its menu's entries wait for their pages: they are left
    /// out of the menu rather than reported, and the declared sections are lists already.
    static func hasContent(_ lang: String, _ pages: [Page]) -> Bool {
        pages.contains { $0.lang == lang && ($0.kind == .single || $0.kind == .standalone) }
    }

    /// The language's menu as pages show it: in a language without pages yet, only the
    /// entries that name something.
    static func shown(_ language: SiteConfig.Language, site: LinkedSite) -> SiteConfig.Language {
        guard !hasContent(language.code, site.pages) else { return language }
        var shown = language
        let root = site.languageRoot(language.code)
        let lists = Set(site.sections.filter { $0.lang == language.code }.map(\.url))
        func names(_ item: SiteConfig.MenuItem) -> Bool {
            item.isExternal || ["", "tags"].contains(item.path) || lists.contains(root + item.path + "/")
                || site.pages.contains { $0.url == root + item.path + "/" }
        }
        shown.menu = language.menu.compactMap { item in
            guard !item.children.isEmpty else { return names(item) ? item : nil }
            var group = item
            group.children = item.children.filter(names)
            return group.children.isEmpty ? nil : group
        }
        return shown
    }
}
