/// The common edit while writing: only the text of some pages changed, not their front
/// matter, and no file came or went. URLs, sections, tags and lists then stay as they were,
/// so the previous build's linked site, values and plan are reused and only those pages'
/// Markdown, checks and values are made again.
struct LinkedState: Sendable {
    var site: LinkedSite
    /// Source path → page index.
    var index: [String: PageID]
    var globalKey: UInt64
    var values: PageValues?
    var jobs: [RenderJob] = []
    var infos: [JobInfo] = []
    var records: [BuildSnapshot.PageRecord] = []
    /// sitemap.xml, which only changes with the pages' URLs and translations.
    var sitemap: [UInt8]?
    /// The link checker's findings, kept for the pages a body edit does not check again.
    var linkProblems: [Diagnostic] = []

    init(site: LinkedSite, globalKey: UInt64) {
        self.site = site
        self.globalKey = globalKey
        index = Dictionary(site.pages.pageIDs.map { (site.pages[$0].sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The site with the new bodies, and which pages got one; nil when anything else changed.
    func replacingBodies(from loaded: LoadedSite, fresh: [String], sameFiles: Bool, globalKey: UInt64) -> (
        site: LinkedSite, changed: Set<PageID>
    )? {
        guard sameFiles, globalKey == self.globalKey, loaded.diagnostics.isEmpty, values != nil else { return nil }
        let freshPaths = Set(fresh)
        var site = self.site
        var changed = Set<PageID>()
        for page in loaded.pages where freshPaths.contains(page.sourcePath) {
            guard let i = index[page.sourcePath], site.pages[i].frontMatterHash == page.frontMatterHash else {
                return nil
            }
            site.pages[i].body = page.body
            site.pages[i].bodyFirstLine = page.bodyFirstLine
            changed.insert(i)
        }
        return (site, changed)
    }
}
