import Mustache

/// The values that templates see, built once per page and shared by every list that shows it.
struct PageValues: Sendable {
    private(set) var site: LinkedSite
    private(set) var markdown: [MarkdownResult]
    /// Per page: its front matter plus the derived fields, for lists and for its own page.
    private(set) var summaries: [MustacheValue]
    /// Per language: the `site` object.
    private(set) var siteObjects: [String: [String: MustacheValue]]
    /// Per language: the menu once for each item that can be current (and once with none),
    /// so a page only picks one instead of building its own.
    private(set) var menus: [String: (urls: [String], variants: [MustacheValue])]
    /// Per language: tag name → tag page URL.
    private(set) var tagURLs: [String: [String: String]]

    init(site: LinkedSite, markdown: [MarkdownResult], i18n: [String: MustacheValue] = [:]) {
        self.site = site
        self.markdown = markdown
        let indices = Array(site.pages.indices)
        let events = EventValues(site: site)
        summaries = indices.parallelMap { i in
            let page = site.pages[i]
            return Self.summary(
                of: page, markdown: markdown[i], config: site.config, labels: i18n[page.lang]?["labels"],
                event: events.value(for: PageID(i)))
        }
        var objects: [String: [String: MustacheValue]] = [:]
        var menus: [String: (urls: [String], variants: [MustacheValue])] = [:]
        for language in site.config.languages {
            objects[language.code] = Self.siteObject(language, site: site)
            menus[language.code] = Self.menuVariants(
                MenuCheck.shown(language, site: site), root: site.languageRoot(language.code))
        }
        siteObjects = objects
        self.menus = menus
        var tagURLs: [String: [String: String]] = [:]
        for tag in site.tags { tagURLs[tag.lang, default: [:]][tag.name] = tag.url }
        self.tagURLs = tagURLs
    }

    /// These values for the same site with new Markdown for `changed` pages.
    func updating(site: LinkedSite, markdown: [MarkdownResult], changed: Set<PageID>, i18n: [String: MustacheValue])
        -> PageValues
    {
        var copy = self
        copy.site = site
        copy.markdown = markdown
        let events = EventValues(site: site)
        for i in changed {
            copy.summaries[i] = Self.summary(
                of: site.pages[i], markdown: markdown[i], config: site.config,
                labels: i18n[site.pages[i].lang]?["labels"], event: events.value(for: i))
        }
        return copy
    }

    /// These values with what every page shows (the site, the menus, the tag links) in storage
    /// of their own, for one rendering thread (`MustacheValue.unshared()`).
    func unshared() -> PageValues {
        var copy = self
        copy.siteObjects = siteObjects.mapValues { $0.unshared() }
        copy.menus = menus.mapValues { ($0.urls.map { $0.unshared() }, $0.variants.map { $0.unshared() }) }
        copy.tagURLs = tagURLs.mapValues { urls in
            Dictionary(uniqueKeysWithValues: urls.map { ($0.key.unshared(), $0.value.unshared()) })
        }
        return copy
    }

    func summaryText(_ i: PageID) -> String {
        site.pages[i].summary ?? markdown[i].firstParagraph ?? ""
    }

