import Foundation
import Mustache

/// The whole pipeline: load → link → parse → check → media → plan → render → index → write
/// (`Stage`), each stage with its own memory of the last build (`PreviousBuild`).
public struct SiteBuilder: Sendable {
    public var options: Options

    public init(options: Options) { self.options = options }

    @discardableResult
    public func build() throws(BuildFailure) -> Report {
        var previous = PreviousBuild()
        return try build(previous: &previous)
    }

    /// Builds with what the previous build left (kept in memory by the preview server, the
    /// output's snapshot also on disk in `cacheFolder`): each stage takes its input and its own
    /// memory, and decides itself what it can reuse. When the output is still the one the
    /// snapshot describes, only the files whose inputs changed are rendered and replaced;
    /// otherwise the whole site is written anew into a staging folder and swapped in.
    @discardableResult
    public func build(previous: inout PreviousBuild) throws(BuildFailure) -> Report {
        do {
            return try run(&previous)
        } catch {
            previous.forgetTheLinkedSite()
            throw error
        }
    }

    /// The stages in run order (`Stage`), each line one stage: through the checks (which
    /// `check` runs too), then what makes and writes the site.
    private func run(_ memory: inout PreviousBuild) throws(BuildFailure) -> Report {
        let started = DispatchTime.now()
        memory.removeReplacedOutputs()
        try checkOutputLocation()
        var clock = StageClock()
        let site = try checked(&memory, clock: &clock)  // load → link → parse → check → media
        let plan = clock.time(.plan) { PlanStage(library: site.library).run(site.linked, memory: &memory.plan) }
        let output = writeStage.snapshotOfOutput(memory: &memory.write, clean: options.clean)
        let rendered = try clock.time(.render) { () throws(BuildFailure) in
            try renderStage(site).run(site.linked, site.markdown, plan: plan, output: output, memory: &memory.render)
        }
        let index = clock.time(.index) {
            IndexStage(publicFiles: site.publicFiles, assets: site.assets, keeping: options.keepSourcesInMemory).run(
                site.linked, site.markdown, records: rendered.records, complete: rendered.stale == nil,
                memory: &memory.index)
        }
        let written = try clock.time(.write) { () throws(BuildFailure) in
            try writeStage.run(writeInput(site, plan, rendered, index), memory: &memory.write)
        }
        return Report(
            pagesPerLanguage: plan.pagesPerLanguage(site.linked.site.config.languageCodes), filesCopied: written.copied,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9,
            warnings: site.media.warnings, translations: TranslationReport(site: site.linked.site), timings: clock,
            incremental: written.inPlace.map {
                .init(rendered: $0.rendered, written: $0.written, removed: $0.removed, changedPaths: $0.changedPaths)
            })
    }

    /// The site through the stages that find problems, none of them an error.
    struct CheckedSite {
        /// The files of `Public/`. (Not the whole `LoadedSite`: its pages hold every page's
        /// Markdown text, which a one-shot build lets go once the checks have run.)
        var publicFiles: [String]
        /// The stylesheets and scripts pages load, under their fingerprinted names: those of
        /// `Public/` and the built-in `search.js` unless `Public/` has one.
        var assets: Assets
        var templates: TemplateLoader.Loaded
        var library: TemplateLibrary
        var globalKey: UInt64
        var linked: LinkStage.Output
        var markdown: [MarkdownResult]
        var media: MediaStage.Output
    }

    /// Load → link → parse → check → media: any error stops the build here, before a byte is
    /// written.
    func checked(_ memory: inout PreviousBuild, clock: inout StageClock, encodingMedia: Bool = true)
        throws(BuildFailure) -> CheckedSite
    {
        let keep = options.keepSourcesInMemory
        let (loaded, templates) = try clock.time(.load) { () throws(BuildFailure) in
            let loaded = try contentLoader.run(memory: &memory.load)
            return (loaded, templateLoader(loaded).load())
        }
        let schedule = try self.schedule(model: loaded.config.model)
        var assets = loaded.assets
        if !loaded.publicFiles.contains(OutputNames.searchScript) {
            assets.add(OutputNames.searchScript, bytes: SearchScript.bytes)
        }
        // Every page names the fingerprinted names of the assets the templates load: an edited
        // stylesheet renders them all (another file of Public/ only adds its copies).
        let used = templates.library.map { library in Set(library.names.flatMap(library.referencedVariables)) } ?? []
        let globalKey =
            self.globalKey(loaded, templates, schedule)
            &+ assets.key { path in
                path == OutputNames.searchScript
                    || used.contains { $0 == "assets." + path || $0.hasPrefix("assets." + path + ".") }
            } &* 17
        var linked = clock.time(.link) {
            LinkStage(
                linker: SiteLinker(includeDrafts: options.includeDrafts, schedule: schedule), globalKey: globalKey
            ).run(loaded, memory: &memory.link)
        }
        let markdown = clock.time(.parse) {
            ParseStage(config: loaded.config, keeping: keep).run(linked, memory: &memory.parse)
        }
        let problems = clock.time(.check) {
            CheckStage(publicFiles: loaded.publicFiles).run(
                linked, markdown, earlier: templates.diagnostics, memory: &memory.check)
        }
        let media = try clock.time(.media) { () throws(BuildFailure) in
            var stage = MediaStage(
                publicFiles: loaded.publicFiles, publicFolder: publicFolder.path, cache: options.cacheFolder)
            stage.encodes = encodingMedia
            return try stage.run(linked.site, markdown, problems: problems, memory: &memory.media)
        }
        guard let library = templates.library else { throw BuildFailure(media.warnings) }
        if !keep { Self.freeSources(&linked.site, &memory) }
        return CheckedSite(
            publicFiles: loaded.publicFiles, assets: assets, templates: templates, library: library,
            globalKey: globalKey,
            linked: linked, markdown: markdown, media: media)
    }

