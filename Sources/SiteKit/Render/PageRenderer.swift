import Mustache

/// Render stage: lays out each output file with its template.
struct PageRenderer: Sendable {
    let site: LinkedSite
    let values: PageValues
    private(set) var library: TemplateLibrary
    let i18n: [String: MustacheValue]
    /// Put before `</body>` of every page (the preview server's reload script); nil for builds.
    var injection: [UInt8]?
    /// Made once: building them per page copied the whole linked site each time, and both
    /// threads retaining the same shared buffers is what makes reference counting slow.
    private let planner: JobPlanner
    private var contexts: ContextBuilder

    init(
        site: LinkedSite, values: PageValues, library: TemplateLibrary, i18n: [String: MustacheValue],
        media: MediaCatalog = MediaCatalog(), assets: Assets = Assets()
    ) {
        self.site = site
        self.values = values
        self.library = library
        self.i18n = i18n
        planner = JobPlanner(site: site)
        contexts = ContextBuilder(
            site: site, values: values, i18n: i18n, planner: planner, images: ImageMarkup(catalog: media),
            namesUsed: Self.nameParts(library), assets: AssetValues.value(assets, basePath: site.config.basePath))
    }

    /// This renderer with the templates and the values every page shows in storage of their
    /// own: one for each rendering thread (`MustacheValue.unshared()`).
    func unshared() -> PageRenderer {
        var copy = self
        copy.library = library.unshared()
        copy.contexts = contexts.unshared()
        return copy
    }

    /// Every part of every name any template of `library` uses, through partials and parents.
    static func nameParts(_ library: TemplateLibrary) -> Set<String> {
        var parts: Set<String> = []
        for template in library.names {
            for name in library.referencedVariables(of: template) {
                for part in name.split(separator: ".") { parts.insert(String(part)) }
            }
        }
        return parts
    }

    struct Output: Sendable {
        /// Relative to the output root, e.g. `ja/news/slug/index.html`.
        var path: String
        var html: [UInt8]
    }

    func render(_ job: RenderJob, info: JobInfo) -> Result<Output, Diagnostic> {
        let candidates = planner.templates(for: job, info: info)
        guard let template = candidates.first(where: library.contains) else {
            let wanted = candidates.map { "Templates/\($0).mustache" }.joined(separator: " or ")
            return .failure(
                .error(
                    candidates.map { "Templates/\($0).mustache" }.last ?? "Templates/", 1, 1,
                    "no template for \(info.url): add \(wanted)"))
        }
        let context = contexts.context(for: job, info: info)
        do {
            var html = try library.renderBytes(template, context)
            if let injection { Self.inject(injection, into: &html) }
            return .success(Output(path: info.outputPath, html: html))
        } catch let error as MustacheError {
            return .failure(.error(error.file, error.line, error.column, error.message))
        } catch {
            return .failure(.error("Templates/\(template).mustache", 1, 1, "\(error)"))
        }
    }

    /// Inserts `snippet` before the last `</body>`, or at the end when there is none.
    static func inject(_ snippet: [UInt8], into html: inout [UInt8]) {
        let close = Array("</body>".utf8)
        var at = html.count
        if html.count >= close.count {
            for start in stride(from: html.count - close.count, through: 0, by: -1) where html[start] == close[0] {
                if Array(html[start..<start + close.count]) == close {
                    at = start
                    break
                }
            }
        }
        html.insert(contentsOf: snippet, at: at)
    }

    /// Renders in memory, noting which names the templates looked up and found.
    func nameUsage(_ job: RenderJob, info: JobInfo) -> TemplateLibrary.NameUsage {
        var usage = TemplateLibrary.NameUsage()
        guard let template = planner.templates(for: job, info: info).first(where: library.contains) else {
            return usage
        }
        let context = contexts.context(for: job, info: info)
        _ = try? library.render(template, context, usage: &usage)
        return usage
    }
}
