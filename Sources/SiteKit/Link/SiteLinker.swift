import Foundation

/// Link stage: gives every page its URL, pairs translations, gathers sections and finds
/// pages that claim the same URL.
struct SiteLinker: Sendable {
    var includeDrafts: Bool
    /// The build's moment: what is published, which events are to come.
    var schedule: Schedule

    init(includeDrafts: Bool = false, schedule: Schedule = Schedule(now: Int.max / 2)) {
        self.includeDrafts = includeDrafts
        self.schedule = schedule
    }

    /// The page's 最終更新日: its `lastmod`, else its file's day (`FileDates`).
    static func updated(_ page: Page, _ dates: FileDates, now: Int) -> SiteDate? {
        page.lastmod ?? dates.updated(page.sourcePath, now: now)
    }

    func link(_ loaded: LoadedSite) -> LinkedSite {
        let config = loaded.config
        var schedule = self.schedule
        schedule.model = config.model
        var included = loaded.pages.filter { (includeDrafts || !$0.draft) && schedule.isPublished($0) }
        // The loader keeps the scanner's sorted order; sorting Pages again only moves them.
        if !included.indices.dropFirst().allSatisfy({ included[$0 - 1].sourcePath < included[$0].sourcePath }) {
            included.sort { $0.sourcePath < $1.sourcePath }
        }
        // Each page gets a copy of its fields with the URL (the load cache keeps the original).
        let now = schedule.now
        let pages = included.parallelMap { page in
            var page = page
            let tail = page.relativeURLPath
            page.url = config.basePath + page.lang + "/" + (tail.isEmpty ? "" : tail + "/")
            page.updated = Self.updated(page, loaded.fileDates, now: now)
            return page
        }
        let recency = Self.recency(pages)
        let upcoming = Set(pages.pageIDs.filter { schedule.isUpcoming(pages[$0]) })
        // Two independent halves on the two cores: checks and tags, and the lookups with the
        // sections and references built on them.
        // (The page URLs, and which are duplicates, go with the lookups: the tags are the longer
        // of the two halves.)
        let (checked, (indexed, urls)) = concurrently(
            {
                (
                    problems: FrontMatterRules.problems(pages, config: config),
                    tags: TagCollector.collect(pages, config: config, recency: recency)
                )
            },
            {
                (index(pages, config: config, recency: recency, upcoming: upcoming), pageURLs(pages))
            })
        var site = LinkedSite(
            root: loaded.root, config: config, pages: pages, sections: indexed.sections,
            tags: checked.tags, references: indexed.references,
            byContentPath: indexed.byContentPath, byTranslationKey: indexed.byTranslationKey,
            recency: recency, diagnostics: loaded.diagnostics + urls.problems + checked.problems + indexed.problems)
        site.schedule = schedule
        site.upcoming = upcoming
        site.related = RelatedPages.collect(
            pages, config: config, references: indexed.references, tags: checked.tags, recency: recency)
        site.series = SeriesPlace.collect(pages, schedule: schedule)
        let reserved = ReservedOutputs(site)
        site.diagnostics += Self.pagesOnReservedOutputs(pages, reserved)
        let (aliases, aliasProblems) = AliasRules.collect(
            pages, claimed: urls.claimed, reserved: reserved, basePath: config.basePath)
        site.aliases = aliases
        site.diagnostics += aliasProblems
        return site
    }

    /// An error at each page whose URL is a list's, a generated page's or a generated file's
    /// (a WordPress page named `news`, `tags`, `search` or `feed.xml`).
    static func pagesOnReservedOutputs(_ pages: [Page], _ reserved: ReservedOutputs) -> [Diagnostic] {
        pages.pageIDs.compactMap { i in
            let page = pages[i]
            // A home's and a list's own text are at the address they describe.
            guard page.kind == .single || page.kind == .standalone, let what = reserved.conflict(page.url) else {
                return nil
            }
            let position = page.frontMatter.positions["slug"] ?? SourcePosition(line: 1, column: 1)
            return .error(
                page.sourcePath, position.line, position.column,
                "the page's URL \(page.url) is taken by \(what): rename the file or give the page another `slug`")
        }
    }

    private struct Index: Sendable {
        var byContentPath: [String: [String: PageID]] = [:]
        var byTranslationKey: [String: [String: PageID]] = [:]
        var sections: [Section] = []
        var references = References()
        var problems: [Diagnostic] = []
    }

