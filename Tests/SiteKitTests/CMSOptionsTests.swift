import Foundation
import Testing

@testable import SiteKit

/// The repository's own site's `admin/config.yml` uses only options Sveltia CMS documents.
/// The lists are the properties of the typedefs in sveltia-cms's `src/lib/types/public.js`
/// (its configuration reference, from which sveltiacms.app's documentation is written) at
/// commit 0dc258509c4ba5a2029043229b870540b6a74536 (version 0.196.0, the one site.yaml pins).
/// Decap CMS's side is checked by `Tests/CMS/validate_config.py` against Decap's own schema.
@Suite struct CMSOptionsTests {
    /// `CmsConfig`.
    static let site: Set<String> = [
        "load_config_file", "backend", "publish_mode", "media_folder", "public_folder", "media_library",
        "media_libraries", "app_title", "site_url", "display_url", "logo_url", "logo", "logout_redirect_url",
        "issue_reports", "show_preview_links", "slug", "collections", "singletons", "asset_collections", "i18n",
        "editor", "output", "field_defaults",
    ]
    /// `GitBackendProps` and `GitHubBackendProps`.
    static let backend: Set<String> = [
        "name", "repo", "branch", "api_root", "graphql_api_root", "base_url", "auth_path", "site_domain",
        "commit_messages", "automatic_deployments", "skip_ci", "auth_methods", "include_credentials",
    ]
    /// `SlugOptions` and `I18nOptions`.
    static let slug: Set<String> = [
        "encoding", "clean_accents", "sanitize_replacement", "maxlength", "trim", "lowercase", "timezone",
    ]
    static let i18n: Set<String> = [
        "structure", "locales", "default_locale", "initial_locales", "save_all_locales",
        "omit_default_locale_from_filename", "omit_default_locale_from_file_path",
        "omit_default_locale_from_preview_path", "canonical_slug",
    ]
    /// `BaseCollectionProps`, `CommonCollectionProps`, `EntryCollectionProps`, `FileCollectionProps`.
    static let collection: Set<String> = [
        "name", "label", "icon", "label_singular", "description", "media_folder", "public_folder", "hide", "publish",
        "format", "frontmatter_delimiter", "body_field", "i18n", "preview_path", "preview_path_date_field", "editor",
        "yaml_quote", "folder", "fields", "path", "filter", "create", "delete", "duplicate", "reorder", "extension",
        "identifier_field", "slug", "slug_length", "summary", "sortable_fields", "view_filters", "view_groups",
        "nested", "meta", "index_file", "thumbnail", "limit", "files",
    ]
    /// `CollectionFile` and `CollectionIndexFile`.
    static let file: Set<String> = [
        "name", "label", "icon", "file", "fields", "media_folder", "public_folder", "format", "frontmatter_delimiter",
        "body_field", "i18n", "preview_path", "preview_path_date_field", "editor",
    ]
    static let indexFile: Set<String> = ["name", "label", "icon", "fields", "editor"]
    /// `CommonFieldProps`, `VisibleFieldProps`, `FieldValidationProps`, and `widget`.
    static let everyField: Set<String> = [
        "name", "i18n", "label", "comment", "hint", "preview", "required", "readonly", "pattern", "widget",
    ]
    /// Each widget's own typedef (with `MultiOptionFieldProps`, `MultiValueFieldProps`,
    /// `ComplexListFieldBaseProps`, `MediaFieldProps` and `CharCountProps` where they apply).
    static let widgets: [String: Set<String>] = [
        "string": ["default", "type", "prefix", "suffix", "use_emoji_autocomplete", "minlength", "maxlength"],
        "text": ["default", "use_emoji_autocomplete", "minlength", "maxlength"],
        "boolean": ["default"],
        "number": ["default", "value_type", "min", "max", "step"],
        "datetime": [
            "default", "type", "min", "max", "step", "format", "date_format", "time_format", "picker_utc",
            "input_timezone", "output_utc",
        ],
        "select": ["default", "options", "multiple", "min", "max", "dropdown_threshold"],
        "relation": [
            "default", "collection", "file", "value_field", "display_fields", "search_fields", "filters", "multiple",
            "min", "max", "dropdown_threshold",
        ],
        "list": [
            "default", "allow_add", "allow_remove", "allow_duplicate", "allow_reorder", "add_to_top", "label_singular",
            "summary", "thumbnail", "collapsed", "minimize_collapsed", "root", "field", "fields", "types", "min", "max",
        ],
        "object": ["default", "collapsed", "summary", "fields", "types", "typeKey"],
        "image": [
            "default", "multiple", "min", "max", "accept", "choose_url", "media_folder", "public_folder",
            "media_library", "media_libraries",
        ],
        "markdown": [
            "default", "minimal", "buttons", "editor_components", "allow_nested_components", "modes",
            "sanitize_preview", "linked_images", "use_emoji_autocomplete", "use_markdown_shortcuts",
        ],
    ]
    /// `CommonFieldProps.i18n`.
    static let i18nModes: Set<YAMLValue> = [.bool(true), .bool(false), "duplicate", "translate", "none"]

