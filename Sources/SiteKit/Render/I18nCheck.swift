import Foundation
import Mustache

/// Every `{{i18n.key}}` a template uses must exist in every language's
/// `Templates/i18n/<lang>.yaml`: a missing string would otherwise render as nothing.
enum I18nCheck {
    static func problems(
        library: TemplateLibrary, strings: [String: MustacheValue], languages: [String],
        folder: URL? = nil
    ) -> [Diagnostic] {
        var reported: Set<LanguageKey> = []
        var diagnostics: [Diagnostic] = []
        for template in library.names.sorted() {
            let keys = library.referencedVariables(of: template)
                .filter { $0.hasPrefix("i18n.") }
                .map { String($0.dropFirst(5)) }
                .sorted()
            for key in keys {
                for lang in languages where !has(strings[lang], path: key) {
                    guard reported.insert(LanguageKey(lang: lang, name: key)).inserted else { continue }
                    let message = "i18n key `\(key)` is used here but missing in Templates/i18n/\(lang).yaml"
                    // Point at each tag that uses the key (it may stand in a partial or layout).
                    let places = folder.map { TemplateNameLocator(folder: $0).places(of: ["i18n." + key]) } ?? []
                    if places.isEmpty {
                        diagnostics.append(.error("Templates/\(template).mustache", 1, 1, message))
                    } else {
                        diagnostics += places.map { .error($0.file, $0.line, $0.column, message) }
                    }
                }
            }
        }
        return diagnostics
    }

    private static func has(_ value: MustacheValue?, path: String) -> Bool {
        var current = value
        for part in path.split(separator: ".") {
            guard case .object(let object)? = current, let next = object[String(part)] else { return false }
            current = next
        }
        return current != nil
    }
}
