/// One HTML file of the output: a page, a section's list or a language's home.
public enum RenderJob: Sendable, Hashable {
    case page(Int)
    case section(Int)
    case home(String)

    /// Every file a linked site renders, in a stable order.
    static func all(for site: LinkedSite) -> [RenderJob] {
        var jobs: [RenderJob] = site.config.languageCodes.map { .home($0) }
        jobs += site.sections.indices.map { .section($0) }
        jobs += site.pages.indices.filter {
            site.pages[$0].kind == .single || site.pages[$0].kind == .standalone
        }.map { .page($0) }
        return jobs
    }
}
