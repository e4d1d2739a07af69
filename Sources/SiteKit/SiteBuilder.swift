import Foundation
import Mustache

/// The whole pipeline: load → link → parse → render → write.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var source: URL
        public var output: URL
        public var baseURL: String?
        public var includeDrafts: Bool

        public init(source: URL, output: URL? = nil, baseURL: String? = nil, includeDrafts: Bool = false) {
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

        public var summary: String {
            let pages = pagesPerLanguage.map { "\($0.count) \($0.lang)" }.joined(separator: ", ")
            return "built \(pages) pages, copied \(filesCopied) files in \(String(format: "%.2f", seconds)) s"
        }
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    public func build() throws(BuildFailure) -> Report {
        let started = DispatchTime.now()
        try checkOutputLocation()
        let prepared = try prepare()
        let writer = SiteWriter(output: options.output)
        do {
            try writer.prepare()
        } catch {
            throw BuildFailure([.error(options.output.path, 1, 1, "\(error)")])
        }
        let renderer = prepared.renderer
        let jobs = RenderJob.all(for: prepared.site)
        let results = jobs.parallelMap { job -> (String?, Diagnostic?) in
            switch renderer.render(job) {
            case .failure(let d): return (nil, d)
            case .success(let output):
                do {
                    try writer.write(output.html, to: output.path)
                    return (output.path, nil)
                } catch {
                    return (nil, .error(output.path, 1, 1, "\(error)"))
                }
            }
        }
        var diagnostics = results.compactMap(\.1)
        var copied = 0
        if !diagnostics.hasErrors {
            do {
                try writer.write(RootPage.html(site: prepared.site), to: "index.html")
                copied = try writer.copyPublic(from: options.source.appendingPathComponent("Public"))
            } catch {
                diagnostics.append(.error("Public/", 1, 1, "\(error)"))
            }
        }
        if diagnostics.hasErrors {
            writer.discard()
            throw BuildFailure((prepared.warnings + diagnostics).sortedForReport())
        }
        do {
            try writer.commit()
        } catch {
            writer.discard()
            throw BuildFailure([.error(options.output.path, 1, 1, "cannot put the new site in place: \(error)")])
        }
        var perLanguage: [(String, Int)] = []
        for code in prepared.site.config.languageCodes {
            let count = jobs.filter { job in
                switch job {
                case .page(let i): return prepared.site.pages[i].lang == code
                case .section(let s): return prepared.site.sections[s].lang == code
                case .home(let lang): return lang == code
                }
            }.count
            perLanguage.append((code, count))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return Report(pagesPerLanguage: perLanguage, filesCopied: copied, seconds: seconds, warnings: prepared.warnings)
    }

    struct Prepared {
        var site: LinkedSite
        var renderer: PageRenderer
        var warnings: [Diagnostic]
    }

    /// Everything up to rendering: any error here stops the build before a byte is written.
    func prepare() throws(BuildFailure) -> Prepared {
        let loaded: LoadedSite
        switch ContentLoader(root: options.source, baseURLOverride: options.baseURL).load() {
        case .success(let l): loaded = l
        case .failure(let f): throw f
        }
        let site = SiteLinker(includeDrafts: options.includeDrafts).link(loaded)
        var diagnostics = site.diagnostics
        let templates = TemplateLoader(root: options.source, languages: site.config.languageCodes).load()
        diagnostics += templates.diagnostics
        let resolver = ContentLinkResolver(site: site)
        let markdownRenderer = MarkdownRenderer(allowRawHTML: site.config.allowRawHTML)
        let markdown = site.pages.parallelMap { page in
            markdownRenderer.render(page.body, file: page.sourcePath, firstLine: page.bodyFirstLine) {
                resolver.resolve($0, from: page)
            }
        }
        diagnostics += markdown.flatMap(\.diagnostics)
        if diagnostics.hasErrors { throw BuildFailure(diagnostics.sortedForReport()) }
        guard let library = templates.library else { throw BuildFailure(diagnostics.sortedForReport()) }
        let values = PageValues(site: site, markdown: markdown)
        let renderer = PageRenderer(site: site, values: values, library: library, i18n: templates.i18n)
        return Prepared(site: site, renderer: renderer, warnings: diagnostics.sortedForReport())
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
