/// Check: every problem the site has before anything is made of it: the load's and link's,
/// each page's Markdown, links and anchors that lead nowhere (`LinkChecker`), menu entries
/// that name nothing (`MenuCheck`), what makes a page hard to use with a screen reader
/// (`AccessibilityCheck`, at the Markdown's line; titles shared by two pages). After a body edit only the links an edit can have broken
/// are checked again; the other pages' findings are the last build's.
struct CheckStage {
    /// The files of `Public/`, relative to it.
    var publicFiles: [String]

    /// The link checker's findings, kept for the pages a body edit does not check again.
    struct Memory: Sendable {
        var linkProblems: [Diagnostic] = []
        var accessibilityProblems: [Diagnostic] = []
    }

    /// - Parameter earlier: the problems found on the way here that are not the site's own
    ///   (the templates').
    func run(
        _ linked: LinkStage.Output, _ markdown: [MarkdownResult], earlier: [Diagnostic], memory: inout Memory
    ) -> [Diagnostic] {
        let site = linked.site
        let linkProblems = checkLinks(site, markdown, onlyBodiesOf: linked.editedBodies, last: memory.linkProblems)
        memory.linkProblems = linkProblems
        let accessibility = checkAccessibility(site, markdown, onlyBodiesOf: linked.editedBodies, memory: &memory)
        var problems = site.diagnostics + earlier + markdown.flatMap(\.diagnostics) + linkProblems + accessibility
        // A body edit changes no URL, title or section: the menu and the titles were found
        // sound by the last build.
        if linked.editedBodies == nil {
            problems += MenuCheck.problems(site.config, pages: site.pages, sections: site.sections)
            problems += AccessibilityCheck.duplicateTitles(
                site, severity: site.config.accessibilityChecks.severity(.duplicateTitles))
        }
        return problems
    }

    /// A page's accessibility problems are its own body's: after a body edit only the edited
    /// pages are checked again.
    private func checkAccessibility(
        _ site: LinkedSite, _ markdown: [MarkdownResult], onlyBodiesOf edited: Set<PageID>?, memory: inout Memory
    ) -> [Diagnostic] {
        let checker = AccessibilityCheck(
            site: site, markdown: markdown, severities: site.config.accessibilityChecks, publicFiles: Set(publicFiles))
        guard let edited else {
            memory.accessibilityProblems = checker.check(pages: markdown.pageIDs)
            return memory.accessibilityProblems
        }
        let files = Set(edited.map { site.pages[$0].sourcePath })
        memory.accessibilityProblems =
            memory.accessibilityProblems.filter { !files.contains($0.file) } + checker.check(pages: edited.sorted())
        return memory.accessibilityProblems
    }

    private func checkLinks(
        _ site: LinkedSite, _ markdown: [MarkdownResult], onlyBodiesOf edited: Set<PageID>?, last: [Diagnostic]
    ) -> [Diagnostic] {
        var checker = LinkChecker(site: site, markdown: markdown, publicFiles: Set(publicFiles))
        switch site.config.missingFilesCheck {
        case .warning: checker.missingFiles = .warning
        case .ignore: checker.missingFiles = nil
        case .error: break
        }
        guard let edited else { return checker.check() }
        let pages = checker.pagesAffected(by: edited)
        let files = Set(pages.map { site.pages[$0].sourcePath })
        return last.filter { !files.contains($0.file) } + checker.check(pages: pages)
    }
}
