/// The accessibility checks of `check`, by the name a site sets them with in site.yaml
/// (`checks: {linkText: error, spacedWords: ignore}`), with the WCAG 2.0 success criteria
/// each one helps to meet (the accessibility page's test results name them).
enum AccessibilityRule: String, CaseIterable, Sendable {
    case linkText, ambiguousLinks, documentLinks
    case imageAlt, altText
    case headingLevels, emptyHeadings, multipleH1, boldHeadings
    case dependentCharacters, fullWidthLatin, spacedWords
    case frameTitles, tableHeaders, duplicateTitles
    // Checked once in the templates (`TemplateAccessibility`).
    case pageLanguage, skipLink, landmarks, formLabels

    /// An image without alt text is an error; the rest are warnings (`--strict` fails on them).
    var defaultSeverity: Diagnostic.Severity { self == .imageAlt ? .error : .warning }

    var criteria: [String] {
        switch self {
        case .linkText, .ambiguousLinks, .documentLinks: return ["2.4.4"]
        case .imageAlt, .altText: return ["1.1.1"]
        case .headingLevels, .multipleH1, .boldHeadings, .tableHeaders: return ["1.3.1"]
        case .emptyHeadings: return ["2.4.6"]
        case .spacedWords: return ["1.3.2"]
        // Good Japanese practice (the 総務省 guideline's), not a success criterion of its own.
        case .dependentCharacters, .fullWidthLatin: return []
        case .frameTitles: return ["4.1.2"]
        case .duplicateTitles: return ["2.4.2"]
        case .pageLanguage: return ["3.1.1", "3.1.2"]
        case .skipLink: return ["2.4.1"]
        case .landmarks: return ["1.3.1", "2.4.1"]
        case .formLabels: return ["1.3.1", "3.3.2", "4.1.2"]
        }
    }

    /// A message with the rule's name at its end, the name `checks:` takes to change it.
    func tagged(_ message: String) -> String { message + " [checks: \(rawValue)]" }

    /// Whether a message is one of these checks' (`tagged`).
    static func isAccessibility(_ message: String) -> Bool {
        message.hasSuffix("]") && allCases.contains { message.hasSuffix(" [checks: \($0.rawValue)]") }
    }

    /// The severities a site set (`checks:`): a rule missing from the map has its default;
    /// nil turns a rule off.
    struct Severities: Sendable, Equatable {
        /// What `checks:` in site.yaml sets; the rest report at their `defaultSeverity`.
        var settings: [AccessibilityRule: CheckSeverity] = [:]

        func severity(_ rule: AccessibilityRule) -> Diagnostic.Severity? {
            switch settings[rule] {
            case .ignore?: return nil
            case .error?: return .error
            case .warning?: return .warning
            case nil: return rule.defaultSeverity
            }
        }

        var isAnyOn: Bool { AccessibilityRule.allCases.contains { severity($0) != nil } }
    }
}

/// How a kind of problem is reported, as `checks:` in site.yaml sets it.
enum CheckSeverity: String, Sendable, CaseIterable { case error, warning, ignore }
