/// `Content/site.yaml`: the site's languages, base URL and options.
struct SiteConfig: Sendable {
    struct MenuItem: Sendable, Equatable {
        var name: String
        /// Relative to the language root: "news" is /<lang>/news/, "" the language's home;
        /// or an absolute URL of another site (`https://iclei.org/`).
        var path: String
        /// Where the entry stands in site.yaml, for the check that it names a page.
        var position = SourcePosition(line: 1, column: 1)

        /// A group's entries (`children:`), shown as a disclosure; a group names no page itself.
        var children: [MenuItem] = []

        var isExternal: Bool { path.contains("://") || path.hasPrefix("mailto:") }
    }

    struct Language: Sendable {
        var code: String
        var name: String
        var locale: String
        var title: String
        var description: String
        var menu: [MenuItem]
        /// The entries that link somewhere: the menu's, with each group's in its place.
        var menuLinks: [MenuItem] { menu.flatMap { $0.children.isEmpty ? [$0] : $0.children } }
        /// Japanese behaviour (五十音順, 年度, dates as 2025年1月15日) follows the locale.
        var isJapanese: Bool { locale.hasPrefix("ja") }
        /// Every key of the language's entry, for templates (`site.contact.tel`, …).
        var values: [String: YAMLValue]
    }

    enum MissingTranslations: String, Sendable, CaseIterable { case notice, omit }

    /// Split into `basePath` and `origin` when set: every page's URL and links ask for them.
    var baseURL: String { didSet { (basePath, origin) = Self.parts(of: baseURL) } }
    var languages: [Language]
    var defaultLanguage: String
    var allowRawHTML = false
    var missingTranslations = MissingTranslations.notice
    var paginate = 20
    var limits = SiteLimits()
    /// The sections, their kinds and front matter fields (`sections:`).
    var model = ContentModel()
    /// The file the configuration was read from, for diagnostics.
    var file: String
    /// The outlines `map.outlines` names, for the map of the members.
    var map: MapOutlines?
    /// site.yaml `images: {keepMetadata: true}`: photos copied from Public/ as they are.
    var keepsPhotoMetadata = false
    /// `map: {outlines, section}`: the outlines file below Content/ and the section on the map.
    var mapOutlinesPath: String?
    var mapSection: String?
    /// `optionalKeys`: front matter keys only some pages have (no typo).
    var optionalKeys: [String] = []
    /// `references`: front matter key → the section whose pages it names (older form).
    var references: [String: String] = [:]
    /// `tagTranslations`: each row a tag's name per language.
    var tagTranslations: [[String: String]] = []
    /// `checks.missingFiles`: how a link to a missing file is reported (an error by default).
    var missingFilesCheck = SiteFile.Severity.error
    /// `image`: the site's social card, a URL of a file in Public/.
    var siteImage: String?
    /// `cms`: the browser editor, when the site has one.
    var cms: CMSSettings?
    /// `checks.<rule>`: the accessibility checks' severities.
    var accessibilityChecks = AccessibilityRule.Severities()
    /// `accessibility`: what the accessibility page states.
    var accessibility: AccessibilitySettings?
    /// `embeds`: the services whose links on a line of their own become players (none if absent).
    var embeds: Set<EmbedService> = []
    /// `params`: free-form values (a language's own `params` are its `site.params` in templates).
    var params: YAMLValue?

    static let path = "Content/site.yaml"

    /// The path part of the base URL, always starting and ending with "/".
    private(set) var basePath = "/"
    /// The scheme and host of the base URL, without a trailing slash ("" when none is set).
    private(set) var origin = ""

    init(baseURL: String, languages: [Language], defaultLanguage: String, file: String) {
        self.baseURL = baseURL
        (basePath, origin) = Self.parts(of: baseURL)
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        self.file = file
    }

    private static func parts(of baseURL: String) -> (basePath: String, origin: String) {
        var path = baseURL
        var origin = ""
        if let scheme = baseURL.range(of: "://") {
            let rest = baseURL[scheme.upperBound...]
            let host = rest.firstIndex(of: "/").map { rest[..<$0] } ?? rest
            origin = String(baseURL[..<scheme.upperBound]) + host
            path = String(rest[host.endIndex...])
        }
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return (path, origin)
    }

    var languageCodes: [String] { languages.map(\.code) }

    func language(_ code: String) -> Language? { languages.first { $0.code == code } }

    /// Whether `lang` is written the Japanese way (its locale is ja_*).
    func isJapanese(_ lang: String) -> Bool { language(lang)?.isJapanese ?? false }

