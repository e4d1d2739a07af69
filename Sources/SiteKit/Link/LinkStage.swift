/// Link: the loaded pages made into a site (`SiteLinker`), or, when only some pages' bodies
/// changed since the last build, the last build's site with those bodies put in: URLs,
/// sections, tags and lists then stand as they were, and every later stage can reuse what it
/// made for the other pages.
struct LinkStage {
    var linker: SiteLinker
    /// What every page depends on (configuration, templates, options, the build's moment):
    /// a site linked under another key is not reused.
    var globalKey: UInt64

    struct Output {
        var site: LinkedSite
        /// The pages whose bodies alone changed since the last build, when nothing else did;
        /// nil when the site was linked anew.
        var editedBodies: Set<PageID>?
    }

    /// The last site linked, kept by a long-running process.
    struct Memory: Sendable {
        var site: LinkedSite
        /// Source path → page index.
        var index: [String: PageID]
        var globalKey: UInt64
    }

    func run(_ loaded: LoadedSite, memory: inout Memory?) -> Output {
        if let last = memory, let (site, edited) = replacingBodies(of: last, from: loaded) {
            memory?.site = site
            return Output(site: site, editedBodies: edited)
        }
        let site = linker.link(loaded)
        memory = Memory(
            site: site,
            index: Dictionary(
                site.pages.pageIDs.map { (site.pages[$0].sourcePath, $0) }, uniquingKeysWith: { a, _ in a }),
            globalKey: globalKey)
        return Output(site: site, editedBodies: nil)
    }

    /// The last site with the new bodies, and which pages got one; nil when anything else
    /// changed: a file came or went, a front matter changed, or what every page depends on.
    private func replacingBodies(of last: Memory, from loaded: LoadedSite) -> (LinkedSite, Set<PageID>)? {
        guard let readAgain = loaded.readAgain, globalKey == last.globalKey, loaded.diagnostics.isEmpty else {
            return nil
        }
        var site = last.site
        var changed = Set<PageID>()
        for page in loaded.pages where readAgain.contains(page.sourcePath) {
            guard let i = last.index[page.sourcePath], site.pages[i].frontMatterHash == page.frontMatterHash else {
                return nil
            }
            site.pages[i].body = page.body
            site.pages[i].bodyFirstLine = page.bodyFirstLine
            changed.insert(i)
        }
        // A page's 最終更新日 moves with a commit, its file's new day or the clock (which caps
        // it): more than a body edit, as lists and the sitemap show it too.
        let now = linker.schedule.now
        for i in site.pages.pageIDs
        where site.pages[i].updated != SiteLinker.updated(site.pages[i], loaded.fileDates, now: now) {
            return nil
        }
        return (site, changed)
    }
}