    func renderStage(_ site: CheckedSite) -> RenderStage {
        RenderStage(
            library: site.library, i18n: site.templates.i18n, media: site.media.catalog, globalKey: site.globalKey,
            injection: options.htmlInjection.map { Array($0.utf8) }, publicFiles: site.publicFiles,
            assets: site.assets)
    }

    func writeInput(_ site: CheckedSite, _ plan: SitePlan, _ rendered: RenderedSite, _ index: SearchIndex.Output)
        -> WriteStage.Input
    {
        WriteStage.Input(
            plan: plan, rendered: rendered, index: index, media: site.media.files,
            copies: WriteStage.copies(
                of: site.publicFiles, in: publicFolder.path, assets: site.assets,
                stripping: !site.linked.site.config.keepsPhotoMetadata),
            warnings: site.media.warnings, globalKey: site.globalKey,
            linked: site.linked)
    }

    var contentLoader: ContentLoader {
        var loader = ContentLoader(root: options.source, baseURLOverride: options.baseURL)
        loader.configFile = options.configFile
        return loader
    }

    func templateLoader(_ loaded: LoadedSite) -> TemplateLoader {
        var loader = TemplateLoader(folder: templateFolder, languages: loaded.config.languageCodes)
        loader.accessibility = loaded.config.accessibilityChecks
        return loader
    }

    var writeStage: WriteStage {
        WriteStage(
            output: options.output, cache: options.cacheFolder, deferRemovingOldOutput: options.deferRemovingOldOutput)
    }

    var templateFolder: URL { options.templates ?? options.source.appendingPathComponent("Templates") }
    var publicFolder: URL { options.source.appendingPathComponent("Public") }

    /// Every check has run: a one-shot build needs the Markdown text no more, and freeing it
    /// keeps it out of the memory peak of rendering.
    private static func freeSources(_ site: inout LinkedSite, _ memory: inout PreviousBuild) {
        memory.load = LoadCache()
        memory.parse.entries = [:]
        memory.link = nil
        for i in site.pages.pageIDs { site.pages[i].body = "" }
    }

    /// What every page depends on: a change here renders everything again. Takes the hashes
    /// of site.yaml and of the templates folder as the loaders read them.
    func globalKey(_ loaded: LoadedSite, _ templates: TemplateLoader.Loaded, _ schedule: Schedule) -> UInt64 {
        // The passage of time is a change like an edit: a page published, an event now past.
        globalKey(configKey: loaded.configKey, templatesKey: templates.sourceKey) &+ schedule.key(loaded.pages) &* 31
    }

    func globalKey(configKey: UInt64, templatesKey: UInt64) -> UInt64 {
        var hasher = ContentHasher()
        hasher.combine(Self.version)
        // The program itself: a rebuilt iclei-site may render differently.
        if let binary = FileSignature(path: "/proc/self/exe") {
            hasher.combine(Int(binary.size))
            hasher.combine(Int(binary.modified))
            hasher.combine(Int(binary.inode))
        }
        hasher.combine(configKey)
        hasher.combine(templatesKey)
        hasher.combine(options.baseURL ?? "")
        hasher.combine(options.includeDrafts ? 1 : 0)
        hasher.combine(options.includeFuture ? 1 : 0)
        hasher.combine(options.includeExpired ? 1 : 0)
        hasher.combine(options.htmlInjection ?? "")
        return hasher.finalized
    }

    public static let version = "0.3.0"

    /// `2025-01-10T09:00+09:00`, `2025-01-10` (midnight in Tokyo) or any form `date` takes, as
    /// seconds since 1970; nil when it is none of them.
    public static func instant(_ text: String) -> Int? { SiteDate.parse(text)?.epochSeconds }

    /// The environment variable that sets the build's moment when `--now` is not given.
    public static let nowVariable = "ICLEI_NOW"

    /// The build's moment and what it includes.
    func schedule(model: ContentModel) throws(BuildFailure) -> Schedule {
        var now = options.now
        if now == nil, let text = ProcessInfo.processInfo.environment[Self.nowVariable], !text.isEmpty {
            guard let instant = Self.instant(text) else {
                throw BuildFailure([
                    .error(
                        Self.nowVariable, 1, 1,
                        "`\(text)` is not a moment: write it like 2025-01-10T09:00+09:00 or 2025-01-10")
                ])
            }
            now = instant
        }
        return Schedule(
            now: now ?? Int(Date().timeIntervalSince1970), includeFuture: options.includeFuture,
            includeExpired: options.includeExpired, model: model)
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
        // A repository can hold symbolic links: one where the build writes would send its
        // files anywhere the user can write.
        var written = [out]
        if let cache = options.cacheFolder?.path { written += [cache, cache + "/media", cache + "/media/headers.tsv"] }
        for path in written where FileIO.isSymbolicLink(path) {
            throw BuildFailure([
                .error(path, 1, 1, "is a symbolic link: the build writes there, so it must be a real folder or file")
            ])
        }
    }
}
