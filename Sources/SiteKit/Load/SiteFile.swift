/// site.yaml as written: every key it may hold and the kind of its value, declared once.
/// `YAMLDecoder` checks the file against it (unknown keys, wrong kinds, each at its line) and
/// gives the typed values; `SiteConfig.parse` adds what a shape cannot say (a language listed
/// twice, a reference to an undeclared section) and builds the `SiteConfig` the stages read.
struct SiteFile: Decodable, Sendable {
    var baseURL: String?
    var defaultLanguage: Located<String>?
    var missingTranslations: SiteConfig.MissingTranslations?
    var paginate: Count<PageSizes>?
    var markdown: Markdown?
    /// The content model: each section's kind, order and front matter fields.
    var sections: Table<ContentModel.SectionEntry>?
    /// Front matter keys only some pages have (no typo).
    var optionalKeys: [String]?
    /// The site's social card: an image in Public/, for pages without their own.
    var image: String?
    /// A tag's name in each language (`- {ja: 気候変動, en: climate change}`), so that the
    /// language switcher of a tag page finds its translation.
    var tagTranslations: [[String: String]]?
    /// Front matter key → the section whose pages it names (the older form of a reference field).
    var references: [String: String]?
    var languages: Located<[LanguageEntry]>?
    var map: MapEntry?
    var images: Images?
    var checks: Checks?
    var limits: SiteLimits?
    /// Free-form values for templates.
    var params: YAMLValue?
    var cms: CMSSettings?
    /// The services whose links on a line of their own become players or maps (`Embeds`).
    var embeds: [EmbedService]?
    /// What the accessibility page states (`AccessibilityPage`).
    var accessibility: AccessibilitySettings?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseURL, defaultLanguage, missingTranslations, paginate, markdown, sections, optionalKeys, image
        case tagTranslations, references, languages, map, images, checks, limits, params, cms, embeds, accessibility
    }

    enum PageSizes: CountBounds { static let range = 1...10_000 }

    struct Markdown: Decodable, Sendable {
        /// HTML written in Markdown is passed through (otherwise it is left out).
        var unsafeHTML: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case unsafeHTML }
    }

    struct LanguageEntry: Decodable, Sendable {
        var code: Located<String>
        var name: String?
        var locale: String?
        var title: String?
        var description: String?
        var menu: [Located<MenuEntry>]?
        /// How to reach the office, for templates (`site.contact.tel`).
        var contact: YAMLValue?
        /// The e-News: its name and where to sign up (`site.newsletter` in templates).
        var newsletter: Newsletter?
        var params: YAMLValue?
        /// Every key as written, for templates.
        var values: [String: YAMLValue]

        enum CodingKeys: String, CodingKey, CaseIterable {
            case code, name, locale, title, description, menu, contact, newsletter, params
        }

        init(from decoder: any Decoder) throws {
            let keys = try decoder.container(keyedBy: CodingKeys.self)
            code = try keys.decode(Located<String>.self, forKey: .code)
            name = try keys.decodeIfPresent(String.self, forKey: .name)
            locale = try keys.decodeIfPresent(String.self, forKey: .locale)
            title = try keys.decodeIfPresent(String.self, forKey: .title)
            description = try keys.decodeIfPresent(String.self, forKey: .description)
            menu = try keys.decodeIfPresent([Located<MenuEntry>].self, forKey: .menu)
            contact = try keys.decodeIfPresent(YAMLValue.self, forKey: .contact)
            newsletter = try keys.decodeIfPresent(Newsletter.self, forKey: .newsletter)
            params = try keys.decodeIfPresent(YAMLValue.self, forKey: .params)
            if case .object(let all) = try decoder.singleValueContainer().decode(YAMLValue.self) {
                values = all
            } else {
                values = [:]
            }
        }
    }

    /// A menu entry: a link, or a group of links (`children`), one level deep.
    struct MenuEntry: Decodable, Sendable {
        var name: String
        /// Relative to the language root, or an absolute URL of another site.
        var path: Located<String>?
        var children: [Link]?
        enum CodingKeys: String, CodingKey, CaseIterable { case name, path, children }
    }

    /// An entry of a menu group.
    struct Link: Decodable, Sendable {
        var name: String
        var path: Located<String>
        enum CodingKeys: String, CodingKey, CaseIterable { case name, path }
    }

    struct Newsletter: Decodable, Sendable {
        var name: String?
        var signup: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case name, signup }
    }

    /// The map of Japan with the members: outlines under Content/, and the section whose pages
    /// are marked on it by their `role: location` field.
    struct MapEntry: Decodable, Sendable {
        var outlines: Located<String>
        var section: String
        enum CodingKeys: String, CodingKey, CaseIterable { case outlines, section }
    }

    /// Photos in Public/ are published without their metadata (GPS, camera, author) unless
    /// `keepMetadata: true`.
    struct Images: Decodable, Sendable {
        var keepMetadata: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case keepMetadata }
    }

    /// How each kind of problem is reported: `missingFiles` and the accessibility checks.
    struct Checks: Decodable, Sendable {
        var missingFiles: Severity?
        var accessibility = AccessibilityRule.Severities()

        struct Name: CodingKey, CaseIterable {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
            static let missingFiles = Name(stringValue: "missingFiles")
            static var allCases: [Name] {
                [missingFiles] + AccessibilityRule.allCases.map { Name(stringValue: $0.rawValue) }
            }
        }

        init(from decoder: any Decoder) throws {
            let keys = try decoder.container(keyedBy: Name.self)
            missingFiles = try keys.decodeIfPresent(Severity.self, forKey: .missingFiles)
            for rule in AccessibilityRule.allCases {
                if let set = try keys.decodeIfPresent(Severity.self, forKey: Name(stringValue: rule.rawValue)) {
                    accessibility.settings[rule] = set
                }
            }
        }
    }

    /// How a kind of problem is reported.
    typealias Severity = CheckSeverity
}

extension SiteConfig.MissingTranslations: ConfigChoice {}
extension EmbedService: ConfigChoice {}
extension CheckSeverity: ConfigChoice {}
