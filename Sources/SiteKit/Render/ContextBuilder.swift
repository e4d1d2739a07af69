import Mustache

/// Builds the value tree a template sees for one output file:
/// `lang`, `site`, `menu`, `i18n`, `page`, `content`, and on lists `pages`, `groups`,
/// `pagination`; on the home page `sections`; on tag pages `tags`.
struct ContextBuilder {
    let site: LinkedSite
    private(set) var values: PageValues
    private(set) var i18n: [String: MustacheValue]
    let planner: JobPlanner
    var images = ImageMarkup(catalog: MediaCatalog())
    /// Names the engine gives only some kinds of page (a list of several pages, a tag index,
    /// a content page): a site without such a page yet (a new or empty one) still has templates
    /// that use them, and they are no typo.
    static let namesOfSomeJobs: Set<String> = [
        "page.isPage", "page.isList", "page.isHome", "page.isTag", "page.isSearch", "page.jsonLD", "page.toc",
        "page.tagLinks", "page.updated", "page.updatedISO",
        "page.listLinks", "page.referencedBy", "page.related", "page.hasRelated", "page.series", "page.series.previous",
        "page.series.next", "hasTags", "tags",
        "empty", "pages", "groups", "sections", "upcoming",
        "hasUpcoming", "map", "pagination", "pagination.prev", "pagination.next", "pagination.pages",
        "pagination.current", "pagination.total", "search", "redirect", "accessibility",
    ]

    /// Every part of every name the templates use (`page.jsonLD` gives `page` and `jsonLD`):
    /// a value under another key is never shown, so the costly ones are not made for it.
    var namesUsed: Set<String>? = nil

    /// `assets.<path>`: each stylesheet's and script's URL and integrity (`AssetValues`).
    var assets: MustacheValue = .object([:])

    /// False only for a key no template names.
    func isUsed(_ key: String) -> Bool { namesUsed?.contains(key) ?? true }

    /// This builder with the values every page shows in storage of its own, for one rendering
    /// thread (`MustacheValue.unshared()`).
    func unshared() -> ContextBuilder {
        var copy = self
        copy.values = values.unshared()
        copy.i18n = i18n.unshared()
        copy.namesUsed = namesUsed.map { Set($0.map { $0.unshared() }) }
        copy.assets = assets.unshared()
        return copy
    }

