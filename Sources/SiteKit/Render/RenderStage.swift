import Mustache

/// Render: the values templates see (`PageValues`), a renderer that lays out any job with its
/// template (`PageRenderer`; the write stage has it render each page as it writes it, so the
/// rendered site is never held in memory), the files beside the pages (root page, feeds,
/// calendars, sitemap, redirects, robots.txt), and, when the output as the last build left it
/// is known, which jobs an edit made stale (`ChangePlanner`, comparing each page's record of
/// what it shows with the snapshot's).
struct RenderStage {
    var library: TemplateLibrary
    var i18n: [String: MustacheValue]
    var media: MediaCatalog
    /// What every page depends on (`SiteBuilder.globalKey`).
    var globalKey: UInt64
    /// HTML put before `</body>` of every page (the preview's reload script).
    var injection: [UInt8]?
    /// The files of `Public/`: one there replaces the built-in robots.txt.
    var publicFiles: [String]
    /// The stylesheets and scripts, for `assets.<path>` in templates.
    var assets = Assets()

    /// Kept by a long-running process for the next body edit.
    struct Memory: Sendable {
        var values: PageValues?
        var records: [BuildSnapshot.PageRecord] = []
        /// sitemap.xml, which only changes with the pages' URLs and translations.
        var sitemap: [UInt8]?
    }

    /// Updating files in place costs more than writing the whole site anew into a fresh
    /// folder once this share of the jobs is stale (with at least `minimumInPlace` allowed).
    static let inPlaceShare = 4
    static let minimumInPlace = 64

    /// - Parameter output: the snapshot of the output as it is, when the write stage found it
    ///   to be the last build's; nil means the whole site is written anew.
    func run(
        _ linked: LinkStage.Output, _ markdown: [MarkdownResult], plan: SitePlan, output: BuildSnapshot?,
        memory: inout Memory
    ) throws(BuildFailure) -> RenderedSite {
        let (site, edited) = (linked.site, linked.editedBodies)
        let lastValues = edited != nil ? memory.values : nil
        let values =
            lastValues?.updating(site: site, markdown: markdown, changed: edited ?? [], i18n: i18n)
            ?? PageValues(site: site, markdown: markdown, i18n: i18n)
        var renderer = PageRenderer(
            site: site, values: values, library: library, i18n: i18n, media: media, assets: assets)
        renderer.injection = injection

        var records: [BuildSnapshot.PageRecord]
        let sitemap: [UInt8]
        if let edited, lastValues != nil, let kept = memory.sitemap, memory.records.count == site.pages.count {
            // Moved out while they change, so that the array is not copied.
            records = memory.records
            memory.records = []
            for i in edited { records[i] = Self.record(of: i, site: site, values: values) }
            sitemap = kept
        } else {
            // The sitemap is one file written by one thread: made beside the records, not after.
            let (made, madeSitemap) = concurrently(
                { site.pages.pageIDs.parallelMap { i in Self.record(of: i, site: site, values: values) } },
                { [library] in
                    Result { () throws(BuildFailure) in
                        try Self.sitemap(site: site, plan: plan, library: library)
                    }
                })
            records = made
            sitemap = try madeSitemap.get()
        }
        // A page's HTML also changes with the images it shows (their sizes and variants).
        for (i, key) in media.pageKeys {
            records[i].bodyHash = ContentHasher.hash(values.markdown[i].html) &+ key &+ Self.neighbourhood(of: i, site)
        }
        memory = Memory(values: values, records: records, sitemap: sitemap)

        let sections = Set(site.sections.map { $0.lang + "/" + $0.name })
        let stale = output.flatMap { old -> [JobID]? in
            guard
                case .jobs(let selected) = ChangePlanner(
                    site: site, jobs: plan.jobs, infos: plan.infos, records: records
                )
                .plan(since: old, globalKey: globalKey, sections: sections, onlyBodiesOf: edited),
                selected.count <= max(Self.minimumInPlace, plan.jobs.count / Self.inPlaceShare)
            else { return nil }
            return selected
        }
        let files = try siteFiles(site, renderer: renderer, sitemap: sitemap)
        return RenderedSite(
            renderer: renderer, records: records, sections: sections, stale: stale, files: files)
    }

