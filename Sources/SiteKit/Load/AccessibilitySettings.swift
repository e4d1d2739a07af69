/// `accessibility:` in site.yaml: what the accessibility page states. The level aimed at
/// (JIS X 8341-3:2016 = WCAG 2.0, A or AA), what the policy covers in each language, the date
/// of the last test by a person, and whether that test found every criterion met: without a
/// test the page can only say the site is built with the standard in mind (配慮).
struct AccessibilitySettings: Sendable, Equatable {
    var level = "AA"
    /// Language code → the pages the policy covers, in that language.
    var scope: [String: String] = [:]
    var tested: SiteDate?
    var conforms = false

    init() {}

    init(_ value: YAMLValue) {
        level = value["level"]?.text ?? "AA"
        if case .object(let scopes)? = value["scope"] { scope = scopes.compactMapValues(\.text) }
        tested = value["tested"]?.text.flatMap(SiteDate.parse)
        conforms = value["conforms"] == .bool(true)
    }

    /// A `tested` that is no date, and `conforms` without the test that found it.
    static func problems(_ node: YAMLTree?, file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if let tested = node?["tested"], tested.value.text.flatMap(SiteDate.parse) == nil {
            problems.append(
                .error(
                    file, tested.mark.line, tested.mark.column,
                    "`accessibility.tested` must be the date of the last test by a person, such as 2026-11-30"))
        }
        if let conforms = node?["conforms"], conforms.value == .bool(true), node?["tested"] == nil {
            problems.append(
                .error(
                    file, conforms.mark.line, conforms.mark.column,
                    "`accessibility.conforms: true` needs `tested`: the date of the test that found every criterion met"
                ))
        }
        return problems
    }
}
