import Foundation

/// Checks every link and image once all pages are parsed: content links' `#anchors` must be
/// headings of the target page, root-relative links must name a page of the site or a file
/// of `Public/`.
struct LinkChecker {
    let site: LinkedSite
    let markdown: [MarkdownResult]
    /// Paths below `Public/` (`css/site.css`).
    let publicFiles: Set<String>

    func check() -> [Diagnostic] {
        let targets = pageTargets()
        var diagnostics: [Diagnostic] = []
        for (i, result) in markdown.enumerated() {
            let file = site.pages[i].sourcePath
            for link in result.links {
                if let page = link.page {
                    if let problem = anchorProblem(link.fragment, on: page) {
                        diagnostics.append(.error(file, link.line, link.column, problem))
                    }
                    continue
                }
                guard link.url.hasPrefix("/"), !link.url.hasPrefix("//") else { continue }
                if let problem = localProblem(link, targets: targets) {
                    diagnostics.append(.error(file, link.line, link.column, problem))
                }
            }
        }
        return diagnostics
    }

    private func anchorProblem(_ fragment: String, on page: Int) -> String? {
        guard !fragment.isEmpty else { return nil }
        let anchor = fragment.removingPercentEncoding ?? fragment
        let ids = markdown[page].headingIDs
        guard !ids.contains(anchor) else { return nil }
        let known = ids.isEmpty ? "it has no headings" : "its headings are " + ids.prefix(8).map { "#\($0)" }.joined(separator: ", ")
        return "the anchor #\(anchor) does not exist on \(site.pages[page].sourcePath): \(known)"
    }

    /// A root-relative link: a page of the site (with its anchor), or a file of Public/.
    private func localProblem(_ link: LinkRecord, targets: [String: Int?]) -> String? {
        var path = link.url
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = path.removingPercentEncoding ?? path
        if path.hasSuffix("/index.html") { path.removeLast("index.html".count) }
        let candidates = [path, path.hasSuffix("/") ? path : path + "/"]
        for candidate in candidates {
            if let target = targets[candidate] {
                if let page = target { return anchorProblem(fragment, on: page) }
                return nil
            }
        }
        let base = site.config.basePath
        if path.hasPrefix(base), publicFiles.contains(String(path.dropFirst(base.count))) { return nil }
        let what = link.isImage ? "image" : "link"
        return "broken \(what) `\(link.url)`: no page of the site has this URL and Public/ has no such file"
    }

    /// Every URL the build writes; content pages map to their index for anchor checks.
    private func pageTargets() -> [String: Int?] {
        var targets: [String: Int?] = [:]
        for (i, page) in site.pages.enumerated() { targets[page.url] = i }
        let planner = JobPlanner(site: site)
        for job in planner.allJobs() {
            let info = planner.info(job)
            if targets[info.url] == nil { targets[info.url] = .some(info.pageIndex) }
        }
        for code in site.config.languageCodes { targets[site.languageRoot(code) + "feed.xml"] = .some(nil) }
        targets[site.config.basePath + "sitemap.xml"] = .some(nil)
        targets[site.config.basePath] = .some(nil)
        return targets
    }
}
