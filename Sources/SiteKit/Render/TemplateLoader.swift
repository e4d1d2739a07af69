import Foundation
import Mustache

/// Loads `Templates/` into a template library and `Templates/i18n/<lang>.yaml` into strings.
struct TemplateLoader {
    struct Loaded {
        var library: TemplateLibrary?
        var i18n: [String: MustacheValue]
        var diagnostics: [Diagnostic]
    }

    let folder: URL
    let languages: [String]

    func load() -> Loaded {
        var diagnostics: [Diagnostic] = []
        var library: TemplateLibrary?
        do {
            library = try TemplateLibrary(directory: folder)
        } catch let error as MustacheErrors {
            diagnostics += error.errors.map { .error($0.file, $0.line, $0.column, $0.message) }
        } catch let error as MustacheError {
            diagnostics.append(.error(error.file, error.line, error.column, error.message))
        } catch {
            diagnostics.append(.error("Templates/", 1, 1, "cannot load the templates: \(error)"))
        }
        library = library?.addingDefaults(BuiltInTemplates.templates)
        var i18n: [String: MustacheValue] = [:]
        for lang in languages {
            let path = "Templates/i18n/\(lang).yaml"
            guard
                let data = FileManager.default.contents(atPath: folder.appendingPathComponent("i18n/\(lang).yaml").path)
            else { continue }
            switch YAMLReader.readMapping(String(decoding: data, as: UTF8.self), file: path) {
            case .success(let mapping): i18n[lang] = .object(mapping.values.mapValues(MustacheValue.init))
            case .failure(let d): diagnostics.append(d)
            }
        }
        if let library {
            diagnostics += I18nCheck.problems(library: library, strings: i18n, languages: languages, folder: folder)
        }
        return Loaded(library: library, i18n: i18n, diagnostics: diagnostics)
    }
}
