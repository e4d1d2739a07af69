/// `accessibility:` in site.yaml: what the accessibility page states. The level aimed at
/// (JIS X 8341-3:2016 = WCAG 2.0, A or AA), what the policy covers in each language, the date
/// of the last test by a person, and whether that test found every criterion met: without a
/// test the page can only say the site is built with the standard in mind (配慮).
struct AccessibilitySettings: Sendable, Equatable, Decodable {
    var level = "AA"
    /// Language code → the pages the policy covers, in that language.
    var scope: [String: String] = [:]
    var tested: SiteDate?
    var conforms = false
    /// Where `conforms` was written, for `problems`.
    var conformsPosition: SourcePosition?

    enum Level: String, Sendable, CaseIterable, ConfigChoice {
        case a = "A"
        case aa = "AA"
    }

    enum CodingKeys: String, CodingKey, CaseIterable, ExplainedKey {
        case level, scope, tested, conforms

        var expectation: String? {
            self == .tested ? "must be the date of the last test by a person, such as 2026-11-30" : nil
        }
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        level = try keys.decodeIfPresent(Level.self, forKey: .level)?.rawValue ?? level
        scope = try keys.decodeIfPresent([String: String].self, forKey: .scope) ?? [:]
        tested = try keys.decodeIfPresent(SiteDate.self, forKey: .tested)
        let conforms = try keys.decodeIfPresent(Located<Bool>.self, forKey: .conforms)
        (self.conforms, conformsPosition) = (conforms?.value ?? false, conforms?.position)
    }

    /// `conforms` without the test that found it.
    func problems(file: String) -> [Diagnostic] {
        guard conforms, tested == nil, let at = conformsPosition else { return [] }
        return [
            .error(
                file, at.line, at.column,
                "`accessibility.conforms: true` needs `tested`: the date of the test that found every criterion met")
        ]
    }
}