    /// Everything a page shows of itself to other pages, for deciding what to render again.
    static func record(of i: PageID, site: LinkedSite, values: PageValues) -> BuildSnapshot.PageRecord {
        let page = site.pages[i]
        let references = (site.references.outgoing[i] ?? [:]).sorted { $0.key < $1.key }.flatMap(\.value)
        return BuildSnapshot.PageRecord(
            summaryHash: ContentHasher.hash(values.summaries[i]),
            bodyHash: ContentHasher.hash(values.markdown[i].html) &+ neighbourhood(of: i, site),
            contentPath: page.contentPath, lang: page.lang,
            section: page.section, translationKey: page.translationKey,
            tags: page.tags,
            references: references)
    }

    /// Which pages a page shows as related and as its series' previous and next, by source
    /// path: counted with its body, which only its own page shows, so that a list that changed
    /// renders it again (and what those pages show of themselves is their summaries, whose
    /// change `ChangePlanner` follows back to it).
    static func neighbourhood(of i: PageID, _ site: LinkedSite) -> UInt64 {
        guard site.related[i] != nil || site.series[i] != nil else { return 0 }
        let place = site.series[i]
        let paths = [
            (site.related[i] ?? []).map { site.pages[$0].sourcePath },
            [place?.previous, place?.next].map { $0.map { site.pages[$0].sourcePath } ?? "" },
        ]
        return ContentHasher.hash(paths.map { $0.joined(separator: "\n") }.joined(separator: "\u{0}"))
    }

    static func sitemap(site: LinkedSite, plan: SitePlan, library: TemplateLibrary) throws(BuildFailure) -> [UInt8] {
        let entries = zip(plan.jobs, plan.infos).filter { $0.0.isContent }.map { _, info in
            SitemapWriter.Entry(url: info.url, lastmod: info.lastmod, alternates: info.translations)
        }
        return try SitemapWriter(site: site, library: library).sitemap(entries)
    }

    /// The files beside the pages: the root language page, feeds, calendars, the map, the
    /// sitemap, the host redirect files, and robots.txt unless Public/ has one.
    /// Small, so they are made again on every build.
    private func siteFiles(_ site: LinkedSite, renderer: PageRenderer, sitemap: [UInt8]) throws(BuildFailure)
        -> [(path: String, bytes: [UInt8])]
    {
        var root = try RootPage.html(site: site, library: library)
        if let injection { PageRenderer.inject(injection, into: &root) }
        var files: [(path: String, bytes: [UInt8])] = [(OutputNames.root, root)]
        let feeds = FeedWriter(site: site, values: renderer.values, library: library)
        for lang in site.config.languageCodes {
            files.append(("\(lang)/" + OutputNames.feed, try feeds.feed(lang: lang)))
        }
        for section in site.sections where site.config.model.feedSections.contains(section.name) {
            files.append(
                (
                    "\(section.lang)/\(section.name)/" + OutputNames.feed,
                    try feeds.feed(lang: section.lang, section: section.name)
                ))
        }
        files += CalendarWriter(site: site, values: renderer.values).files()
        if let outlines = site.config.map { files.append((JapanMap.fileName, JapanMap(outlines: outlines).baseSVG())) }
        files.append((OutputNames.sitemap, sitemap))
        files += RedirectFiles.files(site: site)
        files += try AdminPage.files(site: site, library: library, i18n: i18n)
        if !publicFiles.contains(OutputNames.robots) {
            files.append((OutputNames.robots, try RootPage.robots(site: site, library: library)))
        }
        return files
    }
}

/// The render stage's answer: what the write stage writes.
struct RenderedSite {
    /// Renders each job as the write stage writes it.
    var renderer: PageRenderer
    /// What each page shows of itself to other pages, by page index: the next build's
    /// snapshot compares them to find what an edit makes stale.
    var records: [BuildSnapshot.PageRecord]
    /// `lang/section` of every section that exists: one that comes or goes changes every menu.
    var sections: Set<String>
    /// The jobs an edit made stale when the output can be updated in place; nil when the
    /// whole site is written anew.
    var stale: [JobID]?
    /// The files beside the pages, made in full.
    var files: [(path: String, bytes: [UInt8])]
}
