import Foundation
import Mustache

/// The whole pipeline: load → link → parse → render → write.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var source: URL
        public var output: URL
        public var baseURL: String?
        public var includeDrafts: Bool
        public var configFile: URL?
        public var templates: URL?
        /// Where the build cache lives (`.iclei-cache/` beside Content/); nil keeps no cache.
        public var cacheFolder: URL?
        /// Ignore the cache and write the whole site anew.
        public var clean = false
        /// HTML put before `</body>` of every page: the preview server's reload script.
        /// Never set by `build`.
        public var htmlInjection: String?
        /// Leave the output a full build replaced in `BuildCache` until
        /// `removeReplacedOutputs()`, so a caller can act on the new site first.
        public var deferRemovingOldOutput = false
        /// Keep the pages' Markdown text after the checks, for the next build in this process
        /// (the preview server). A one-shot build (`iclei-site build`) frees it.
        public var keepSourcesInMemory = true

        public init(
            source: URL, output: URL? = nil, baseURL: String? = nil, includeDrafts: Bool = false,
            configFile: URL? = nil, templates: URL? = nil
        ) {
            self.configFile = configFile
            self.templates = templates
            self.source = source.standardizedFileURL
            self.output = (output ?? source.appendingPathComponent("Output")).standardizedFileURL
            self.baseURL = baseURL
            self.includeDrafts = includeDrafts
            self.cacheFolder = source.standardizedFileURL.appendingPathComponent(".iclei-cache")
        }
    }

    public struct Report: Sendable {
        public var pagesPerLanguage: [(lang: String, count: Int)]
        public var filesCopied: Int
        public var seconds: Double
        public var warnings: [Diagnostic]
        public var translations: TranslationReport
        public var timings: StageClock
        /// Set when the build updated the previous output instead of writing a new one.
        public var incremental: IncrementalSummary?

        public struct IncrementalSummary: Sendable {
            public var rendered: Int
            public var written: Int
            public var removed: Int
            /// Output files that changed, relative to the output root.
            public var changedPaths: [String]
        }

        public var summary: String {
            let pages = pagesPerLanguage.map { "\($0.count) \($0.lang)" }.joined(separator: ", ")
            var line = "built \(pages) pages, copied \(filesCopied) files in \(String(format: "%.3f", seconds)) s"
            if let incremental {
                line +=
                    " (incremental: rendered \(incremental.rendered), wrote \(incremental.written), removed \(incremental.removed))"
            }
            let missing = translations.missingPerSection
            if !missing.isEmpty {
                line += "; missing translations: " + missing.map { "\($0.section) \($0.count)" }.joined(separator: ", ")
            }
            return line
        }
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    @discardableResult
    public func build() throws(BuildFailure) -> Report {
        var cache = BuildCache()
        return try build(cache: &cache)
    }

    /// Builds with what the previous build left: the snapshot of its output (kept in
    /// `cacheFolder`, or in `cache` by a long-running process such as the preview server),
    /// pages read and Markdown rendered before. When the previous output is still the one the
    /// snapshot describes, only the files whose inputs changed are rendered and replaced;
    /// otherwise the whole site is written anew into a staging folder and swapped in.
    @discardableResult
    public func build(cache: inout BuildCache) throws(BuildFailure) -> Report {
        let started = DispatchTime.now()
        cache.removeReplacedOutputs()
        try checkOutputLocation()
        let store = options.cacheFolder.map { SnapshotStore(folder: $0, output: options.output) }
        if options.clean { cache.snapshot = nil } else if cache.snapshot == nil { cache.snapshot = store?.load() }
        var prepared = try prepare(cache: &cache)
        let site = prepared.site
        let renderer = prepared.renderer
        let jobs: [RenderJob]
        let infos: [JobInfo]
        let records: [BuildSnapshot.PageRecord]
        if let changed = prepared.changedBodies, let previousJobs = cache.linked?.jobs, !previousJobs.isEmpty {
            // Same pages, URLs and lists as last time: only the edited pages' records change.
            // The records are moved out of the cache while they change, so none is copied.
            (jobs, infos) = (previousJobs, cache.linked?.infos ?? [])
            var updated = cache.linked?.records ?? []
            cache.linked?.records = []
            for i in changed { updated[i] = Self.record(of: i, site: site, values: renderer.values) }
            records = updated
        } else {
            let planner = JobPlanner(site: site)
            jobs = planner.allJobs().filter { $0 != .notFound || renderer.library.contains("404") }
            infos = jobs.parallelMap { planner.info($0) }
            records = site.pages.indices.parallelMap { i in Self.record(of: i, site: site, values: renderer.values) }
        }
        if prepared.changedBodies == nil || cache.linked?.sitemap == nil {
            cache.linked?.sitemap = try Self.sitemap(site: site, jobs: jobs, infos: infos, library: renderer.library)
        }
        cache.linked?.jobs = jobs
        cache.linked?.infos = infos
        cache.linked?.records = records
        let sections = Set(site.sections.map { $0.lang + "/" + $0.name })
        let globalKey = prepared.globalKey
        prepared.clock.lap("plan")
        var state = BuildState(site: site, renderer: renderer, jobs: jobs, infos: infos, warnings: prepared.warnings)
        state.sitemap = cache.linked?.sitemap

        var previous = cache.snapshot
        cache.snapshot = nil
        store?.invalidate()  // until this build has succeeded, no snapshot describes the output
        var snapshot = BuildSnapshot(globalKey: globalKey, buildID: 0, outputs: [:], pages: [:], sections: sections)
        var incremental: Report.IncrementalSummary?
        let selected = previous.flatMap { old -> [Int]? in
            guard SiteWriter.buildID(of: options.output) == old.buildID,
                case .jobs(let selected) = ChangePlanner(site: site, jobs: jobs, infos: infos, records: records)
                    .plan(since: old, globalKey: globalKey, sections: sections, onlyBodiesOf: prepared.changedBodies),
                selected.count <= max(64, jobs.count / 4)
            else { return nil }
            return selected
        }
        if let selected, var old = previous {
            // The previous snapshot's tables are moved, then updated in place: copying or
            // building them anew took a fifth of a one-file rebuild.
            previous = nil
            if let changed = prepared.changedBodies, old.pages.count == site.pages.count {
                swap(&snapshot.pages, &old.pages)
                for i in changed { snapshot.pages[site.pages[i].sourcePath] = records[i] }
            } else {
                snapshot.pages = Self.pageRecords(site: site, records: records)
            }
            swap(&snapshot.outputs, &old.outputs)
            let update = try updateOutput(state, selected: selected, outputs: &snapshot.outputs)
            snapshot.buildID = old.buildID
            incremental = update.summary
            state.copied = update.copied
        } else {
            snapshot.pages = Self.pageRecords(site: site, records: records)
            snapshot.buildID = UInt64.random(in: 1...UInt64.max)
            let written = try writeWholeSite(&state, buildID: snapshot.buildID)
            snapshot.outputs = written
            if let old = state.replacedOutput { cache.replacedOutputs.append(old) }
        }
        prepared.clock.lap("render+write")
        cache.snapshot = snapshot
        store?.save(snapshot)
        prepared.clock.lap("cache")
        let perLanguage = site.config.languageCodes.map { code in
            (
                lang: code,
                count: jobs.indices.reduce(0) { $0 + (jobs[$1] != .notFound && infos[$1].lang == code ? 1 : 0) }
            )
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return Report(
            pagesPerLanguage: perLanguage, filesCopied: state.copied, seconds: seconds,
            warnings: prepared.warnings, translations: TranslationReport(site: site), timings: prepared.clock,
            incremental: incremental)
    }

    /// The snapshot's records by source path.
    static func pageRecords(site: LinkedSite, records: [BuildSnapshot.PageRecord]) -> [String: BuildSnapshot.PageRecord]
    {
        Dictionary(zip(site.pages.map(\.sourcePath), records), uniquingKeysWith: { a, _ in a })
    }

    /// Everything a page shows of itself to other pages, for deciding what to render again.
    static func record(of i: Int, site: LinkedSite, values: PageValues) -> BuildSnapshot.PageRecord {
        let page = site.pages[i]
        let references = (site.references.outgoing[i] ?? [:]).sorted { $0.key < $1.key }.flatMap(\.value)
        return BuildSnapshot.PageRecord(
            summaryHash: ContentHasher.hash(values.summaries[i]),
            bodyHash: ContentHasher.hash(values.markdown[i].html), contentPath: page.contentPath, lang: page.lang,
            section: page.section, translationKey: page.translationKey,
            tags: page.frontMatter["tags"]?.items.compactMap(\.text) ?? [],
            references: references)
    }

    /// What every page depends on: a change here renders everything again.
    func globalKey(config: SiteConfig) -> UInt64 {
        var hasher = ContentHasher()
        hasher.combine(Self.version)
        // The program itself: a rebuilt iclei-site may render differently.
        if let binary = FileSignature(path: "/proc/self/exe") {
            hasher.combine(Int(binary.size))
            hasher.combine(Int(binary.modified))
            hasher.combine(Int(binary.inode))
        }
        let configURL = options.configFile ?? options.source.appendingPathComponent(SiteConfig.path)
        hasher.combine(FileIO.read(configURL.path) ?? [])
        hasher.combine(options.baseURL ?? "")
        hasher.combine(options.includeDrafts ? 1 : 0)
        hasher.combine(options.htmlInjection ?? "")
        let templates = options.templates ?? options.source.appendingPathComponent("Templates")
        for file in ContentTree.files(below: templates) {
            hasher.combine(file)
            hasher.combine(FileIO.read(templates.path + "/" + file) ?? [])
        }
        return hasher.finalized
    }

    public static let version = "0.3.0"

    /// Every validation the build runs, and the missing translations, writing nothing.
    public func check() -> [Diagnostic] {
        do {
            let prepared = try prepare()
            return (prepared.warnings + TranslationReport(site: prepared.site).warnings + templateTypos(prepared))
                .sortedForReport()
        } catch {
            return error.diagnostics.sortedForReport()
        }
    }

    /// Renders every page in memory and warns about names that no page ever provided, at
    /// each place a template uses them: almost always a typo (`page.titel`).
    private func templateTypos(_ prepared: Prepared) -> [Diagnostic] {
        let renderer = prepared.renderer
        let planner = JobPlanner(site: prepared.site)
        let jobs = planner.allJobs().filter { $0 != .notFound || renderer.library.contains("404") }
        var usage = TemplateLibrary.NameUsage()
        for part in jobs.parallelMap({ renderer.nameUsage($0, info: planner.info($0)) }) { usage.merge(part) }
        // Front matter keys that only some pages have (declared fields, site.yaml `optionalKeys`) are not typos.
        let config = prepared.site.config
        let declared = config.model.sections.values.flatMap(\.fields).map(\.name) + ContentModel.commonKeys
        let optional = Set(
            ((config.values["optionalKeys"]?.items ?? []).compactMap(\.text) + declared).map { "page." + $0 })
        let folder = options.templates ?? options.source.appendingPathComponent("Templates")
        return TemplateNameLocator(folder: folder).places(of: usage.neverFound.subtracting(optional).sorted()).map {
            place in
            .warning(
                place.file, place.line, place.column,
                "`\(place.name)` is never defined for any page this template renders: a typo, or a front matter key no page has"
            )
        }
    }

    struct Prepared {
        var site: LinkedSite
        var renderer: PageRenderer
        var warnings: [Diagnostic]
        var clock: StageClock
        var globalKey: UInt64 = 0
        /// Set when only these pages' bodies changed since the last build (see `LinkedState`).
        var changedBodies: Set<Int>?
    }

    /// Everything up to rendering: any error here stops the build before a byte is written.
    func prepare() throws(BuildFailure) -> Prepared {
        var cache = BuildCache()
        return try prepare(cache: &cache)
    }

    func prepare(cache: inout BuildCache) throws(BuildFailure) -> Prepared {
        var clock = StageClock()
        // Whatever happens below, the linked state of the last build no longer matches what
        // the load cache has seen; it is put back only if this build gets through.
        let previous = cache.linked
        cache.linked = nil
        let (linked, changed, globalKey) = try loadAndLink(cache: &cache, previous: previous, clock: &clock)
        var site = linked
        var diagnostics = site.diagnostics
        let templateFolder = options.templates ?? options.source.appendingPathComponent("Templates")
        let templates = TemplateLoader(folder: templateFolder, languages: site.config.languageCodes).load()
        diagnostics += templates.diagnostics
        let markdownRenderer = MarkdownRenderer(allowRawHTML: site.config.allowRawHTML, limits: site.config.limits)
        let markdown =
            changed.map { cache.markdown.render(site, renderer: markdownRenderer, only: $0) }
            ?? cache.markdown.render(site, renderer: markdownRenderer)
        diagnostics += markdown.flatMap(\.diagnostics)
        clock.lap("templates+markdown")
        let publicFiles = Set(ContentTree.files(below: options.source.appendingPathComponent("Public")))
        var checker = LinkChecker(site: site, markdown: markdown, publicFiles: publicFiles)
        switch site.config.values["checks"]?["missingFiles"]?.text {
        case "warning": checker.missingFiles = .warning
        case "ignore": checker.missingFiles = nil
        default: break
        }
        var linkProblems: [Diagnostic]
        if let changed, let previous {
            // Other pages' links were checked last time; only links that can have broken are checked again.
            let pages = checker.pagesAffected(by: changed)
            let files = Set(pages.map { site.pages[$0].sourcePath })
            linkProblems = previous.linkProblems.filter { !files.contains($0.file) } + checker.check(pages: pages)
        } else {
            linkProblems = checker.check()
        }
        diagnostics += linkProblems
        // A body edit changes no URL or section: the menu was found sound by the last build.
        if changed == nil { diagnostics += MenuCheck.problems(site.config, pages: site.pages, sections: site.sections) }
        clock.lap("link check")
        if diagnostics.hasErrors { throw BuildFailure(diagnostics.sortedForReport()) }
        if !options.keepSourcesInMemory {
            // Every check has run: the Markdown text is not needed again in this process, and
            // freeing it keeps it out of the memory peak of rendering.
            cache.loaded = LoadCache()
            cache.markdown.entries = [:]
            site.pages = site.pages.map {
                var page = $0
                page.body = ""
                return page
            }
        }
        guard let library = templates.library else { throw BuildFailure(diagnostics.sortedForReport()) }
        let values: PageValues
        if let changed, let old = previous?.values {
            values = old.updating(site: site, markdown: markdown, changed: changed, i18n: templates.i18n)
        } else {
            values = PageValues(site: site, markdown: markdown, i18n: templates.i18n)
        }
        var renderer = PageRenderer(site: site, values: values, library: library, i18n: templates.i18n)
        renderer.injection = options.htmlInjection.map { Array($0.utf8) }
        clock.lap("values")
        var state = changed != nil ? previous! : LinkedState(site: site, globalKey: globalKey)
        state.site = site
        state.values = values
        state.linkProblems = linkProblems
        cache.linked = state
        return Prepared(
            site: site, renderer: renderer, warnings: diagnostics.sortedForReport(), clock: clock,
            globalKey: globalKey, changedBodies: changed)
    }

    /// Load and link stages; the loaded pages are not kept beyond this (see `keepSourcesInMemory`).
    private func loadAndLink(
        cache: inout BuildCache, previous: LinkedState?,
        clock: inout StageClock
    ) throws(BuildFailure) -> (LinkedSite, Set<Int>?, UInt64) {
        let loaded: LoadedSite
        var loader = ContentLoader(root: options.source, baseURLOverride: options.baseURL)
        loader.configFile = options.configFile
        switch loader.load(reusing: &cache.loaded) {
        case .success(let l): loaded = l
        case .failure(let f): throw f
        }
        clock.lap("load")
        let globalKey = self.globalKey(config: loaded.config)
        let bodyEdit = previous?.replacingBodies(
            from: loaded, fresh: cache.loaded.freshPaths,
            sameFiles: cache.loaded.sameFiles, globalKey: globalKey)
        let site = bodyEdit?.0 ?? SiteLinker(includeDrafts: options.includeDrafts).link(loaded)
        clock.lap("link")
        return (site, bodyEdit?.1, globalKey)
    }

    /// Refuses outputs that would replace the sources: the swap at the end moves the
    /// output folder away.
    private func checkOutputLocation() throws(BuildFailure) {
        let out = options.output.path
        let protected = ["", "/Content", "/Templates", "/Public"].map { options.source.path + $0 }
        for path in protected where path == out || path.hasPrefix(out + "/") {
            throw BuildFailure([
                .error(out, 1, 1, "the output folder must not be, or contain, the site's sources (\(path))")
            ])
        }
        if out == "/" { throw BuildFailure([.error(out, 1, 1, "the output folder cannot be /")]) }
    }
}
