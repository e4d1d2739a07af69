/// `Content/site.yaml`: the site's languages, base URL and options.
struct SiteConfig: Sendable {
    struct MenuItem: Sendable, Equatable {
        var name: String
        /// Relative to the language root: "news" is /<lang>/news/, "" the language's home;
        /// or an absolute URL of another site (`https://iclei.org/`).
        var path: String
        /// Where the entry stands in site.yaml, for the check that it names a page.
        var position = SourcePosition(line: 1, column: 1)

        var isExternal: Bool { path.contains("://") || path.hasPrefix("mailto:") }
    }

    struct Language: Sendable {
        var code: String
        var name: String
        var locale: String
        var title: String
        var description: String
        var menu: [MenuItem]
        /// Japanese behaviour (五十音順, 年度, dates as 2025年1月15日) follows the locale.
        var isJapanese: Bool { locale.hasPrefix("ja") }
        /// Every key of the language's entry, for templates (`site.contact.tel`, …).
        var values: [String: YAMLValue]
    }

    enum MissingTranslations: String, Sendable { case notice, omit }

    /// Split into `basePath` and `origin` when set: every page's URL and links ask for them.
    var baseURL: String { didSet { (basePath, origin) = Self.parts(of: baseURL) } }
    var languages: [Language]
    var defaultLanguage: String
    var allowRawHTML: Bool
    var missingTranslations: MissingTranslations
    var paginate: Int
    var limits: SiteLimits
    /// The sections, their kinds and front matter fields (`sections:`).
    var model: ContentModel
    var values: [String: YAMLValue]
    /// The file the configuration was read from, for diagnostics.
    var file: String
    /// The outlines `map.outlines` names, for the map of the members.
    var map: MapOutlines?

    static let path = "Content/site.yaml"

    /// The settings below are read from `values` once, by name, here: no stage looks a key up.
    /// site.yaml `images: {keepMetadata: true}`: photos copied from Public/ as they are.
    var keepsPhotoMetadata: Bool { settings.keepsPhotoMetadata }
    /// `map: {outlines, section}`: the outlines file below Content/ and the section on the map.
    var mapOutlinesPath: String? { settings.mapOutlinesPath }
    var mapSection: String? { settings.mapSection }
    /// `optionalKeys`: front matter keys only some pages have (no typo).
    var optionalKeys: [String] { settings.optionalKeys }
    /// `references`: front matter key → the section whose pages it names (older form).
    var references: [String: String] { settings.references }
    /// `tagTranslations`: each row a tag's name per language.
    var tagTranslations: [[String: String]] { settings.tagTranslations }
    /// `checks.missingFiles`: `error` (nil here), `warning` or `ignore`.
    var missingFilesCheck: String? { settings.missingFilesCheck }
    /// `checks.<rule>`: the accessibility checks' severities.
    var accessibilityChecks: AccessibilityRule.Severities { settings.accessibilityChecks }
    /// `accessibility`: what the accessibility page states.
    var accessibility: AccessibilitySettings? { settings.accessibility }
    /// `image`: the site's social card, a URL of a file in Public/.
    var siteImage: String? { settings.siteImage }
    /// `cms`: the browser editor, when the site has one.
    var cms: CMSSettings? { settings.cms }

    private var settings = Settings()

    /// What site.yaml says beyond the core fields, typed once as it is read.
    struct Settings: Sendable {
        var keepsPhotoMetadata = false
        var mapOutlinesPath: String?
        var mapSection: String?
        var optionalKeys: [String] = []
        var references: [String: String] = [:]
        var tagTranslations: [[String: String]] = []
        var missingFilesCheck: String?
        var accessibilityChecks = AccessibilityRule.Severities()
        var accessibility: AccessibilitySettings?
        var siteImage: String?
        var cms: CMSSettings?

        init() {}

        init(_ values: [String: YAMLValue]) {
            keepsPhotoMetadata = values["images"]?["keepMetadata"] == .bool(true)
            mapOutlinesPath = values["map"]?["outlines"]?.text
            mapSection = values["map"]?["section"]?.text
            optionalKeys = values["optionalKeys"]?.items.compactMap(\.text) ?? []
            if case .object(let object)? = values["references"] { references = object.compactMapValues(\.text) }
            tagTranslations = (values["tagTranslations"]?.items ?? []).map { row in
                if case .object(let names) = row { return names.compactMapValues(\.text) }
                return [:]
            }
            missingFilesCheck = values["checks"]?["missingFiles"]?.text
            if case .object(let checks)? = values["checks"] {
                accessibilityChecks.settings = checks.compactMapValues(\.text)
            }
            accessibility = values["accessibility"].map(AccessibilitySettings.init)
            siteImage = values["image"]?.text
            cms = CMSSettings(values["cms"])
        }
    }

    /// The path part of the base URL, always starting and ending with "/".
    private(set) var basePath = "/"
    /// The scheme and host of the base URL, without a trailing slash ("" when none is set).
    private(set) var origin = ""