    /// Reads and checks site.yaml against its declaration (`SiteFile`) and what the declaration
    /// cannot say; all problems are reported at once.
    static func parse(_ text: String, file: String = path, baseURLOverride: String? = nil) -> Result<
        SiteConfig, BuildFailure
    > {
        let node: YAMLTree
        switch YAMLTree.parse(text, file: file, maxDepth: SiteLimits().yamlDepth) {
        case .failure(let failure): return .failure(BuildFailure([failure.diagnostic]))
        case .success(nil):
            return .failure(BuildFailure([.error(file, 1, 1, "site.yaml is empty: it needs at least `languages`")]))
        case .success(let n?): node = n
        }
        guard case .mapping = node else {
            return .failure(
                BuildFailure([
                    .error(file, node.mark.line, node.mark.column, "expected a YAML mapping of keys to values")
                ]))
        }
        let (decoded, problems) = YAMLDecoder().decode(SiteFile.self, from: node, file: file)
        guard let written = decoded else { return .failure(BuildFailure(problems.sortedForReport())) }
        let top = SourcePosition(line: node.mark.line, column: node.mark.column)
        return SiteConfig.make(written, problems: problems, top: top, file: file, baseURLOverride: baseURLOverride)
    }

    /// The configuration site.yaml declares, once what its shape cannot say is checked too.
    private static func make(
        _ written: SiteFile, problems: [Diagnostic], top: SourcePosition, file: String, baseURLOverride: String?
    ) -> Result<SiteConfig, BuildFailure> {
        var problems = problems + ContentModel.problems(written.sections, file: file)
        problems += written.cms?.problems(file: file) ?? []
        problems += written.accessibility?.problems(file: file) ?? []
        func fail(_ at: SourcePosition, _ message: String) {
            problems.append(Diagnostic.error(file, at.line, at.column, message))
        }
        if let outlines = written.map?.outlines, let problem = SitePath.problem(outlines.value) {
            fail(outlines.position, "`map.outlines` \(problem)")
        }
        var languages: [Language] = []
        if written.languages == nil {
            fail(top, "site.yaml needs `languages`")
        } else if written.languages?.value.isEmpty == true && problems.isEmpty {
            fail(
                written.languages?.position ?? top,
                "site.yaml needs `languages`: a list of entries with code, name, locale and title")
        }
        for entry in written.languages?.value ?? [] {
            let code = entry.code.value
            if !ContentScanner.looksLikeLanguageCode(code) {
                fail(entry.code.position, "language code `\(code)` must be a code like `ja`, `en` or `zh-hant`")
            }
            if languages.contains(where: { $0.code == code }) {
                fail(entry.code.position, "the language `\(code)` is listed twice")
            }
            func menuItem(_ name: String, _ path: Located<String>?, at entry: SourcePosition) -> MenuItem {
                var item = MenuItem(name: name, path: path?.value ?? "", position: path?.position ?? entry)
                if !item.isExternal { item.path = item.path.split(separator: "/").joined(separator: "/") }
                return item
            }
            let menu = (entry.menu ?? []).map { written in
                let entry = written.value
                if (entry.path == nil) == (entry.children == nil) {
                    fail(
                        written.position,
                        "the menu entry `\(entry.name)` needs either `path` (where it links) or `children` (a group of entries), not both"
                    )
                }
                var item = menuItem(entry.name, entry.path, at: written.position)
                item.children = (entry.children ?? []).map { menuItem($0.name, $0.path, at: written.position) }
                return item
            }
            languages.append(
                Language(
                    code: code, name: entry.name ?? code, locale: entry.locale ?? code, title: entry.title ?? "",
                    description: entry.description ?? "", menu: menu, values: entry.values))
        }
        let defaultLanguage = written.defaultLanguage?.value ?? languages.first?.code ?? ""
        if !languages.isEmpty && !languages.contains(where: { $0.code == defaultLanguage }) {
            let hint =
                Suggest.closest(to: defaultLanguage, in: languages.map(\.code)).map { "; did you mean `\($0)`?" } ?? ""
            fail(
                written.defaultLanguage?.position ?? SourcePosition(line: 1, column: 1),
                "defaultLanguage `\(defaultLanguage)` is not one of the languages\(hint)")
        }
        guard problems.isEmpty else { return .failure(BuildFailure(problems.sortedForReport())) }
        var config = SiteConfig(
            baseURL: baseURLOverride ?? written.baseURL ?? "/", languages: languages,
            defaultLanguage: defaultLanguage, file: file)
        config.allowRawHTML = written.markdown?.unsafeHTML ?? false
        config.missingTranslations = written.missingTranslations ?? .notice
        config.paginate = written.paginate?.value ?? 20
        config.limits = written.limits ?? SiteLimits()
        config.model = ContentModel(written.sections)
        config.keepsPhotoMetadata = written.images?.keepMetadata ?? false
        config.mapOutlinesPath = written.map?.outlines.value
        config.mapSection = written.map?.section
        config.optionalKeys = written.optionalKeys ?? []
        config.references = written.references ?? [:]
        config.tagTranslations = written.tagTranslations ?? []
        config.missingFilesCheck = written.checks?.missingFiles ?? .error
        config.siteImage = written.image
        config.cms = written.cms
        config.params = written.params
        config.embeds = Set(written.embeds ?? [])
        config.accessibilityChecks = written.checks?.accessibility ?? AccessibilityRule.Severities()
        config.accessibility = written.accessibility
        return .success(config)
    }
}
