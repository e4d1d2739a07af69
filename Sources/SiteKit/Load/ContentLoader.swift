import Foundation

/// The load stage's output: the configuration and every content file, read and split.
struct LoadedSite: Sendable {
    var root: URL
    var config: SiteConfig
    var pages: [Page]
    var diagnostics: [Diagnostic]
    /// The hash of site.yaml's bytes: every page depends on it.
    var configKey: UInt64
    /// When the load found the same files under the same configuration as the last one: the
    /// source paths read again (their signature changed); nil when files came or went.
    var readAgain: Set<String>? = nil
    /// The files of `Public/`, relative to it, sorted: walked once per build.
    var publicFiles: [String] = []
    /// The stylesheets and scripts of `Public/`, with their fingerprinted names.
    var assets = Assets()
    /// When each content file last changed (its last commit, else its modification).
    var fileDates = FileDates()
}

/// Load stage: reads `Content/site.yaml`, finds the content files and reads each one's
/// front matter, on all cores.
struct ContentLoader: Sendable {
    var root: URL
    var baseURLOverride: String?
    /// `Content/site.yaml` unless given (a benchmark corpus keeps its configuration apart).
    var configFile: URL?

    init(root: URL, baseURLOverride: String? = nil) {
        self.root = root
        self.baseURLOverride = baseURLOverride
    }

    /// The load stage: the site as its files say, reusing the files whose signature held.
    func run(memory: inout LoadCache) throws(BuildFailure) -> LoadedSite {
        try load(reusing: &memory).get()
    }

    func load() -> Result<LoadedSite, BuildFailure> {
        var cache = LoadCache()
        return load(reusing: &cache)
    }

    /// Like `load()`, but files whose size, times and inode are those `cache` saw last time
    /// are not read again (the preview server rebuilds after every save).
    func load(reusing cache: inout LoadCache) -> Result<LoadedSite, BuildFailure> {
        let configURL = configFile ?? root.appendingPathComponent(SiteConfig.path)
        guard let configData = FileManager.default.contents(atPath: configURL.path) else {
            let shown = configFile?.path ?? SiteConfig.path
            return .failure(
                BuildFailure([.error(shown, 1, 1, "cannot read the site configuration (is this a site root?)")]))
        }
        var config: SiteConfig
        switch SiteConfig.parse(
            String(decoding: configData, as: UTF8.self), file: configFile?.path ?? SiteConfig.path,
            baseURLOverride: baseURLOverride)
        {
        case .success(let c): config = c
        case .failure(let failure): return .failure(failure)
        }
        let scanner = ContentScanner(languages: config.languageCodes, defaultLanguage: config.defaultLanguage)
        let files = ContentScanner.markdownFiles(root: root, reusing: &cache.listing)
        let root = self.root
        let rootPath = root.standardizedFileURL.path
        let dated = Set(
            config.model.sections.values.filter { $0.kind.isDated || $0.field("date")?.required == true }.map(\.name))
        let reader = PageReader(
            datedSections: dated,
            startFields: config.model.sections.compactMapValues { $0.field(role: .start)?.name },
            limits: config.limits)
        // A cached page is only valid for the configuration it was read with.
        var configKey = ContentHasher.hash(Array(configData))
        if let outlines = config.mapOutlinesPath {
            switch MapOutlines.read(outlines, root: root) {
            case .success(let (map, bytes)):
                config.map = map
                configKey = configKey &* 31 &+ ContentHasher.hash(bytes)
            case .failure(let diagnostic): return .failure(BuildFailure([diagnostic]))
            }
        }
        let usable = cache.configKey == configKey && !cache.entries.isEmpty
        // Usually the same files as last time: then entries line up by position, no lookups.
        // (A listing reused is the same array, which `==` sees without comparing paths.)
        let aligned = usable && files == cache.paths
        let previousEntries = aligned ? cache.entries : []
        let previous =
            usable && !aligned
            ? Dictionary(zip(cache.paths, cache.entries), uniquingKeysWith: { first, _ in first }) : [:]
        let history = FileDates.ask(root: rootPath, cache: cache.history)
        let folders = FolderHandles(root: rootPath, files: usable ? files : [])
        defer { folders.close() }
        let results = Array(files.indices).parallelMap { n -> LoadCache.Entry in
            let path = files[n]
            if var old = aligned ? previousEntries[n] : previous[path],
                let signature = folders.signature(of: path) ?? FileSignature(path: rootPath + "/" + path),
                old.signature == signature
            {
                old.fresh = false
                return old
            }
            switch scanner.classify(path) {
            case .failure(let d):
                return LoadCache.Entry(
                    signature: FileSignature(path: rootPath + "/" + path), result: .failure(PageProblems([d])))
            case .success(let file):
                var info = stat()
                guard let bytes = FileIO.read(rootPath + "/" + path, info: &info, limit: reader.limits.fileBytes) else {
                    return LoadCache.Entry(signature: nil, result: .failure(.error(path, 1, 1, "cannot read the file")))
                }
                return LoadCache.Entry(signature: FileSignature(info), result: reader.read(file, bytes: bytes))
            }
        }
        cache.configKey = configKey
        cache.paths = files
        let fileDates = FileDates.read(
            history, paths: files, signatures: results.map(\.signature), cache: &cache.history)
        cache.entries = results
        var pages: [Page] = []
        var diagnostics: [Diagnostic] = []
        for entry in results {
            switch entry.result {
            case .success(let page): pages.append(page)
            case .failure(let problems): diagnostics += problems.diagnostics
            }
        }
        let publicFolder = root.appendingPathComponent("Public")
        let publicFiles = ContentTree.files(below: publicFolder)
        return .success(
            LoadedSite(
                root: root, config: config, pages: pages, diagnostics: diagnostics, configKey: configKey,
                readAgain: aligned ? Set(cache.freshPaths) : nil, publicFiles: publicFiles,
                assets: Assets(publicFiles: publicFiles, in: publicFolder.path), fileDates: fileDates))
    }
}

