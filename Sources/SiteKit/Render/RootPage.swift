import Mustache

/// `/index.html`: sends visitors to the default language and links every language, so it
/// works with JavaScript off (a meta refresh plus plain links), through the `root.html` template.
/// `/robots.txt` (when Public/ has none) names the sitemap, through `robots.txt`.
enum RootPage {
    static func html(site: LinkedSite, library: TemplateLibrary) throws(BuildFailure) -> [UInt8] {
        let config = site.config
        let target = site.languageRoot(config.defaultLanguage)
        let languages: [MustacheValue] = config.languages.map { language in
            .object([
                "code": .string(language.code), "name": .string(XMLText.clean(language.name)),
                "label": .string(XMLText.clean(language.title.isEmpty ? language.name : language.title)),
                "url": .string(site.languageRoot(language.code)),
                "href": .string(config.origin + site.languageRoot(language.code)),
            ])
        }
        let context: MustacheValue = .object([
            "lang": .string(config.defaultLanguage),
            "title": .string(XMLText.clean(config.languages.map(\.title).joined(separator: " / "))),
            "target": .string(target), "canonical": .string(config.origin + target),
            "xDefault": .string(config.origin + config.basePath), "languages": .list(languages),
            "queryRedirects": site.aliases.contains { $0.query != nil }
                ? .string(config.basePath + RedirectFiles.queryMap) : .null,
        ])
        return try BuiltInTemplates.render("root.html", context, library: library)
    }

    static func robots(site: LinkedSite, library: TemplateLibrary) throws(BuildFailure) -> [UInt8] {
        let sitemap = site.config.origin + site.config.basePath + "sitemap.xml"
        return try BuiltInTemplates.render("robots.txt", .object(["sitemap": .string(sitemap)]), library: library)
    }
}
