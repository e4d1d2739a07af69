import Mustache

/// `/admin/index.html` and `/admin/config.yml` when site.yaml has `cms:`: the page that loads
/// the browser editor (the script site.yaml names, at its pinned version) and the editor's
/// configuration, which it reads from beside the page. Nothing without `cms:`.
enum AdminPage {
    static func files(site: LinkedSite, library: TemplateLibrary, i18n: [String: MustacheValue]) throws(BuildFailure)
        -> [(path: String, bytes: [UInt8])]
    {
        guard let cms = site.config.cms else { return [] }
        let config = site.config
        var labels: [String: String] = [:]
        if case .object(let strings)? = i18n[config.defaultLanguage] {
            for (key, value) in strings { if case .string(let text) = value { labels[key] = text } }
        }
        let name = config.language(config.defaultLanguage)?.title ?? ""
        let context: MustacheValue = .object([
            "lang": .string(config.defaultLanguage),
            "title": .string(XMLText.clean((name.isEmpty ? "" : name + " – ") + cms.editor.displayName)),
            "script": .string(cms.script),
        ])
        let page = try BuiltInTemplates.render("admin.html", context, library: library)
        let yaml = CMSConfig(site: site, cms: cms, labels: labels).text
        return [(OutputNames.adminPage, page), (OutputNames.adminConfig, Array(yaml.utf8))]
    }
}

extension CMSSettings.Editor {
    var displayName: String {
        switch self {
        case .sveltia: return "Sveltia CMS"
        case .decap: return "Decap CMS"
        }
    }
}
