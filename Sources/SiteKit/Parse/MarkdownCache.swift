/// Markdown already turned into HTML, by source path. A page's HTML depends on its body and on
/// where its content links point, so an entry is reused only when the body is the same and
/// every link it resolved still resolves to the same URL.
struct MarkdownCache: Sendable {
    var entries: [String: Entry] = [:]
    /// The results of the last render, by page index of that site.
    var last: [MarkdownResult] = []

    struct Entry: Sendable {
        var body: String
        var firstLine: Int
        var lang: String
        var allowRawHTML: Bool
        /// The limits the text was checked against: a raised limit renders it again.
        var limits: SiteLimits
        /// The footnotes' heading it was written with (a language's locale can change).
        var footnoteLabel: String?
        /// The services it embedded (site.yaml's `embeds:`).
        var embeds: Set<EmbedService> = []
        var result: MarkdownResult
        /// Every link URL the renderer asked about, in order, and the answer.
        var resolutions: [(url: String, resolution: LinkResolution)]

        func matches(_ page: Page, renderer: MarkdownRenderer) -> Bool {
            firstLine == page.bodyFirstLine && lang == page.lang && allowRawHTML == renderer.allowRawHTML
                && limits == renderer.limits && footnoteLabel == renderer.footnoteLabels[lang]
                && embeds == renderer.embeds
                && body == page.body
        }

        /// The cached result if every link resolves as before, with page indices of the
        /// current site (they move when pages are added or removed).
        func replayed(_ resolve: (String) -> LinkResolution) -> MarkdownResult? {
            var targets: [PageID] = []
            for (url, old) in resolutions {
                let new = resolve(url)
                switch (old, new) {
                case (.page(let oldURL, _, let oldFragment), .page(let newURL, let page, let newFragment)):
                    guard oldURL == newURL, oldFragment == newFragment else { return nil }
                    targets.append(page)
                default:
                    guard old == new else { return nil }
                }
            }
            var result = self.result
            var next = 0
            for k in result.links.indices where result.links[k].page != nil {
                guard next < targets.count else { return nil }
                result.links[k].page = targets[next]
                next += 1
            }
            return next == targets.count ? result : nil
        }
    }

    /// Renders every page's Markdown, reusing what is still valid; the cache then holds
    /// exactly the current pages, or (`keeping: false`, a one-shot build) nothing.
    mutating func render(_ site: LinkedSite, renderer: MarkdownRenderer, keeping: Bool = true) -> [MarkdownResult] {
        // A resolver for each thread: the writer retains it at every node, and threads that
        // retain one object make its count bounce between their cores (PERFORMANCE.md).
        guard keeping else {
            (entries, last) = ([:], [])
            return site.pages.parallelMap(minimumChunk: 16, local: ContentLinkResolver(site: site)) { local, page in
                let (resolver, source, lang) = (local, page.sourcePath, page.lang)
                return renderer.render(page.body, file: source, firstLine: page.bodyFirstLine, lang: lang) { url in
                    resolver.resolve(url, fromSource: source, lang: lang)
                }
            }
        }
        let previous = entries
        let rendered = site.pages.parallelMap(minimumChunk: 16, local: ContentLinkResolver(site: site)) {
            local, page -> Entry in
            let resolver = local
            let (source, lang) = (page.sourcePath, page.lang)
            let resolve = { (url: String) in resolver.resolve(url, fromSource: source, lang: lang) }
            if var old = previous[source], old.matches(page, renderer: renderer), let result = old.replayed(resolve) {
                old.result = result
                return old
            }
            var calls: [(url: String, resolution: LinkResolution)] = []
            let result = renderer.render(page.body, file: source, firstLine: page.bodyFirstLine, lang: lang) { url in
                let resolution = resolve(url)
                calls.append((url, resolution))
                return resolution
            }
            return Entry(
                body: page.body, firstLine: page.bodyFirstLine, lang: lang, allowRawHTML: renderer.allowRawHTML,
                limits: renderer.limits, footnoteLabel: renderer.footnoteLabels[lang], embeds: renderer.embeds,
                result: result, resolutions: calls)
        }
        entries = Dictionary(zip(site.pages.map(\.sourcePath), rendered), uniquingKeysWith: { first, _ in first })
        last = rendered.map(\.result)
        return last
    }

    /// Renders only `changed` pages of a site whose URLs are those of the last render: the
    /// other pages' results stand as they are, their links still point where they did.
    mutating func render(_ site: LinkedSite, renderer: MarkdownRenderer, only changed: Set<PageID>) -> [MarkdownResult]
    {
        let resolver = ContentLinkResolver(site: site)
        for i in changed.sorted() {
            let page = site.pages[i]
            var calls: [(url: String, resolution: LinkResolution)] = []
            let result = renderer.render(
                page.body, file: page.sourcePath, firstLine: page.bodyFirstLine, lang: page.lang
            ) { url in
                let resolution = resolver.resolve(url, fromSource: page.sourcePath, lang: page.lang)
                calls.append((url, resolution))
                return resolution
            }
            entries[page.sourcePath] = Entry(
                body: page.body, firstLine: page.bodyFirstLine, lang: page.lang,
                allowRawHTML: renderer.allowRawHTML, limits: renderer.limits,
                footnoteLabel: renderer.footnoteLabels[page.lang], embeds: renderer.embeds, result: result,
                resolutions: calls)
            last[i] = result
        }
        return last
    }
}