    func context(for job: RenderJob, info: JobInfo) -> MustacheValue {
        let lang = info.lang
        var page: [String: MustacheValue]
        var content: MustacheValue = .null
        if let i = info.page, case .object(let summary) = values.summaries[i] {
            page = summary
            content = pageContent(values.markdown[i].html, lang: lang)
        } else {
            page = ["url": .string(info.url), "lang": .string(lang)]
        }
        let menu = values.menu(lang: lang, currentURL: info.url)
        let siteObject = values.siteObjects[lang] ?? [:]
        page.reserveCapacity(page.count + 16)
        var context: [String: MustacheValue] = [
            "lang": .string(lang), "content": content, "menu": menu, "i18n": i18n[lang] ?? .object([:]),
            "assets": assets,
        ]
        switch job {
        case .page(let i):
            page["isPage"] = .bool(true)
            addReferences(of: i, into: &page)
            let tags = site.pages[i].tags
            let tagURLs = values.tagURLs[lang] ?? [:]
            page["tagLinks"] = .list(
                tags.map { name in
                    .object(["name": .string(name), "url": .string(tagURLs[name] ?? site.languageRoot(lang) + "tags/")])
                })
            // Computed by the link stage (`RelatedPages`, `SeriesPlace`): shown here as they are.
            if let related = site.related[i] { page["related"] = .list(related.map { values.summaries[$0] }) }
            if let series = SeriesLinks(site: site).value(for: i) { page["series"] = series }
            if isUsed("toc") {
                let asked = site.pages[i].frontMatter["toc"].flatMap { if case .bool(let b) = $0 { b } else { nil } }
                page["toc"] = TableOfContents.value(
                    values.markdown[i].headings, asked: asked, japanese: site.config.isJapanese(lang))
            }
            if isUsed("jsonLD") {
                page["jsonLD"] = StructuredData.jsonLD(
                    for: site.pages[i], summary: values.summaryText(i), config: site.config,
                    event: site.schedule.event(site.pages[i]))
            }
        case .section(let s, let number):
            let section = site.sections[s]
            page["title"] = numbered(page["title"] ?? .string(site.title(of: section)), number, lang: lang)
            page["section"] = .string(section.name)
            page["isList"] = .bool(true)
            page["listLinks"] = .list(listLinks(section))
            context["empty"] = .bool(section.listing.isEmpty)
            addList(section: section, number: number, into: &context)
        case .home:
            page["title"] = page["title"] ?? siteObject["title"] ?? .string("")
            page["isHome"] = .bool(true)
            context["sections"] = homeSections(lang)
            let upcoming = upcomingEvents(lang)
            context["upcoming"] = .list(upcoming)
            context["hasUpcoming"] = .bool(!upcoming.isEmpty)
            context["map"] = memberMap(lang) ?? .null
        case .tagIndex:
            page["title"] = i18n[lang]?["tags"] ?? .string("Tags")
            page["isList"] = .bool(true)
            context["hasTags"] = .bool(site.tags.contains { $0.lang == lang })
            context["tags"] = .list(
                site.tags.filter { $0.lang == lang }.map { tag in
                    .object(["name": .string(tag.name), "url": .string(tag.url), "count": .int(tag.pages.count)])
                })
        case .tag(let t, let number):
            let tag = site.tags[t]
            page["title"] = numbered(.string(tag.name), number, lang: lang)
            page["isList"] = .bool(true)
            page["isTag"] = .bool(true)
            let size = site.config.paginate
            context["pages"] = .list(tag.pages.dropFirst((number - 1) * size).prefix(size).map { values.summaries[$0] })
            context["pagination"] = pagination(
                base: tag.url, number: number, total: planner.pagination.pageCount(of: tag))
        case .search:
            let labels = SearchLabels(japanese: site.config.isJapanese(lang), i18n: i18n[lang]?["search"])
            page["title"] = .string(labels.title)
            page["isSearch"] = .bool(true)
            context["search"] = searchValues(lang: lang, labels: labels)
        case .accessibility:
            let statement = AccessibilityPage(site: site, lang: lang)
            page["title"] = .string(statement.title)
            context["accessibility"] = statement.values
        case .redirect(let a):
            let target = site.pages[site.aliases[a].page].url
            context["redirect"] = .object([
                "url": .string(target), "permalink": .string(site.config.origin + target),
            ])
        case .notFound:
            page["title"] = .string(site.config.languages.map(\.title).joined(separator: " / "))
            context["languages"] = .list(
                site.config.languages.map { language in
                    .object([
                        "lang": .string(language.code), "name": .string(language.name),
                        "home": .string(site.languageRoot(language.code)),
                        "i18n": i18n[language.code] ?? .object([:]),
                        "site": .object(values.siteObjects[language.code] ?? [:]),
                    ])
                })
        }
        page["url"] = .string(info.url)
        page["permalink"] = .string(site.config.origin + info.url)
        page["canonical"] = .string(site.config.origin + info.url)
        page["lang"] = .string(lang)
        page["description"] =
            page["summary"].flatMap { $0.text?.isEmpty == false ? $0 : nil } ?? siteObject["description"]
        addLanguageLinks(info: info, into: &page)
        page["ogImage"] = socialImage(info: info) ?? .null
        if isUsed("breadcrumbs"), let title = page["title"]?.text,
            let trail = Breadcrumbs(site: site, i18n: i18n).value(for: job, lang: lang, title: title)
        {
            page["breadcrumbs"] = trail
        }
        // Logic-less templates cannot test a list's length: `hasX` says whether list `x` has items.
        for (key, value) in page {
            if case .list(let items) = value, !items.isEmpty, let first = key.first {
                page["has" + first.uppercased() + key.dropFirst()] = .bool(true)
            }
        }
        context["page"] = .object(page)
        context["site"] = .object(siteObject)
        return .object(context)
    }

    /// What the search page's form and script need: the search pages of this and the other
    /// language (each index lives beside its page), and the words to show.
    private func searchValues(lang: String, labels: SearchLabels) -> MustacheValue {
        var values = labels.values
        values["url"] = .string(site.searchURL(lang))
        let script = assets.value(at: OutputNames.searchScript)
        values["script"] = script?["url"] ?? .string(site.config.basePath + OutputNames.searchScript)
        values["scriptIntegrity"] = script?["integrity"] ?? .null
        values["fiscal"] = .string(site.config.isJapanese(lang) ? "true" : "false")
        if let other = site.config.languages.first(where: { $0.code != lang }) {
            values["otherURL"] = .string(site.searchURL(other.code))
            values["otherLabel"] = values["otherLabel"]?.text.map {
                .string($0.replacingOccurrences(of: "{language}", with: other.name))
            }
        }
        return .object(values)
    }