    init(
        baseURL: String, languages: [Language], defaultLanguage: String, allowRawHTML: Bool,
        missingTranslations: MissingTranslations, paginate: Int, limits: SiteLimits,
        model: ContentModel = ContentModel(), values: [String: YAMLValue], file: String
    ) {
        self.baseURL = baseURL
        (basePath, origin) = Self.parts(of: baseURL)
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        self.allowRawHTML = allowRawHTML
        self.missingTranslations = missingTranslations
        self.paginate = paginate
        self.limits = limits
        self.model = model
        self.values = values
        self.file = file
        settings = Settings(values)
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

    /// Reads and checks site.yaml: every key must be known and every value of its kind
    /// (`ConfigSchema`); all problems are reported at once.
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
        guard case .mapping(let pairs, _) = node else {
            return .failure(
                BuildFailure([
                    .error(file, node.mark.line, node.mark.column, "expected a YAML mapping of keys to values")
                ]))
        }
        var mapping = YAMLMapping()
        for (key, value) in pairs {
            guard let name = key.string else { continue }
            mapping.values[name] = value.value
            mapping.positions[name] = SourcePosition(line: key.mark.line, column: key.mark.column)
        }
        var problems = ConfigSchema.problems(node, ConfigSchema.site, file: file)
        problems += ContentModel.problems(node["sections"], file: file)
        problems += CMSSettings.problems(node["cms"], file: file)
        problems += AccessibilitySettings.problems(node["accessibility"], file: file)
        func fail(_ key: String, _ message: String) {
            let p = mapping.position(of: key)
            problems.append(.error(file, p.line, p.column, message))
        }
        if let outlines = node["map"]?["outlines"], let written = outlines.string,
            let problem = SitePath.problem(written)
        {
            problems.append(.error(file, outlines.mark.line, outlines.mark.column, "`map.outlines` \(problem)"))
        }
        var languages: [Language] = []
        let entries = node["languages"]?.items ?? []
        if entries.isEmpty && problems.isEmpty {
            fail("languages", "site.yaml needs `languages`: a list of entries with code, name, locale and title")
        }
        for entry in entries {
            guard case .object(let object) = entry.value, let code = object["code"]?.text else { continue }
            if !ContentScanner.looksLikeLanguageCode(code) {
                let mark = entry["code"]?.mark ?? entry.mark
                problems.append(
                    .error(
                        file, mark.line, mark.column,
                        "language code `\(code)` must be a code like `ja`, `en` or `zh-hant`"))
            }
            if languages.contains(where: { $0.code == code }) {
                let mark = entry["code"]?.mark ?? entry.mark
                problems.append(.error(file, mark.line, mark.column, "the language `\(code)` is listed twice"))
            }
            let menu: [MenuItem] = (entry["menu"]?.items ?? []).compactMap { item in
                guard let name = item["name"]?.value.text else { return nil }
                let mark = item["path"]?.mark ?? item.mark
                var menuItem = MenuItem(
                    name: name, path: item["path"]?.value.text ?? "",
                    position: SourcePosition(line: mark.line, column: mark.column))
                if !menuItem.isExternal { menuItem.path = menuItem.path.split(separator: "/").joined(separator: "/") }
                return menuItem
            }
            languages.append(
                Language(
                    code: code, name: object["name"]?.text ?? code,
                    locale: object["locale"]?.text ?? code,
                    title: object["title"]?.text ?? "",
                    description: object["description"]?.text ?? "",
                    menu: menu, values: object))
        }
        let defaultLanguage = mapping["defaultLanguage"]?.text ?? languages.first?.code ?? ""
        if !languages.isEmpty && !languages.contains(where: { $0.code == defaultLanguage }) {
            let hint =
                Suggest.closest(to: defaultLanguage, in: languages.map(\.code)).map { "; did you mean `\($0)`?" } ?? ""
            fail("defaultLanguage", "defaultLanguage `\(defaultLanguage)` is not one of the languages\(hint)")
        }
        var limits = SiteLimits()
        for name in SiteLimits.Name.allCases {
            if case .int(let n)? = mapping["limits"]?[name.rawValue], n > 0 { limits[name] = n }
        }
        guard problems.isEmpty else { return .failure(BuildFailure(problems.sortedForReport())) }
        let policy = mapping["missingTranslations"]?.text.flatMap(MissingTranslations.init(rawValue:)) ?? .notice
        var paginate = 20
        if case .int(let n)? = mapping["paginate"] { paginate = n }
        let allowRawHTML = mapping["markdown"]?["unsafeHTML"]?.isTruthy ?? false
        return .success(
            SiteConfig(
                baseURL: baseURLOverride ?? mapping["baseURL"]?.text ?? "/",
                languages: languages, defaultLanguage: defaultLanguage,
                allowRawHTML: allowRawHTML, missingTranslations: policy,
                paginate: paginate, limits: limits, model: ContentModel.read(node["sections"]),
                values: mapping.values, file: file))
    }
}
