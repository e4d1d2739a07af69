import Foundation
import Mustache

/// The whole pipeline: load → link → parse → check → plan → render → index → write.
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
        /// Leave the output a full build replaced in `PreviousBuild` until
        /// `removeReplacedOutputs()`, so a caller can act on the new site first.
        public var deferRemovingOldOutput = false
        /// Keep the pages' Markdown text after the checks, for the next build in this process
        /// (the preview server). A one-shot build (`iclei-site build`) frees it.
        public var keepSourcesInMemory = true
        /// The moment to build the site for, in seconds since 1970 (`--now`); nil is the
        /// `ICLEI_NOW` environment variable if set, else the clock when the build starts.
        public var now: Int?
        /// Build pages whose `publishDate` is still to come.
        public var includeFuture = false
        /// Build pages whose `expiryDate` has passed.
        public var includeExpired = false

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

    public var options: Options

    public init(options: Options) { self.options = options }

    @discardableResult
    public func build() throws(BuildFailure) -> Report {
        var previous = PreviousBuild()
        return try build(previous: &previous)
    }

    /// Builds with what the previous build left (kept in memory by the preview server, its
    /// snapshot also on disk in `cacheFolder`). When the output is still the one the snapshot
    /// describes, only the files whose inputs changed are rendered and replaced; otherwise the
    /// whole site is written anew into a staging folder and swapped in.
    @discardableResult
    public func build(previous: inout PreviousBuild) throws(BuildFailure) -> Report {
        let started = DispatchTime.now()
        previous.removeReplacedOutputs()
        try checkOutputLocation()
        let store = options.cacheFolder.map { SnapshotStore(folder: $0, output: options.output) }
        if options.clean {
            previous.snapshot = nil
        } else if previous.snapshot == nil {
            previous.snapshot = store?.load(buildID: SiteWriter.buildID(of: options.output))
        }
        var prepared = try prepare(previous: &previous)  // load → link → parse → check
        let plan = try self.plan(prepared, linked: &previous.linked, snapshot: previous.snapshot)
        prepared.clock.lap(.plan)
        let index = SearchIndex(site: prepared.site, markdown: prepared.renderer.values.markdown).build(
            previous: &previous.search, inputs: plan.records.map { $0.summaryHash &+ $0.bodyHash &* 31 },
            complete: plan.stale == nil, keepState: options.keepSourcesInMemory,
            samePages: prepared.changedBodies != nil, tokenizing: prepared.tokenizing.take())
        if !options.keepSourcesInMemory { previous.search = [:] }
        prepared.clock.lap(.index)
        let media = MediaEncoder(cache: options.cacheFolder).encode(prepared.media, publicFolder: publicFolder.path)
        if media.problems.hasErrors { throw BuildFailure((prepared.warnings + media.problems).sortedForReport()) }
        if !prepared.media.images.isEmpty {
            if let cache = options.cacheFolder { MediaCatalog.HeaderCache.save(previous.media, to: cache) }
            prepared.clock.lap(.media)
        }
        store?.invalidate()  // until this build has succeeded, no snapshot describes the output
        // render → write
        let written = try write(plan, prepared, index: index, media: media.files, replacing: previous.snapshot.take())
        prepared.clock.lap(.write)
        previous.snapshot = written.snapshot
        previous.replacedOutputs += written.replacedOutput.map { [$0] } ?? []
        store?.save(written.snapshot)
        prepared.clock.lap(.write)
        return Report(
            pagesPerLanguage: plan.pagesPerLanguage(prepared.site.config.languageCodes),
            filesCopied: written.copied,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9,
            warnings: prepared.warnings, translations: TranslationReport(site: prepared.site), timings: prepared.clock,
            incremental: written.incremental)
    }

    /// What every page depends on: a change here renders everything again. Takes the hashes
    /// of site.yaml and of the templates folder as the loaders read them.
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

    /// Every validation the build runs, and the missing translations, writing nothing.
    public func check() -> [Diagnostic] {
        do {
            var previous = PreviousBuild()
            let prepared = try prepare(previous: &previous)
            return (prepared.warnings + TranslationReport(site: prepared.site).warnings + templateTypos(prepared))
                .sortedForReport()
        } catch {
            return error.diagnostics.sortedForReport()
        }
    }

    /// Renders every page in memory and warns about names that no page ever provided, at
    /// each place a template uses them: almost always a typo (`page.titel`).
    private func templateTypos(_ prepared: PreparedSite) -> [Diagnostic] {
        let renderer = prepared.renderer
        let planner = JobPlanner(site: prepared.site)
        let jobs = planner.allJobs().filter { $0 != .notFound || renderer.library.contains("404") }
        var usage = TemplateLibrary.NameUsage()
        for part in jobs.parallelMap({ renderer.nameUsage($0, info: planner.info($0)) }) { usage.merge(part) }
        // Front matter keys that only some pages have (declared fields, site.yaml `optionalKeys`) are not typos.
        let config = prepared.site.config
        let declared = config.model.sections.values.flatMap(\.fields).map(\.name) + ContentModel.commonKeys
        let optional = Set(
            (config.optionalKeys + declared).map { "page." + $0 })
        let folder = templateFolder
        let unknown = usage.neverFound.subtracting(optional).subtracting(ContextBuilder.namesOfSomeJobs)
            .subtracting(EventValues.namesOfSomeEvents)
        return TemplateNameLocator(folder: folder).places(of: unknown.sorted()).map {
            place in
            .warning(
                place.file, place.line, place.column,
                "`\(place.name)` is never defined for any page this template renders: a typo, or a front matter key no page has"
            )
        }
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
