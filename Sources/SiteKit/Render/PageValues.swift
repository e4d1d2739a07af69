import Mustache

/// The values that templates see, built once per page and shared by every list that shows it.
public struct PageValues: Sendable {
    let site: LinkedSite
    let markdown: [MarkdownResult]
    /// Per page: its front matter plus the derived fields, for lists and for its own page.
    let summaries: [MustacheValue]
    /// Per language: the `site` object.
    let siteObjects: [String: [String: MustacheValue]]

    init(site: LinkedSite, markdown: [MarkdownResult], i18n: [String: MustacheValue] = [:]) {
        self.site = site
        self.markdown = markdown
        let indices = Array(site.pages.indices)
        summaries = indices.parallelMap { i in
            let page = site.pages[i]
            return Self.summary(of: page, markdown: markdown[i], config: site.config, labels: i18n[page.lang]?["labels"])
        }
        var objects: [String: [String: MustacheValue]] = [:]
        for language in site.config.languages { objects[language.code] = Self.siteObject(language, site: site) }
        siteObjects = objects
    }

    func summaryText(_ i: Int) -> String {
        site.pages[i].frontMatter["summary"]?.text ?? markdown[i].firstParagraph ?? ""
    }

    /// `labels` (from `Templates/i18n/<lang>.yaml`) turns coded front matter values into
    /// words: with `labels: {kind: {city: 市}}`, `kind: city` also gives `kindLabel: 市`.
    static func summary(of page: Page, markdown: MarkdownResult, config: SiteConfig, labels: MustacheValue? = nil) -> MustacheValue {
        var object = page.frontMatter.values
        if case .object(let labels)? = labels {
            for (key, words) in labels {
                if let code = object[key]?.text, let word = words[code] { object[key + "Label"] = word }
            }
        }
        object["title"] = .string(page.title)
        object["url"] = .string(page.url)
        object["permalink"] = .string(config.origin + page.url)
        object["lang"] = .string(page.lang)
        object["section"] = .string(page.section)
        object["slug"] = .string(page.slug)
        let summary = page.frontMatter["summary"]?.text ?? markdown.firstParagraph ?? ""
        object["summary"] = summary.isEmpty ? .null : .string(summary)
        object["draft"] = .bool(page.draft)
        if let date = page.date {
            object["date"] = .string(DateText.long(date, lang: page.lang))
            object["dateISO"] = .string(date.iso)
            object["year"] = .int(date.year)
            object["fiscalYear"] = .string(DateText.fiscalYear(date.fiscalYear, lang: page.lang))
            object["fiscalYearNumber"] = .int(date.fiscalYear)
        } else {
            object["date"] = nil
        }
        return .object(object)
    }

    static func siteObject(_ language: SiteConfig.Language, site: LinkedSite) -> [String: MustacheValue] {
        var object = language.values
        object["title"] = .string(language.title)
        object["description"] = .string(language.description)
        object["lang"] = .string(language.code)
        object["languageName"] = .string(language.name)
        object["locale"] = .string(language.locale)
        object["baseURL"] = .string(site.config.baseURL)
        object["basePath"] = .string(site.config.basePath)
        object["home"] = .string(site.languageRoot(language.code))
        object["languages"] = .list(site.config.languages.map { other in
            .object(["code": .string(other.code), "name": .string(other.name), "url": .string(site.languageRoot(other.code))])
        })
        object.removeValue(forKey: "menu")
        return object
    }

    /// The language's menu with the item for `url` (or its section) marked current.
    func menu(lang: String, currentURL: String) -> MustacheValue {
        guard let language = site.config.language(lang) else { return .list([]) }
        let root = site.languageRoot(lang)
        return .list(language.menu.map { item in
            let url = item.path.isEmpty ? root : root + item.path + "/"
            let current = item.path.isEmpty ? currentURL == root : currentURL.hasPrefix(url)
            return .object(["name": .string(item.name), "url": .string(url), "current": .bool(current)])
        })
    }
}
