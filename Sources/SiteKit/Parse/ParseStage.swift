/// Parse: every page's Markdown turned into HTML, its headings, links and first paragraph
/// (`MarkdownResult`), reusing what the memory (`MarkdownCache`) still holds: after a body
/// edit only the edited pages are parsed; otherwise a page whose text and link answers are
/// unchanged keeps its result.
struct ParseStage {
    var renderer: MarkdownRenderer
    /// Keep the pages' results for the next build (a long-running process).
    var keeping: Bool

    init(config: SiteConfig, keeping: Bool) {
        renderer = MarkdownRenderer(allowRawHTML: config.allowRawHTML, limits: config.limits)
        // Read by screen readers: in the page's language.
        renderer.footnoteLabels = Dictionary(
            config.languages.map { ($0.code, $0.isJapanese ? "脚注" : "Footnotes") }, uniquingKeysWith: { a, _ in a })
        renderer.embeds = config.embeds
        self.keeping = keeping
    }

    func run(_ linked: LinkStage.Output, memory: inout MarkdownCache) -> [MarkdownResult] {
        if let edited = linked.editedBodies {
            return memory.render(linked.site, renderer: renderer, only: edited)
        }
        return memory.render(linked.site, renderer: renderer, keeping: keeping)
    }
}
