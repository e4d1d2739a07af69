/// The browser editor's configuration, `/admin/config.yml`, generated from the content model
/// (`sections:` in site.yaml) on every build, so that what the editor offers never drifts
/// from what the build accepts. Sveltia CMS reads Decap CMS's format and adds to it; where
/// the two differ (`CMSSettings.Editor`), each gets what it understands:
///
/// - a section's `_index` file: Sveltia's `index_file`; for Decap, a file collection of them;
/// - a file collection's per-language files: Sveltia names them with `{{locale}}`, Decap adds
///   the locale before the extension itself;
/// - a new entry's file name: Sveltia asks for it (`{{fields._slug}}`, as Japanese titles
///   make no ASCII slug); Decap makes it from the title.
struct CMSConfig {
    let site: LinkedSite
    let cms: CMSSettings
    /// The default language's strings of `Templates/i18n/`, by key: section and field names.
    let labels: [String: String]

    var config: SiteConfig { site.config }
    var isSveltia: Bool { cms.editor == .sveltia }
    /// The editor's own texts are in the default language; so are the labels made here.
    var japanese: Bool { config.isJapanese(config.defaultLanguage) }

    static let header = "# Written by iclei-site from Content/site.yaml (`sections:` and `cms:`) on every build.\n"

    var text: String { Self.header + document.text }

    var document: YAMLNode {
        .map([
            "backend": .map([
                "name": .string(cms.backend.name), "repo": .string(cms.backend.repo),
                "branch": .string(cms.backend.branch), "base_url": cms.backend.baseURL.map(YAMLNode.string),
            ]),
            "site_url": .string(config.origin + config.basePath),
            "display_url": .string(config.origin + config.basePath),
            // Sveltia CMS speaks the browser's language; Decap CMS is told.
            "locale": isSveltia ? nil : .string(config.defaultLanguage),
            "media_folder": .string("Public/" + cms.media),
            "public_folder": .string(config.basePath + cms.media),
            // File names as `iclei-site new` makes them: URL segments without escapes.
            "slug": .map(["encoding": "ascii", "clean_accents": true]),
            "i18n": .map([
                "structure": "multiple_files", "locales": .list(config.languageCodes.map(YAMLNode.string)),
                "default_locale": .string(config.defaultLanguage),
            ]),
            "collections": .list(collections),
        ])
    }

    var collections: [YAMLNode] {
        var result = config.model.declaredOrder.compactMap { config.model.sections[$0] }.map(collection)
        if let pages = standalonePages { result.append(pages) }
        if !isSveltia { result.append(sectionIndexes) }
        return result
    }

    /// A declared section: `Content/<section>/<file>.<lang>.md`.
    func collection(_ section: ContentModel.SectionModel) -> YAMLNode {
        // Files as `iclei-site new` names them: an article's with the day it was written.
        let name = isSveltia ? "{{fields._slug}}" : "{{slug}}"
        let slug = section.kind == .articles ? "{{year}}-{{month}}-{{day}}-" + name : name
        let sortKey = section.field(role: .start)?.name ?? (section.kind.isDated ? "date" : nil)
        return .map([
            "name": .string(section.name), "label": .string(label(section: section.name)),
            "folder": .string("Content/" + section.name), "extension": "md", "format": "yaml-frontmatter",
            "create": true, "slug": .string(slug), "identifier_field": "title",
            "sortable_fields": .list((sortKey.map { [$0] } ?? []).map(YAMLNode.string) + ["title"]),
            "i18n": true,
            "index_file": isSveltia
                ? .map(["name": "_index", "label": .string(indexLabel), "fields": indexFields]) : nil,
            "fields": .list(fields(of: section)),
        ])
    }

    /// The pages outside any section (`Content/<name>.<lang>.md`) and the home pages' text:
    /// one file each, in every language. Nil when the site has none.
    var standalonePages: YAMLNode? {
        var titles: [String: String] = [:]
        for page in site.pages where page.kind == .standalone || page.kind == .home {
            if titles[page.fileSlug] == nil || page.lang == config.defaultLanguage {
                titles[page.fileSlug] = page.title
            }
        }
        guard !titles.isEmpty else { return nil }
        // The home page first, then by file name.
        let names = titles.keys.sorted { ($0 != "index" ? 1 : 0, $0) < ($1 != "index" ? 1 : 0, $1) }
        let fields = YAMLNode.list([title] + commonFields + [body])
        return .map([
            "name": .string(collectionName("pages")), "label": japanese ? "ページ" : "Pages", "i18n": true,
            "files": .list(
                names.map { name in
                    .map([
                        "name": .string(name), "label": .string(titles[name] ?? name),
                        "file": .string(filePath("Content/" + name)), "fields": fields,
                    ])
                }),
        ])
    }

    /// For Decap CMS, which has no `index_file`: each declared section's `_index` file.
    var sectionIndexes: YAMLNode {
        .map([
            "name": .string(collectionName("section_indexes")), "label": .string(indexLabel), "i18n": true,
            "files": .list(
                config.model.declaredOrder.map { name in
                    .map([
                        "name": .string(name), "label": .string(label(section: name)),
                        "file": .string(filePath("Content/\(name)/_index")), "fields": indexFields,
                    ])
                }),
        ])
    }

    /// A name for a collection of the editor's own, unlike any section's (collection names
    /// are unique, and a site may have a section called `pages`).
    func collectionName(_ wanted: String) -> String {
        var name = wanted
        while config.model.sections[name] != nil { name = "_" + name }
        return name
    }

    var indexLabel: String { japanese ? "一覧ページの説明" : "List page" }

    /// The path of a file in every language, as the editor wants it written.
    func filePath(_ stem: String) -> String { stem + (isSveltia ? ".{{locale}}.md" : ".md") }

    /// A section's name in the editor's menu: the site menu's entry for it, else its name in
    /// `Templates/i18n/`, else the name itself.
    func label(section name: String) -> String {
        config.language(config.defaultLanguage)?.menuLinks.first { $0.path == name }?.name ?? labels[name] ?? name
    }
}
