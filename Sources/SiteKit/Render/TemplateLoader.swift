import Foundation
import Mustache

/// Loads `Templates/` into a template library and `Templates/i18n/<lang>.yaml` into strings,
/// reading each file once and hashing what it read: the hash is part of what every page
/// depends on (`SiteBuilder.globalKey`).
struct TemplateLoader {
    struct Loaded {
        var library: TemplateLibrary?
        var i18n: [String: MustacheValue]
        var diagnostics: [Diagnostic]
        /// Every file of the folder, by path and content.
        var sourceKey: UInt64
    }

    let folder: URL
    let languages: [String]
    /// How the templates' accessibility problems are reported (`TemplateAccessibility`).
    var accessibility = AccessibilityRule.Severities()

    func load() -> Loaded {
        var diagnostics: [Diagnostic] = []
        var hasher = ContentHasher()
        var sources: [TemplateLibrary.SourceFile] = []
        var texts: [String: String] = [:]
        let prefix = folder.standardizedFileURL.lastPathComponent
        for relative in ContentTree.files(below: folder) {
            let bytes = FileIO.read(folder.path + "/" + relative)
            hasher.combine(relative)
            hasher.combine(bytes ?? [])
            guard relative.hasSuffix(".mustache") || relative.hasSuffix(".yaml") else { continue }
            guard let bytes, let text = String(validating: bytes, as: UTF8.self) else {
                let reason = bytes == nil ? "it cannot be opened" : "it is not valid UTF-8"
                diagnostics.append(.error(prefix + "/" + relative, 1, 1, "cannot read the template: \(reason)"))
                continue
            }
            if relative.hasSuffix(".mustache") {
                let name = String(relative.dropLast(".mustache".count))
                sources.append(.init(name: name, file: prefix + "/" + relative, source: text))
            } else {
                texts[relative] = text
            }
        }
        var library: TemplateLibrary?
        do {
            library = try TemplateLibrary(sources: sources, defaults: BuiltInTemplates.templates)
        } catch let error as MustacheErrors {
            diagnostics += error.errors.map { .error($0.file, $0.line, $0.column, $0.message) }
        } catch let error as MustacheError {
            diagnostics.append(.error(error.file, error.line, error.column, error.message))
        } catch {
            diagnostics.append(.error(prefix + "/", 1, 1, "cannot load the templates: \(error)"))
        }
        if !diagnostics.isEmpty && library != nil { library = nil }
        // Warnings unless the site made them errors: the check stage fails the build then.
        diagnostics += TemplateAccessibility(severities: accessibility).problems(sources.map { ($0.file, $0.source) })
        var i18n: [String: MustacheValue] = [:]
        for lang in languages {
            guard let text = texts["i18n/\(lang).yaml"] else { continue }
            switch YAMLReader.readMapping(text, file: "Templates/i18n/\(lang).yaml") {
            case .success(let mapping): i18n[lang] = .object(mapping.values.mapValues(MustacheValue.init))
            case .failure(let d): diagnostics.append(d)
            }
        }
        if let library {
            diagnostics += I18nCheck.problems(library: library, strings: i18n, languages: languages, folder: folder)
        }
        return Loaded(library: library, i18n: i18n, diagnostics: diagnostics, sourceKey: hasher.finalized)
    }
}