    static func keys(_ value: YAMLValue?) -> Set<String> {
        if case .object(let object)? = value { return Set(object.keys) }
        return []
    }

    /// Every problem of one field and of the fields inside it.
    static func problems(field: YAMLValue, at path: String) -> [String] {
        let widget = field["widget"]?.text ?? "string"
        guard let own = widgets[widget] else { return ["\(path): the widget `\(widget)` is not one this test knows"] }
        var found = keys(field).subtracting(everyField.union(own)).sorted().map { "\(path).\($0)" }
        if let mode = field["i18n"], !i18nModes.contains(mode) { found.append("\(path).i18n: \(mode)") }
        if let inner = field["field"] { found += problems(field: inner, at: path + ".field") }
        for sub in field["fields"]?.items ?? [] {
            found += problems(field: sub, at: path + "." + (sub["name"]?.text ?? "?"))
        }
        return found
    }

    static func problems(config: YAMLValue) -> [String] {
        var found = keys(config).subtracting(site).sorted()
        found += keys(config["backend"]).subtracting(backend).sorted().map { "backend.\($0)" }
        found += keys(config["slug"]).subtracting(slug).sorted().map { "slug.\($0)" }
        found += keys(config["i18n"]).subtracting(i18n).sorted().map { "i18n.\($0)" }
        for collection in config["collections"]?.items ?? [] {
            let name = "collections." + (collection["name"]?.text ?? "?")
            found += keys(collection).subtracting(Self.collection).sorted().map { "\(name).\($0)" }
            found += keys(collection["index_file"]).subtracting(indexFile).sorted().map { "\(name).index_file.\($0)" }
            var fields = (collection["fields"]?.items ?? []).map { (name, $0) }
            fields += (collection["index_file"]?["fields"]?.items ?? []).map { (name + ".index_file", $0) }
            for file in collection["files"]?.items ?? [] {
                let fileName = name + "." + (file["name"]?.text ?? "?")
                found += keys(file).subtracting(Self.file).sorted().map { "\(fileName).\($0)" }
                fields += (file["fields"]?.items ?? []).map { (fileName, $0) }
            }
            for (path, field) in fields {
                found += problems(field: field, at: path + "." + (field["name"]?.text ?? "?"))
            }
        }
        return found
    }

    /// The repository's site, built with its own site.yaml.
    static func repositoryConfig() throws -> YAMLValue {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("iclei-cms-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = SiteBuilder.Options(source: root, output: output)
        options.cacheFolder = nil
        try SiteBuilder(options: options).build()
        let text = try String(contentsOf: output.appendingPathComponent("admin/config.yml"), encoding: .utf8)
        guard case .success(let tree?) = YAMLTree.parse(text, file: "config.yml", maxDepth: 64) else {
            throw CMSConfigTests.Unreadable()
        }
        return tree.value
    }

    @Test func theSitesConfigUsesOnlyDocumentedOptions() throws {
        let config = try Self.repositoryConfig()
        #expect(Self.problems(config: config) == [])
        // The check looks where it should: the site's sections, with fields of every kind.
        let widgets = Set(
            (config["collections"]?.items ?? []).flatMap {
                ($0["fields"]?.items ?? []).compactMap { $0["widget"]?.text }
            })
        #expect(
            widgets.isSuperset(of: ["string", "text", "datetime", "boolean", "number", "select", "relation", "list"]))
        #expect(widgets.isSuperset(of: ["object", "image", "markdown"]))
    }

    @Test func theCheckFindsAnUndocumentedOption() throws {
        let field: YAMLValue = .object([
            "name": "head", "widget": "object", "i18n": "copy", "collapse": .bool(true),
            "fields": .list([.object(["name": "start", "widget": "datetime", "timeFormat": .bool(false)])]),
        ])
        #expect(
            Self.problems(field: field, at: "cafe.head") == [
                "cafe.head.collapse", "cafe.head.i18n: string(\"copy\")", "cafe.head.start.timeFormat",
            ])
    }
}