/// Turns one content file's bytes into a `Page`, checking the front matter every page needs.
/// Every problem found in one content file, in the order of its lines.
struct PageProblems: Error, Sendable {
    var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    static func error(_ file: String, _ line: Int, _ column: Int, _ message: String) -> PageProblems {
        PageProblems([.error(file, line, column, message)])
    }
}

struct PageReader: Sendable {
    var datedSections: Set<String>
    /// Section → the field that holds its events' start: an event's `date` defaults to it.
    var startFields: [String: String] = [:]
    var limits = SiteLimits()

    /// The page, or every problem of its front matter (a file that cannot be split or read
    /// as YAML has one problem: nothing after it can be looked at).
    func read(_ file: ContentFile, bytes: [UInt8]) -> Result<Page, PageProblems> {
        let path = file.sourcePath
        if bytes.count > limits.fileBytes {
            return .failure(
                .error(
                    path, 1, 1,
                    SiteLimits.exceeded(
                        .fileBytes, "the file is larger than \(limits.fileBytes) bytes", limit: limits.fileBytes)))
        }
        let parts: FrontMatterSplitter.Parts
        switch FrontMatterSplitter().split(bytes, file: path) {
        case .success(let p): parts = p
        case .failure(let d): return .failure(PageProblems([d]))
        }
        if parts.bodyFirstLine < 0 {
            return .failure(
                .error(
                    path, 1, 1, "the front matter opened by `---` on this line is never closed by another `---` line"))
        }
        guard let yaml = parts.yaml else {
            return .failure(
                .error(
                    path, 1, 1,
                    "missing front matter: a page starts with a `---` line, YAML with at least `title:`, and another `---` line"
                ))
        }
        if yaml.utf8.count > limits.frontMatterBytes {
            return .failure(
                .error(
                    path, 1, 1,
                    SiteLimits.exceeded(
                        .frontMatterBytes, "the front matter is \(yaml.utf8.count) bytes",
                        limit: limits.frontMatterBytes)))
        }
        if parts.body.utf8.count > limits.markdownBytes {
            return .failure(
                .error(
                    path, parts.bodyFirstLine, 1,
                    SiteLimits.exceeded(
                        .markdownBytes, "the Markdown is \(parts.body.utf8.count) bytes",
                        limit: limits.markdownBytes)))
        }
        let frontMatter: YAMLMapping
        switch YAMLReader.readMapping(yaml, file: path, lineOffset: parts.yamlLineOffset, limits: limits) {
        case .success(let m): frontMatter = m.droppingUnset()
        case .failure(let d): return .failure(PageProblems([d]))
        }
        var decoder = YAMLDecoder()
        decoder.rootName = "the front matter"
        let (decoded, decodingProblems) = decoder.decode(
            CommonFrontMatter.self, from: .frontMatter(frontMatter), file: path)
        let common = decoded ?? CommonFrontMatter()
        var problems = decodingProblems
        func fail(_ key: String, _ message: String) {
            let p = frontMatter.positions[key] ?? SourcePosition(line: 1, column: 1)
            problems.append(.error(path, p.line, p.column, message))
        }
        let title = common.title ?? ""
        if frontMatter["title"] == nil || common.title?.trimmingSpaces.isEmpty == true {
            fail("title", "missing `title` in the front matter")
        }
        var date = common.date
        if frontMatter["date"] != nil {
            // decoded above, or reported there
        } else if let field = startFields[file.section], let value = frontMatter[field] {
            date = value.text.flatMap(SiteDate.parse)
            if date == nil {
                fail(
                    field,
                    "`\(field)` must be a date and time, like 2025-01-15T15:00 (Japan time) or 2025-01-15T15:00:00+09:00, or a date"
                )
            }
        } else if file.kind == .single && datedSections.contains(file.section) {
            fail("date", "missing `date`: pages in `\(file.section)` need one (YYYY-MM-DD)")
        }
        var slug = file.fileSlug
        if let written = common.slug {
            if Self.isSafeSlug(written) {
                slug = written
            } else {
                let reason =
                    URLSegment.problem(in: written).map { "it contains \($0)" }
                    ?? "it must be one URL segment, without a leading dot"
                let hint = written.isEmpty ? "" : "; for example `slug: \(URLSegment.suggestion(for: written))`"
                fail("slug", "`slug` cannot be part of a URL: \(reason)\(hint)")
            }
        } else if frontMatter["slug"] == nil, let problem = URLSegment.problem(in: file.fileSlug) {
            problems.append(
                .error(
                    path, 1, 1,
                    "the file name `\(file.fileSlug)` cannot be part of a URL: it contains \(problem); "
                        + "rename the file or set `slug: \(URLSegment.suggestion(for: file.fileSlug))` in its front matter"
                ))
        }
        if let publish = common.publishDate, let expiry = common.expiryDate, expiry <= publish {
            fail("expiryDate", "`expiryDate` must come after `publishDate`: the page would never be shown")
        }
        guard problems.isEmpty else { return .failure(PageProblems(problems.sortedForReport())) }
        let defaultKey = file.section.isEmpty ? file.fileSlug : file.section + "/" + file.fileSlug
        return .success(
            Page(
                kind: file.kind, sourcePath: path, lang: file.lang, section: file.section,
                fileSlug: file.fileSlug, frontMatter: frontMatter, body: parts.body,
                bodyFirstLine: parts.bodyFirstLine, title: title, date: date, draft: common.draft ?? false,
                slug: slug, translationKey: common.translationKey ?? defaultKey,
                frontMatterHash: ContentHasher.hash(yaml), summary: common.summary, tags: common.tags?.items ?? [],
                lastmod: common.lastmod, aliases: common.aliases?.items ?? [],
                publishDate: common.publishDate, expiryDate: common.expiryDate))
    }