    /// `labels` (from `Templates/i18n/<lang>.yaml`) turns coded front matter values into
    /// words: with `labels: {kind: {city: 市}}`, `kind: city` also gives `kindLabel: 市`.
    /// `event` is the page's `EventValues`, when it is an event.
    static func summary(
        of page: Page, markdown: MarkdownResult, config: SiteConfig, labels: MustacheValue? = nil,
        event: MustacheValue? = nil
    ) -> MustacheValue {
        var object = page.frontMatter.values.mapValues(MustacheValue.init)
        // The check stops a build with an unsafe `url` value; a template never gets one anyway.
        for field in config.model.section(page.section).fields where field.type == .url {
            if let value = object[field.name], !(value.text.map(SafeURL.isAllowed) ?? true) {
                object[field.name] = .null
            }
        }
        if case .object(let labels)? = labels {
            for (key, words) in labels {
                if let code = object[key]?.text, let word = words[code] { object[key + "Label"] = word }
                // A list of codes (initiatives: [GCoM, TAP]) gives `initiativesLabels`: each code with
                // its words, or its `name` and `url` when the label is a mapping.
                if case .list(let codes)? = object[key] {
                    object[key + "Labels"] = .list(
                        codes.compactMap(\.text).map { code in
                            let label = words[code]
                            let name = label?["name"] ?? label.flatMap { $0.text.map(MustacheValue.string) }
                            return .object([
                                "code": .string(code), "name": name ?? .string(code), "url": label?["url"] ?? .null,
                            ])
                        })
                }
            }
        }
        object["title"] = .string(SmartQuotes.apply(page.title))
        object["url"] = .string(page.url)
        object["permalink"] = .string(config.origin + page.url)
        object["lang"] = .string(page.lang)
        object["section"] = .string(page.section)
        object["slug"] = .string(page.slug)
        let summary = page.summary ?? markdown.firstParagraph ?? ""
        object["summary"] =
            summary.isEmpty ? .null : .string(page.summary != nil ? SmartQuotes.apply(summary) : summary)
        object["draft"] = .bool(page.draft)
        object["event"] = event ?? .null
        object["upcoming"] = event?["upcoming"] ?? .bool(false)
        object["untranslated"] = .bool(false)
        if let date = page.date {
            object["date"] = .string(DateText.long(date, japanese: config.isJapanese(page.lang)))
            object["dateISO"] = .string(date.iso)
            object["year"] = .int(date.year)
            object["fiscalYear"] = .string(DateText.fiscalYear(date.fiscalYear, japanese: config.isJapanese(page.lang)))
            object["fiscalYearNumber"] = .int(date.fiscalYear)
        } else {
            object["date"] = nil
        }
        if let updated = page.updated {
            object["updated"] = .string(DateText.long(updated, japanese: config.isJapanese(page.lang)))
            object["updatedISO"] = .string(updated.iso)
        }
        return .object(object)
    }

    static func siteObject(_ language: SiteConfig.Language, site: LinkedSite) -> [String: MustacheValue] {
        var object = language.values.mapValues(MustacheValue.init)
        object["title"] = .string(language.title)
        object["description"] = .string(language.description)
        object["lang"] = .string(language.code)
        object["languageName"] = .string(language.name)
        object["locale"] = .string(language.locale)
        object["baseURL"] = .string(site.config.baseURL)
        object["basePath"] = .string(site.config.basePath)
        object["home"] = .string(site.languageRoot(language.code))
        object["searchURL"] = .string(site.searchURL(language.code))
        // The map of WordPress query links, false without one (the 404 template asks for it).
        object["queryRedirects"] =
            site.aliases.contains(where: { $0.query != nil })
            ? .string(site.config.basePath + RedirectFiles.queryMap) : .bool(false)
        object["languages"] = .list(
            site.config.languages.map { other in
                .object([
                    "code": .string(other.code), "name": .string(other.name),
                    "url": .string(site.languageRoot(other.code)),
                ])
            })
        object.removeValue(forKey: "menu")
        return object
    }

    /// `urls` are the links' (`menuLinks`), in order; a group is `{name, children, hasChildren,
    /// current}`, current when one of its entries is.
    static func menuVariants(_ language: SiteConfig.Language, root: String) -> (
        urls: [String], variants: [MustacheValue]
    ) {
        let urls = language.menuLinks.map {
            $0.isExternal ? $0.path : $0.path.isEmpty ? root : root + $0.path + "/"
        }
        let variants = (-1..<urls.count).map { current in
            var k = 0
            var entries: [MustacheValue] = []
            for item in language.menu {
                var links: [MustacheValue] = []
                for entry in item.children.isEmpty ? [item] : item.children {
                    // `hasChildren` false too: a menu without groups still answers a template asking.
                    links.append(
                        .object([
                            "name": .string(entry.name), "url": .string(urls[k]), "current": .bool(k == current),
                            "hasChildren": .bool(false),
                        ]))
                    k += 1
                }
                if item.children.isEmpty {
                    entries += links
                } else {
                    entries.append(
                        .object([
                            "name": .string(item.name), "children": .list(links), "hasChildren": .bool(true),
                            "current": .bool(links.contains { $0["current"] == .bool(true) }),
                        ]))
                }
            }
            return MustacheValue.list(entries)
        }
        return (urls, variants)
    }

    /// The language's menu with the item for `currentURL` (or its section) marked current:
    /// the longest menu URL that the page's URL starts with, the home item only on the home page.
    func menu(lang: String, currentURL: String) -> MustacheValue {
        guard let menu = menus[lang] else { return .list([]) }
        let root = site.languageRoot(lang)
        var current = -1
        var longest = 0
        for (k, url) in menu.urls.enumerated() {
            let matches = url == root ? currentURL == root : currentURL.hasPrefix(url)
            if matches && url.utf8.count > longest {
                current = k
                longest = url.utf8.count
            }
        }
        return menu.variants[current + 1]
    }
}