    /// Keys declared in `references:` become the named pages ({key, title, url}, in this
    /// page's language where it exists); `referencedBy.<section>` lists pages naming this one.
    private func addReferences(of i: PageID, into page: inout [String: MustacheValue]) {
        let lang = site.pages[i].lang
        for (key, targets) in site.references.outgoing[i] ?? [:] {
            page[key] = .list(
                targets.compactMap { path -> MustacheValue? in
                    guard let versions = site.byContentPath[path],
                        let t = versions[lang] ?? versions[site.config.defaultLanguage] ?? versions.values.min()
                    else { return nil }
                    return .object([
                        "key": .string(String(path.split(separator: "/").last ?? "")),
                        "title": .string(site.pages[t].title), "url": .string(site.pages[t].url),
                        "lang": .string(site.pages[t].lang),
                    ])
                })
        }
        guard let sources = site.references.incoming[site.pages[i].contentPath] else { return }
        var bySection: [String: [MustacheValue]] = [:]
        for source in SiteLinker.upcomingFirst(sources, upcoming: site.upcoming) where site.pages[source].lang == lang {
            bySection[site.pages[source].section, default: []].append(values.summaries[source])
        }
        var referencedBy: [String: MustacheValue] = [:]
        for (section, items) in bySection {
            referencedBy[section] = .list(items)
            referencedBy["has" + section.prefix(1).uppercased() + section.dropFirst()] = .bool(true)
        }
        page["referencedBy"] = .object(referencedBy)
    }

    /// The switcher (`translations`), `hreflang` alternates and OpenGraph locales.
    /// Page 2 and on of a list say which page they are, in the title and the heading, so that
    /// no two pages share a title: ニュース（2ページ目） / News, page 2.
    private func numbered(_ title: MustacheValue, _ number: Int, lang: String) -> MustacheValue {
        guard number > 1, let text = title.text else { return title }
        return .string(site.config.isJapanese(lang) ? "\(text)（\(number)ページ目）" : "\(text), page \(number)")
    }

    /// The card social networks show for the page: its own image (a front matter field of type
    /// `image`), else its section's (the section page's), else the site's.
    private func socialImage(info: JobInfo) -> MustacheValue? {
        let catalog = images.catalog
        guard !catalog.images.isEmpty else { return nil }
        func image(of page: PageID?) -> String? {
            guard let page else { return nil }
            let p = site.pages[page]
            let fields = site.config.model.section(p.section).fields.filter { $0.type == .image }
            return fields.lazy.compactMap { p.frontMatter[$0.name]?.text }.first { !$0.isEmpty }
        }
        let section = site.section(info.section, lang: info.lang)?.indexPage
        let own = image(of: info.page) ?? image(of: section)
        guard let url = own ?? catalog.siteImage, let entry = catalog.images[url] else { return nil }
        // The largest variant in the image's own format: every network reads JPEG and PNG.
        let card = entry.variants.last { !$0.isWebP } ?? entry.variants.last
        let siteTitle = site.config.language(info.lang)?.title ?? ""
        let alt = own != nil ? info.page.map { site.pages[$0].title } ?? siteTitle : siteTitle
        return .object([
            "url": .string(site.config.origin + (card?.url ?? entry.url)),
            "width": .int(card?.width ?? entry.width), "height": .int(card?.height ?? entry.height),
            "alt": .string(alt),
        ])
    }

    /// A page's rendered Markdown for the templates: the bytes as they are, unless the site
    /// has images or documents to rewrite into it (which works on text).
    private func pageContent(_ html: [UInt8], lang: String) -> MustacheValue {
        if html.isEmpty { return .null }
        let catalog = images.catalog
        guard !catalog.images.isEmpty || !catalog.documents.isEmpty else { return .htmlBytes(html) }
        let text = images.apply(String(decoding: html, as: UTF8.self))
        return .html(DocumentMarkup(documents: catalog.documents).apply(text, japanese: site.config.isJapanese(lang)))
    }

    private func addLanguageLinks(info: JobInfo, into page: inout [String: MustacheValue]) {
        let config = site.config
        var switcher: [MustacheValue] = []
        var alternates: [MustacheValue] = []
        for language in config.languages {
            if let url = info.translations[language.code] {
                switcher.append(
                    .object([
                        "lang": .string(language.code), "name": .string(language.name), "url": .string(url),
                        "current": .bool(language.code == info.lang), "missing": .bool(false),
                    ]))
                alternates.append(.object(["hreflang": .string(language.code), "href": .string(config.origin + url)]))
            } else if config.missingTranslations == .notice, info.page != nil || info.kind == .sectionIndex {
                let fallback =
                    info.section == "tags"
                    ? site.languageRoot(language.code) + "tags/"
                    : site.section(info.section, lang: language.code)?.url ?? site.languageRoot(language.code)
                switcher.append(
                    .object([
                        "lang": .string(language.code), "name": .string(language.name), "url": .string(fallback),
                        "current": .bool(false), "missing": .bool(true),
                    ]))
            }
        }
        if alternates.count > 1, let url = info.translations[config.defaultLanguage] {
            alternates.append(.object(["hreflang": .string("x-default"), "href": .string(config.origin + url)]))
        }
        page["translations"] = .list(switcher)
        page["alternates"] = .list(alternates.count > 1 ? alternates : [])
        let locale = { (code: String) in config.language(code)?.locale ?? code }
        page["ogLocale"] = .string(locale(info.lang))
        page["ogLocaleAlternates"] = .list(
            info.translations.keys.filter { $0 != info.lang }.sorted().map { .string(locale($0)) })
    }