    static func isSafeSlug(_ slug: String) -> Bool {
        !slug.isEmpty && !slug.hasPrefix(".") && slug.utf8.count <= 200 && URLSegment.problem(in: slug) == nil
    }
}

/// Pages as read last time, by source path, with what the file looked like then.
struct LoadCache: Sendable {
    var configKey: UInt64 = 0
    /// The content folders as last listed.
    var listing: ContentTree.Listing?
    /// Source paths of the last load, sorted, and what each held.
    var paths: [String] = []
    var entries: [Entry] = []
    /// The last `git log`, while the repository's HEAD has not moved.
    var history = FileDates.HistoryCache()

    /// Source paths read again by the last load (the rest came from the cache).
    var freshPaths: [String] { paths.indices.filter { entries[$0].fresh }.map { paths[$0] } }

    struct Entry: Sendable {
        /// nil when the file could not be examined: it is then read again next time.
        var signature: FileSignature?
        private let box: Box
        var fresh = true

        var result: Result<Page, PageProblems> { box.result }

        init(signature: FileSignature?, result: Result<Page, PageProblems>) {
            self.signature = signature
            box = Box(result: result)
        }

        /// Entries are copied several times per build; a box makes that one retain instead of
        /// one per field of the page.
        private final class Box: Sendable {
            let result: Result<Page, PageProblems>
            init(result: Result<Page, PageProblems>) { self.result = result }
        }
    }
}
