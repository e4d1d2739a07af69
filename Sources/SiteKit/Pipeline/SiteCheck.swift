import Foundation
import Mustache

extension SiteBuilder {
    /// Every validation the build runs, and the missing translations, writing nothing.
    public func check() -> [Diagnostic] {
        do {
            var memory = PreviousBuild()
            var clock = StageClock()
            let site = try checked(&memory, clock: &clock, encodingMedia: false)
            let plan = PlanStage(library: site.library).run(site.linked, memory: &memory.plan)
            let rendered = try renderStage(site).run(
                site.linked, site.markdown, plan: plan, output: nil, memory: &memory.render)
            return
                (site.media.warnings + TranslationReport(site: site.linked.site).warnings
                + templateTypos(site.linked.site, plan, rendered.renderer)).sortedForReport()
        } catch {
            return error.diagnostics.sortedForReport()
        }
    }

    /// Renders every page in memory and warns about names that no page ever provided, at
    /// each place a template uses them: almost always a typo (`page.titel`).
    private func templateTypos(_ site: LinkedSite, _ plan: SitePlan, _ renderer: PageRenderer) -> [Diagnostic] {
        var usage = TemplateLibrary.NameUsage()
        let (jobs, infos) = (plan.jobs, plan.infos)
        for part in jobs.indices.parallelMap({ renderer.nameUsage(jobs[$0], info: infos[$0]) }) { usage.merge(part) }
        // Front matter keys that only some pages have (declared fields, site.yaml `optionalKeys`) are not typos.
        let config = site.config
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
}

extension SiteBuilder {
    /// Every external link of the content with its place (load → link → parse, nothing
    /// checked or written): what `check --links` fetches. Fails only when the site cannot be
    /// read at all; the content's other problems are `check()`'s to report.
    public func externalLinks() throws(BuildFailure) -> [ExternalLink] {
        var memory = PreviousBuild()
        let loaded = try contentLoader.run(memory: &memory.load)
        let schedule = try self.schedule(model: loaded.config.model)
        let linked = LinkStage(
            linker: SiteLinker(includeDrafts: options.includeDrafts, schedule: schedule), globalKey: 0
        ).run(loaded, memory: &memory.link)
        let markdown = ParseStage(config: loaded.config, keeping: true).run(linked, memory: &memory.parse)
        return ExternalLinkCollector(site: linked.site, markdown: markdown).collect()
    }
}
