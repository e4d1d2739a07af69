import Mustache

/// `Content/site.yaml`: the site's languages, base URL and options.
public struct SiteConfig: Sendable {
    public struct MenuItem: Sendable, Equatable {
        public var name: String
        /// Relative to the language root: "news" is /<lang>/news/, "" the language's home.
        public var path: String
    }

    public struct Language: Sendable {
        public var code: String
        public var name: String
        public var locale: String
        public var title: String
        public var description: String
        public var menu: [MenuItem]
        /// Every key of the language's entry, for templates (`site.contact.tel`, …).
        public var values: [String: MustacheValue]
    }

    public enum MissingTranslations: String, Sendable { case notice, omit }

    /// Split into `basePath` and `origin` when set: every page's URL and links ask for them.
    public var baseURL: String { didSet { (basePath, origin) = Self.parts(of: baseURL) } }
    public var languages: [Language]
    public var defaultLanguage: String
    public var allowRawHTML: Bool
    public var missingTranslations: MissingTranslations
    public var paginate: Int
    public var values: [String: MustacheValue]

    public static let path = "Content/site.yaml"

    /// The path part of the base URL, always starting and ending with "/".
    public private(set) var basePath = "/"
    /// The scheme and host of the base URL, without a trailing slash ("" when none is set).
    public private(set) var origin = ""

    init(baseURL: String, languages: [Language], defaultLanguage: String, allowRawHTML: Bool,
         missingTranslations: MissingTranslations, paginate: Int, values: [String: MustacheValue]) {
        self.baseURL = baseURL
        (basePath, origin) = Self.parts(of: baseURL)
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        self.allowRawHTML = allowRawHTML
        self.missingTranslations = missingTranslations
        self.paginate = paginate
        self.values = values
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

    public var languageCodes: [String] { languages.map(\.code) }

    public func language(_ code: String) -> Language? { languages.first { $0.code == code } }

    public static func parse(_ text: String, baseURLOverride: String? = nil) -> Result<SiteConfig, Diagnostic> {
        let file = path
        let mapping: YAMLMapping
        switch YAMLReader.readMapping(text, file: file) {
        case .success(let m): mapping = m
        case .failure(let d): return .failure(d)
        }
        func fail(_ key: String, _ message: String) -> Result<SiteConfig, Diagnostic> {
            let p = mapping.position(of: key)
            return .failure(.error(file, p.line, p.column, message))
        }
        guard case .list(let entries)? = mapping["languages"], !entries.isEmpty else {
            return fail("languages", "site.yaml needs `languages`: a list of entries with code, name, locale and title")
        }
        var languages: [Language] = []
        for entry in entries {
            guard case .object(let object) = entry, let code = object["code"]?.text, !code.isEmpty else {
                return fail("languages", "every entry of `languages` needs a `code` (for example ja or en)")
            }
            let menu: [MenuItem] = object["menu"]?.items.compactMap { item in
                guard let name = item["name"]?.text else { return nil }
                return MenuItem(name: name, path: item["path"]?.text ?? "")
            } ?? []
            languages.append(Language(code: code, name: object["name"]?.text ?? code,
                                      locale: object["locale"]?.text ?? code,
                                      title: object["title"]?.text ?? "",
                                      description: object["description"]?.text ?? "",
                                      menu: menu, values: object))
        }
        let defaultLanguage = mapping["defaultLanguage"]?.text ?? languages[0].code
        guard languages.contains(where: { $0.code == defaultLanguage }) else {
            return fail("defaultLanguage", "defaultLanguage `\(defaultLanguage)` is not one of the languages")
        }
        let policyText = mapping["missingTranslations"]?.text ?? "notice"
        guard let policy = MissingTranslations(rawValue: policyText) else {
            return fail("missingTranslations", "missingTranslations must be `notice` or `omit`, not `\(policyText)`")
        }
        var paginate = 20
        if let value = mapping["paginate"] {
            guard case .int(let n) = value, n > 0 else { return fail("paginate", "paginate must be a positive whole number") }
            paginate = n
        }
        let allowRawHTML = mapping["markdown"]?["unsafeHTML"]?.isTruthy ?? false
        return .success(SiteConfig(baseURL: baseURLOverride ?? mapping["baseURL"]?.text ?? "/",
                                   languages: languages, defaultLanguage: defaultLanguage,
                                   allowRawHTML: allowRawHTML, missingTranslations: policy,
                                   paginate: paginate, values: mapping.values))
    }
}

extension MustacheValue {
    /// Scalars as text (numbers and booleans too); nil for lists, objects and null.
    var text: String? {
        switch self {
        case .string(let s), .html(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return String(b)
        default: return nil
        }
    }

    var items: [MustacheValue] {
        if case .list(let list) = self { return list }
        return []
    }

    subscript(key: String) -> MustacheValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .list(let l): return !l.isEmpty
        default: return true
        }
    }
}
