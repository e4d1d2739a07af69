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

        public init(source: URL, output: URL? = nil, baseURL: String? = nil, includeDrafts: Bool = false,
                    configFile: URL? = nil, templates: URL? = nil) {
            self.configFile = configFile
            self.templates = templates
            self.source = source.standardizedFileURL
            self.output = (output ?? source.appendingPathComponent("Output")).standardizedFileURL
            self.baseURL = baseURL
            self.includeDrafts = includeDrafts
        }
    }

    public struct Report: Sendable {
        public var pagesPerLanguage: [(lang: String, count: Int)]
        public var filesCopied: Int
        public var seconds: Double
        public var warnings: [Diagnostic]
        public var translations: TranslationReport
        public var timings: StageClock

        public var summary: String {
            let pages = pagesPerLanguage.map { "\($0.count) \($0.lang)" }.joined(separator: ", ")
            var line = "built \(pages) pages, copied \(filesCopied) files in \(String(format: "%.2f", seconds)) s"
            let missing = translations.missingPerSection
            if !missing.isEmpty {
                line += "; missing translations: " + missing.map { "\($0.section) \($0.count)" }.joined(separator: ", ")
            }
            return line
        }
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    public func build() throws(BuildFailure) -> Report {
        let started = DispatchTime.now()
        try checkOutputLocation()
        var prepared = try prepare()
        let site = prepared.site
        let writer = SiteWriter(output: options.output)
        do {
            try writer.prepare()
        } catch {
            throw BuildFailure([.error(options.output.path, 1, 1, "\(error)")])
        }
        let renderer = prepared.renderer
        let planner = JobPlanner(site: site)
        let jobs = planner.allJobs().filter { $0 != .notFound || renderer.library.contains("404") }
        let infos = jobs.parallelMap { planner.info($0) }
        // Each page is written as soon as it is rendered, so the whole site is never in memory.
        let failures: [Diagnostic?] = Array(jobs.indices).parallelMap { n in
            switch renderer.render(jobs[n], info: infos[n]) {
            case .failure(let d): return d
            case .success(let output):
                do {
                    try writer.write(output.html, to: output.path)
                    return nil
                } catch {
                    return .error(output.path, 1, 1, "\(error)")
                }
            }
        }
        prepared.clock.lap("render+write")
        var diagnostics = failures.compactMap { $0 }
        var copied = 0
        if !diagnostics.hasErrors {
            do {
                copied = try writeSiteFiles(site: site, values: renderer.values, jobs: jobs, infos: infos, writer: writer)
            } catch {
                diagnostics.append(.error(options.output.path, 1, 1, "\(error)"))
            }
        }
        if diagnostics.hasErrors {
            writer.discard()
            throw BuildFailure((prepared.warnings + diagnostics).sortedForReport())
        }
        prepared.clock.lap("feeds+sitemap+public")
        do {
            try writer.commit()
        } catch {
            writer.discard()
            throw BuildFailure([.error(options.output.path, 1, 1, "cannot put the new site in place: \(error)")])
        }
        let perLanguage = site.config.languageCodes.map { code in
            (lang: code, count: zip(jobs, infos).filter { $0.0 != .notFound && $0.1.lang == code }.count)
        }
        prepared.clock.lap("commit")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return Report(pagesPerLanguage: perLanguage, filesCopied: copied, seconds: seconds,
                      warnings: prepared.warnings, translations: TranslationReport(site: site), timings: prepared.clock)
    }

    /// The files beside the pages: root language page, feeds, sitemap, Public/ and robots.txt.
    private func writeSiteFiles(site: LinkedSite, values: PageValues, jobs: [RenderJob],
                                infos: [JobInfo], writer: SiteWriter) throws -> Int {
        try writer.write(RootPage.html(site: site), to: "index.html")
        let feeds = FeedWriter(site: site, values: values)
        for lang in site.config.languageCodes {
            try writer.write(feeds.feed(lang: lang), to: "\(lang)/feed.xml")
        }
        let entries = zip(jobs, infos).filter { $0.0 != .notFound }.map { _, info in
            SitemapWriter.Entry(url: info.url, lastmod: info.lastmod, alternates: info.translations)
        }
        try writer.write(SitemapWriter(site: site).sitemap(entries), to: "sitemap.xml")
        let copied = try writer.copyPublic(from: options.source.appendingPathComponent("Public"))
        let robots = options.source.appendingPathComponent("Public/robots.txt").path
        if !FileManager.default.fileExists(atPath: robots) {
            try writer.write("User-agent: *\nAllow: /\n\nSitemap: \(site.config.origin + site.config.basePath)sitemap.xml\n",
                             to: "robots.txt")
        }
        return copied
    }

    /// Every validation the build runs, and the missing translations, writing nothing.
    public func check() -> [Diagnostic] {
        do {
            let prepared = try prepare()
            return (prepared.warnings + TranslationReport(site: prepared.site).warnings + templateTypos(prepared)).sortedForReport()
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
        // Front matter keys that only some pages have (site.yaml `optionalKeys`) are not typos.
        let optional = Set((prepared.site.config.values["optionalKeys"]?.items ?? []).compactMap(\.text).map { "page." + $0 })
        let folder = options.templates ?? options.source.appendingPathComponent("Templates")
        return TemplateNameLocator(folder: folder).places(of: usage.neverFound.subtracting(optional).sorted()).map { place in
            .warning(place.file, place.line, place.column,
                     "`\(place.name)` is never defined for any page this template renders: a typo, or a front matter key no page has")
        }
    }

    struct Prepared {
        var site: LinkedSite
        var renderer: PageRenderer
        var warnings: [Diagnostic]
        var clock: StageClock
    }

    /// Everything up to rendering: any error here stops the build before a byte is written.
    func prepare() throws(BuildFailure) -> Prepared {
        var clock = StageClock()
        let loaded: LoadedSite
        var loader = ContentLoader(root: options.source, baseURLOverride: options.baseURL)
        loader.configFile = options.configFile
        switch loader.load() {
        case .success(let l): loaded = l
        case .failure(let f): throw f
        }
        clock.lap("load")
        let site = SiteLinker(includeDrafts: options.includeDrafts).link(loaded)
        clock.lap("link")
        var diagnostics = site.diagnostics
        let templateFolder = options.templates ?? options.source.appendingPathComponent("Templates")
        let templates = TemplateLoader(folder: templateFolder, languages: site.config.languageCodes).load()
        diagnostics += templates.diagnostics
        let resolver = ContentLinkResolver(site: site)
        let markdownRenderer = MarkdownRenderer(allowRawHTML: site.config.allowRawHTML)
        let markdown = site.pages.parallelMap { page in
            let (source, lang) = (page.sourcePath, page.lang)
            return markdownRenderer.render(page.body, file: source, firstLine: page.bodyFirstLine) {
                resolver.resolve($0, fromSource: source, lang: lang)
            }
        }
        diagnostics += markdown.flatMap(\.diagnostics)
        clock.lap("templates+markdown")
        let publicFiles = Set(ContentTree.files(below: options.source.appendingPathComponent("Public")))
        var checker = LinkChecker(site: site, markdown: markdown, publicFiles: publicFiles)
        switch site.config.values["checks"]?["missingFiles"]?.text {
        case "warning": checker.missingFiles = .warning
        case "ignore": checker.missingFiles = nil
        default: break
        }
        diagnostics += checker.check()
        clock.lap("link check")
        if diagnostics.hasErrors { throw BuildFailure(diagnostics.sortedForReport()) }
        guard let library = templates.library else { throw BuildFailure(diagnostics.sortedForReport()) }
        let values = PageValues(site: site, markdown: markdown, i18n: templates.i18n)
        let renderer = PageRenderer(site: site, values: values, library: library, i18n: templates.i18n)
        clock.lap("values")
        return Prepared(site: site, renderer: renderer, warnings: diagnostics.sortedForReport(), clock: clock)
    }

    /// Refuses outputs that would replace the sources: the swap at the end moves the
    /// output folder away.
    private func checkOutputLocation() throws(BuildFailure) {
        let out = options.output.path
        let protected = ["", "/Content", "/Templates", "/Public"].map { options.source.path + $0 }
        for path in protected where path == out || path.hasPrefix(out + "/") {
            throw BuildFailure([.error(out, 1, 1, "the output folder must not be, or contain, the site's sources (\(path))")])
        }
        if out == "/" { throw BuildFailure([.error(out, 1, 1, "the output folder cannot be /")]) }
    }
}