    private func addList(section: Section, number: Int, into context: inout [String: MustacheValue]) {
        let lang = section.lang
        switch section.settings.group {
        case .none:
            let size = site.config.paginate
            context["pages"] = .list(
                section.listing.dropFirst((number - 1) * size).prefix(size).map { listItem($0, lang: lang) })
            context["pagination"] = pagination(
                base: section.url, number: number, total: planner.pagination.pageCount(of: section))
        case .fiscalYear:
            let items = section.listing.map { listItem($0, lang: lang) }
            context["pages"] = .list(items)
            // Events to come form a group of their own at the top, whatever their 年度.
            let next = i18n[lang]?["upcoming"]?.text ?? "Upcoming"
            context["groups"] = groups(items) { $0["upcoming"] == .bool(true) ? next : $0["fiscalYear"]?.text ?? "—" }
        case .kanaRow:
            let items = section.listing.map { listItem($0, lang: lang) }
            context["pages"] = .list(items)
            let reading = site.config.model.section(section.name).field(role: .reading)?.name ?? ""
            context["groups"] = groups(items) { item in
                site.config.isJapanese(lang)
                    ? Gojuon.row(of: item[reading]?.text ?? "") ?? "—"
                    : String((item["title"]?.text ?? "").prefix(1)).uppercased()
            }
        }
    }

    /// A page's summary as a list item; a page of another language stands in for a missing
    /// translation and says so.
    private func listItem(_ i: PageID, lang: String) -> MustacheValue {
        let pageLang = site.pages[i].lang
        guard pageLang != lang, case .object(var object) = values.summaries[i] else { return values.summaries[i] }
        object["untranslated"] = .bool(true)
        object["availableIn"] = .string(site.config.language(pageLang)?.name ?? pageLang)
        object["availableLang"] = .string(pageLang)
        return .object(object)
    }

    /// Consecutive items with the same label form a group, in list order.
    private func groups(_ items: [MustacheValue], label: (MustacheValue) -> String) -> MustacheValue {
        var result: [(String, [MustacheValue])] = []
        for item in items {
            let name = label(item)
            if result.last?.0 == name { result[result.count - 1].1.append(item) } else { result.append((name, [item])) }
        }
        return .list(result.map { .object(["label": .string($0.0), "pages": .list($0.1), "count": .int($0.1.count)]) })
    }

    private func pagination(base: String, number: Int, total: Int) -> MustacheValue {
        guard total > 1 else { return .null }
        let url = { (n: Int) in Pagination.pageURL(base, n) }
        var pages: [MustacheValue] = []
        var previous = 0
        for n in Self.pagerNumbers(current: number, total: total) {
            if n > previous + 1 { pages.append(.object(["gap": .bool(true)])) }
            pages.append(
                .object(["number": .int(n), "url": .string(url(n)), "current": .bool(n == number), "gap": .bool(false)])
            )
            previous = n
        }
        var object: [String: MustacheValue] = ["current": .int(number), "total": .int(total), "pages": .list(pages)]
        if number > 1 { object["prev"] = .string(url(number - 1)) }
        if number < total { object["next"] = .string(url(number + 1)) }
        return .object(object)
    }

    /// The page numbers a pager shows, as Hugo's terse pager does: every page of a short list;
    /// of a long one the first, the last and two either side of the current page (a gap of
    /// one page is shown as that page). Listing every page would make each page of a
    /// 1,000-page list carry 1,000 links: output quadratic in the list's length.
    static func pagerNumbers(current: Int, total: Int) -> [Int] {
        guard total > 9 else { return Array(1...max(1, total)) }
        var shown = Set([1, total]).union(max(1, current - 2)...min(total, current + 2))
        if shown.contains(3) { shown.insert(2) }
        if shown.contains(total - 2) { shown.insert(total - 1) }
        return shown.sorted()
    }

    /// The section's own feed and, for events, its calendar to subscribe to.
    private func listLinks(_ section: Section) -> [MustacheValue] {
        let model = site.config.model
        let words = i18n[section.lang]
        var links: [MustacheValue] = []
        if model.section(section.name).isEvents && !section.pages.isEmpty {
            links.append(
                .object([
                    "url": .string(section.url + EventValues.calendarName), "type": .string("text/calendar"),
                    "name": words?["subscribeCalendar"] ?? .string("iCalendar"),
                ]))
        }
        if model.feedSections.contains(section.name) {
            links.append(
                .object([
                    "url": .string(section.url + "feed.xml"), "type": .string("application/atom+xml"),
                    "name": words?["sectionFeed"] ?? .string("Atom"),
                ]))
        }
        return links
    }
}
