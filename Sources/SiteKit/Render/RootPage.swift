/// `/index.html`: sends visitors to the default language and links every language, so it
/// works with JavaScript off (a meta refresh plus plain links).
enum RootPage {
    static func html(site: LinkedSite) -> String {
        let config = site.config
        let target = site.languageRoot(config.defaultLanguage)
        var links = ""
        var alternates = ""
        for language in config.languages {
            let url = escape(site.languageRoot(language.code))
            let title = escape(language.title.isEmpty ? language.name : language.title)
            links += "<li><a href=\"\(url)\" hreflang=\"\(escape(language.code))\" lang=\"\(escape(language.code))\">\(title) (\(escape(language.name)))</a></li>\n"
            alternates += "<link rel=\"alternate\" hreflang=\"\(escape(language.code))\" href=\"\(escape(config.origin + site.languageRoot(language.code)))\">\n"
        }
        alternates += "<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(escape(config.origin + config.basePath))\">\n"
        let title = config.languages.map { escape($0.title) }.joined(separator: " / ")
        return """
        <!DOCTYPE html>
        <html lang="\(escape(config.defaultLanguage))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <meta http-equiv="refresh" content="0; url=\(escape(target))">
        <link rel="canonical" href="\(escape(config.origin + target))">
        \(alternates)</head>
        <body>
        <ul>
        \(links)</ul>
        </body>
        </html>

        """
    }

    static func escape(_ s: String) -> String { XMLText.escape(s) }
}