    private func index(_ pages: [Page], config: SiteConfig, recency: [Int], upcoming: Set<PageID>) -> Index {
        var index = Index()
        for i in pages.pageIDs {
            let page = pages[i]
            index.byContentPath[page.contentPath, default: [:]][page.lang] = i
            if let other = index.byTranslationKey[page.translationKey]?[page.lang] {
                let position = page.frontMatter.positions["translationKey"] ?? SourcePosition(line: 1, column: 1)
                index.problems.append(
                    .error(
                        page.sourcePath, position.line, position.column,
                        "translation key `\(page.translationKey)` in `\(page.lang)` is already used by \(pages[other].sourcePath)"
                    ))
            }
            index.byTranslationKey[page.translationKey, default: [:]][page.lang] = i
        }
        let (sections, sectionProblems) = collectSections(
            pages, config: config, byTranslationKey: index.byTranslationKey,
            recency: recency, upcoming: upcoming)
        index.sections = sections
        index.problems += sectionProblems
        let (references, referenceProblems) = References.collect(
            pages, config: config, byContentPath: index.byContentPath,
            recency: recency)
        index.references = references
        index.problems += referenceProblems
        return index
    }

    /// Each page URL and the page that has it (the first in source order), and an error for
    /// each page whose URL another page has too.
    private func pageURLs(_ pages: [Page]) -> (claimed: [String: String], problems: [Diagnostic]) {
        var first: [String: Int] = [:]
        first.reserveCapacity(pages.count)
        var shared: [String: [Int]] = [:]
        for (i, page) in pages.enumerated() {
            if let owner = first[page.url] {
                shared[page.url, default: [owner]].append(i)
            } else {
                first[page.url] = i
            }
        }
        var problems: [Diagnostic] = []
        for (url, owners) in shared {
            for i in owners {
                let others = owners.filter { $0 != i }.map { pages[$0].sourcePath }.joined(separator: ", ")
                let position = pages[i].frontMatter.positions["slug"] ?? SourcePosition(line: 1, column: 1)
                problems.append(
                    .error(
                        pages[i].sourcePath, position.line, position.column,
                        "two pages claim the URL \(url): this one and \(others)"))
            }
        }
        return (first.mapValues { pages[$0].sourcePath }, problems)
    }

    private func collectSections(
        _ pages: [Page], config: SiteConfig, byTranslationKey: [String: [String: PageID]],
        recency: [Int], upcoming: Set<PageID>
    ) -> ([Section], [Diagnostic]) {
        var members: [LanguageKey: [PageID]] = [:]
        var indexPages: [LanguageKey: PageID] = [:]
        // A declared section is a list from the start, saying it has nothing yet: a new site's
        // menus and links to it work before its first page is written or imported.
        var names = Set(config.model.sections.keys.filter { !$0.isEmpty })
        for i in pages.pageIDs where pages[i].kind == .single || pages[i].kind == .sectionIndex {
            let page = pages[i]
            names.insert(page.section)
            if page.kind == .sectionIndex {
                indexPages[LanguageKey(lang: page.lang, name: page.section)] = i
            } else {
                members[LanguageKey(lang: page.lang, name: page.section), default: []].append(i)
            }
        }
        var diagnostics: [Diagnostic] = []
        var sections: [Section] = []
        for name in names.sorted() {
            let settings = config.settings(forSection: name)
            let events = config.model.section(name).isEvents
            let reading = config.model.section(name).field(role: .reading)?.name
            if settings.order == .reading, let reading {
                diagnostics += readingProblems(pages, section: name, field: reading)
            }
            for lang in config.languageCodes {
                let id = LanguageKey(lang: lang, name: name)
                var own = sorted(
                    members[id] ?? [], pages, settings: settings, reading: reading, japanese: config.isJapanese(lang),
                    recency: recency)
                if events { own = Self.upcomingFirst(own, upcoming: upcoming) }
                var untranslated: [PageID] = []
                if config.missingTranslations == .notice {
                    let others = config.languageCodes.filter { $0 != lang }.flatMap {
                        members[LanguageKey(lang: $0, name: name)] ?? []
                    }
                    let missing = others.filter { byTranslationKey[pages[$0].translationKey]?[lang] == nil }
                    // One entry per translation key: the first language in site.yaml's order that has it.
                    var seen: Set<String> = []
                    untranslated = sorted(
                        missing.filter { seen.insert(pages[$0].translationKey).inserted }, pages, settings: settings,
                        reading: reading, japanese: config.isJapanese(lang), recency: recency)
                }
                guard !own.isEmpty || indexPages[id] != nil || !untranslated.isEmpty || config.model.declares(name)
                else { continue }
                sections.append(
                    Section(
                        name: name, lang: lang, url: config.basePath + lang + "/" + name + "/",
                        indexPage: indexPages[id], pages: own, untranslated: untranslated,
                        settings: settings, newest: own.compactMap { pages[$0].date }.max(),
                        listing: Self.listing(
                            own, untranslated, settings: settings, recency: recency,
                            upcoming: events ? upcoming : nil)))
            }
        }
        return (sections, diagnostics)
    }

