import Foundation
import Mustache

/// The site through the first four stages (loaded, linked, its Markdown parsed, checked)
/// with the values templates see: everything rendering needs, and no error left.
struct PreparedSite {
    var site: LinkedSite
    var renderer: PageRenderer
    var warnings: [Diagnostic]
    var clock: StageClock
    /// What every page depends on (`SiteBuilder.globalKey`).
    var globalKey: UInt64
    /// Set when only these pages' bodies changed since the previous build (see `LinkedState`).
    var changedBodies: Set<PageID>?
    /// The files of `Public/`, relative to it, sorted: walked once per build.
    var publicFiles: [String]
    /// The images the pages show, with their variants (media stage).
    var media = MediaCatalog()
    /// The search index's pages tokenized, started ahead when the index is made anew.
    var tokenizing: SearchIndex.Tokenizing?
}

extension SiteBuilder {
    /// Load → link → parse → check, then the values templates see. Any error here stops the
    /// build before a byte is written.
    func prepare(previous: inout PreviousBuild) throws(BuildFailure) -> PreparedSite {
        var clock = StageClock()
        // Whatever happens below, the linked state of the last build no longer matches what
        // the load cache has seen; it is put back only if this build gets through.
        let last = previous.linked
        previous.linked = nil
        let loaded = try load(reusing: &previous.loaded)
        let templates = TemplateLoader(folder: templateFolder, languages: loaded.config.languageCodes).load()
        clock.lap(.load)
        let schedule = try self.schedule(model: loaded.config.model)
        // The passage of time is a change like an edit: a page published, an event now past.
        let globalKey =
            self.globalKey(configKey: loaded.configKey, templatesKey: templates.sourceKey) &+ schedule.key(loaded.pages)
            &* 31
        let bodyEdit = last?.replacingBodies(
            from: loaded, fresh: previous.loaded.freshPaths, sameFiles: previous.loaded.sameFiles,
            globalKey: globalKey)
        var site = bodyEdit?.site ?? SiteLinker(includeDrafts: options.includeDrafts, schedule: schedule).link(loaded)
        let changed = bodyEdit?.changed
        clock.lap(.link)
        var markdownRenderer = MarkdownRenderer(allowRawHTML: site.config.allowRawHTML, limits: site.config.limits)
        markdownRenderer.footnoteLabels = Dictionary(
            site.config.languages.map { ($0.code, $0.isJapanese ? "脚注" : "Footnotes") }, uniquingKeysWith: { a, _ in a }
        )
        let markdown =
            changed.map { previous.markdown.render(site, renderer: markdownRenderer, only: $0) }
            ?? previous.markdown.render(site, renderer: markdownRenderer, keeping: options.keepSourcesInMemory)
        clock.lap(.parse)
        let publicFiles = ContentTree.files(below: publicFolder)
        let linkProblems = checkLinks(site, markdown, publicFiles, onlyBodiesOf: changed, last: last)
        var diagnostics = site.diagnostics + templates.diagnostics + markdown.flatMap(\.diagnostics) + linkProblems
        // A body edit changes no URL or section: the menu was found sound by the last build.
        if changed == nil { diagnostics += MenuCheck.problems(site.config, pages: site.pages, sections: site.sections) }
        clock.lap(.check)
        if previous.media.isEmpty, let cache = options.cacheFolder {
            previous.media = MediaCatalog.HeaderCache.load(cache)
        }
        let media = MediaCatalog(
            site: site, markdown: markdown, publicFiles: Set(publicFiles), publicFolder: publicFolder.path,
            known: previous.media)
        previous.media = Dictionary(media.images.values.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        diagnostics += media.diagnostics
        clock.lap(.media)
        guard !diagnostics.hasErrors, let library = templates.library else {
            throw BuildFailure(diagnostics.sortedForReport())
        }
        if !options.keepSourcesInMemory { Self.freeSources(&site, &previous) }
        let tokenizing =
            previous.search.isEmpty && changed == nil
            ? SearchIndex(site: site, markdown: markdown).tokenizing(
                inBackground: true, keepingTexts: options.keepSourcesInMemory) : nil
        let values =
            changed.flatMap { changed in
                last?.values?.updating(site: site, markdown: markdown, changed: changed, i18n: templates.i18n)
            } ?? PageValues(site: site, markdown: markdown, i18n: templates.i18n)
        var renderer = PageRenderer(site: site, values: values, library: library, i18n: templates.i18n, media: media)
        renderer.injection = options.htmlInjection.map { Array($0.utf8) }
        clock.lap(.render)
        var linked = changed != nil ? last! : LinkedState(site: site, globalKey: globalKey)
        linked.site = site
        linked.values = values
        linked.linkProblems = linkProblems
        previous.linked = linked
        return PreparedSite(
            site: site, renderer: renderer, warnings: diagnostics.sortedForReport(), clock: clock,
            globalKey: globalKey, changedBodies: changed, publicFiles: publicFiles, media: media,
            tokenizing: tokenizing)
    }

    var templateFolder: URL { options.templates ?? options.source.appendingPathComponent("Templates") }

    private func load(reusing cache: inout LoadCache) throws(BuildFailure) -> LoadedSite {
        var loader = ContentLoader(root: options.source, baseURLOverride: options.baseURL)
        loader.configFile = options.configFile
        switch loader.load(reusing: &cache) {
        case .success(let loaded): return loaded
        case .failure(let failure): throw failure
        }
    }

    /// After a body edit only the links that can have broken are checked again; the other
    /// pages' findings are the last build's.
    private func checkLinks(
        _ site: LinkedSite, _ markdown: [MarkdownResult], _ publicFiles: [String], onlyBodiesOf changed: Set<PageID>?,
        last: LinkedState?
    ) -> [Diagnostic] {
        var checker = LinkChecker(site: site, markdown: markdown, publicFiles: Set(publicFiles))
        switch site.config.missingFilesCheck {
        case "warning": checker.missingFiles = .warning
        case "ignore": checker.missingFiles = nil
        default: break
        }
        guard let changed, let last else { return checker.check() }
        let pages = checker.pagesAffected(by: changed)
        let files = Set(pages.map { site.pages[$0].sourcePath })
        return last.linkProblems.filter { !files.contains($0.file) } + checker.check(pages: pages)
    }

    /// Every check has run: a one-shot build needs the Markdown text no more, and freeing it
    /// keeps it out of the memory peak of rendering.
    private static func freeSources(_ site: inout LinkedSite, _ previous: inout PreviousBuild) {
        previous.loaded = LoadCache()
        previous.markdown.entries = [:]
        for i in site.pages.pageIDs { site.pages[i].body = "" }
    }
}