    private func sorted(
        _ indices: [PageID], _ pages: [Page], settings: SectionSettings, reading: String?, japanese: Bool,
        recency: [Int]
    ) -> [PageID] {
        switch settings.order {
        case .date:
            return indices.sorted { recency[$0] < recency[$1] }
        case .reading where japanese:
            let readings = indices.map { pages[$0].frontMatter[reading ?? ""]?.text ?? "" }
            let keys = readings.map(Gojuon.primaryKey)
            return indices.indices.sorted { a, b in
                if let ka = keys[a], let kb = keys[b], ka != kb { return ka.lexicographicallyPrecedes(kb) }
                return Gojuon.precedes(
                    readings[a], readings[b], tieBreak: (pages[indices[a]].sourcePath, pages[indices[b]].sourcePath))
            }.map { indices[$0] }
        case .reading, .title:
            let english = Locale(identifier: "en_US")
            return indices.sorted {
                let a = pages[$0].title
                let b = pages[$1].title
                let order = a.compare(b, options: [.caseInsensitive], range: nil, locale: english)
                return order == .orderedSame ? pages[$0].sourcePath < pages[$1].sourcePath : order == .orderedAscending
            }
        }
    }

    /// A section's own pages with its untranslated ones: by date, they take their place in
    /// the date order; in the other orders they follow the section's own pages.
    static func listing(
        _ own: [PageID], _ untranslated: [PageID], settings: SectionSettings, recency: [Int],
        upcoming: Set<PageID>? = nil
    ) -> [PageID] {
        guard !untranslated.isEmpty else { return own }
        let all = own + untranslated
        guard settings.order == .date else { return all }
        let byDate = all.sorted { recency[$0] < recency[$1] }
        return upcoming.map { upcomingFirst(byDate, upcoming: $0) } ?? byDate
    }

    /// Events still to come first, soonest first, then past ones as they were (newest first
    /// when the list is by date).
    static func upcomingFirst(_ ids: [PageID], upcoming: Set<PageID>) -> [PageID] {
        guard !upcoming.isEmpty else { return ids }
        let next = ids.filter { upcoming.contains($0) }
        return next.reversed() + ids.filter { !upcoming.contains($0) }
    }

    private func readingProblems(_ pages: [Page], section: String, field: String) -> [Diagnostic] {
        pages.filter { $0.section == section && $0.kind == .single }.compactMap { page in
            let reading = page.frontMatter[field]?.text ?? ""
            if Gojuon.isValidReading(reading) { return nil }
            let p = page.frontMatter.positions[field] ?? SourcePosition(line: 1, column: 1)
            return .error(
                page.sourcePath, p.line, p.column,
                reading.isEmpty
                    ? "missing `\(field)`: pages in `\(section)` are ordered by their reading in hiragana (e.g. よこはまし)"
                    : "`\(field)` must be hiragana only, not `\(reading)`")
        }
    }

    /// Each page's place in the newest-first order, so that lists sort by one integer.
    /// Newest first; undated pages after dated ones, by title; the source path breaks ties
    /// so that the order never depends on the file system.
    static func recency(_ pages: [Page]) -> [Int] {
        let dates = pages.map(\.date)
        let titles = pages.map(\.title)
        let order = pages.indices.sorted { a, b in
            switch (dates[a], dates[b]) {
            case (let x?, let y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return titles[a] != titles[b] ? titles[a] < titles[b] : a < b  // indices follow source paths
            }
        }
        var rank = [Int](repeating: 0, count: pages.count)
        for (position, i) in order.enumerated() { rank[i] = position }
        return rank
    }
}
