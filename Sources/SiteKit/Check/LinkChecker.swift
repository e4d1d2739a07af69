import Foundation

/// Checks every link and image once all pages are parsed: content links' `#anchors` must be
/// headings of the target page, root-relative links must name a page of the site or a file
/// of `Public/`.
struct LinkChecker {
    let site: LinkedSite
    let markdown: [MarkdownResult]
    /// Paths below `Public/` (`css/site.css`).
    let publicFiles: Set<String>
    /// How a link to a file that Public/ lacks is reported (site.yaml `checks: {missingFiles:
    /// error | warning | ignore}`): nil ignores it.
    var missingFiles: Diagnostic.Severity? = .error

    func check() -> [Diagnostic] {
        check(pages: markdown.pageIDs)
    }

    func check(pages: [PageID]) -> [Diagnostic] {
        // Only root-relative links need the table of every URL of the site.
        let needsTargets = pages.contains { i in markdown[i].links.contains { $0.page == nil && $0.url.hasPrefix("/") }
        }
        let targets = needsTargets ? pageTargets() : [:]
        let checker = self
        return pages.parallelMap { i in checker.check(page: i, targets: targets) }.flatMap { $0 }
    }

    /// The pages whose links a change of `changed` pages can break: those pages and every
    /// page linking to one of them (an `#anchor` may be gone).
    func pagesAffected(by changed: Set<PageID>) -> [PageID] {
        var isChanged = [Bool](repeating: false, count: markdown.count)
        for i in changed { isChanged[i] = true }
        return markdown.pageIDs.filter { i in
            isChanged[i] || markdown[i].links.contains { link in link.page.map { isChanged[$0] } ?? false }
        }
    }

    private func check(page i: PageID, targets: [String: PageID?]) -> [Diagnostic] {
        let page = site.pages[i]
        let file = page.sourcePath
        var diagnostics = BoundedDiagnostics(file: file)
        let columns = SourceColumnsLazy(body: page.body, firstLine: page.bodyFirstLine)
        func report(_ severity: Diagnostic.Severity, _ link: LinkRecord, _ problem: String) {
            guard diagnostics.hasRoom else { return diagnostics.drop(severity) }
            diagnostics.add(
                Diagnostic(
                    file: file, line: link.line, column: columns.column(for: link), severity: severity, message: problem
                ))
        }
        for link in markdown[i].links {
            if let target = link.page {
                if let problem = anchorProblem(link.fragment, on: target) { report(.error, link, problem) }
                continue
            }
            guard link.url.hasPrefix("/"), !link.url.hasPrefix("//") else { continue }
            if let (problem, isMissingFile) = localProblem(link, targets: targets),
                let severity = isMissingFile ? missingFiles : .error
            {
                report(severity, link, problem)
            }
        }
        return diagnostics.all
    }

    private func anchorProblem(_ fragment: String, on page: PageID) -> String? {
        guard !fragment.isEmpty else { return nil }
        let anchor = fragment.contains("%") ? fragment.removingPercentEncoding ?? fragment : fragment
        let ids = markdown[page].headingIDs
        guard !ids.contains(anchor) else { return nil }
        let known =
            ids.isEmpty
            ? "it has no headings" : "its headings are " + ids.prefix(8).map { "#\($0)" }.joined(separator: ", ")
        return "the anchor #\(anchor) does not exist on \(site.pages[page].sourcePath): \(known)"
    }

    /// A root-relative link: a page of the site (with its anchor), or a file of Public/.
    private func localProblem(_ link: LinkRecord, targets: [String: PageID?]) -> (String, Bool)? {
        // Byte-level splitting: Character-based String search is needlessly slow here.
        let utf8 = link.url.utf8
        let hash = utf8.firstIndex(of: UInt8(ascii: "#"))
        let fragment = hash.map { String(link.url[utf8.index(after: $0)...]) } ?? ""
        var pathPart = link.url[..<(hash ?? utf8.endIndex)]
        if let query = pathPart.utf8.firstIndex(of: UInt8(ascii: "?")) { pathPart = pathPart[..<query] }
        var path = String(pathPart)
        if path.utf8.contains(UInt8(ascii: "%")) { path = path.removingPercentEncoding ?? path }
        if path.utf8.count >= 11, path.utf8.suffix(11).elementsEqual("/index.html".utf8) {
            path = String(path.utf8.dropLast(10))!
        }
        if let target = targets[path] ?? (path.utf8.last == UInt8(ascii: "/") ? nil : targets[path + "/"]) {
            if let page = target { return anchorProblem(fragment, on: page).map { ($0, false) } }
            return nil
        }
        let base = site.config.basePath
        if path.hasPrefix(base), publicFiles.contains(String(path.dropFirst(base.count))) { return nil }
        let what = link.isImage ? "image" : "link"
        let looksLikeFile = path.split(separator: "/").last?.contains(".") ?? false
        return (
            "broken \(what) `\(link.url)`: no page of the site has this URL and Public/ has no such file", looksLikeFile
        )
    }

    /// Every URL the build writes; content pages map to their index for anchor checks.
    private func pageTargets() -> [String: PageID?] {
        var targets: [String: PageID?] = [:]
        targets.reserveCapacity(site.pages.count * 2)
        for i in site.pages.pageIDs { targets[site.pages[i].url] = i }
        let pagination = Pagination(pageSize: site.config.paginate)
        for section in site.sections {
            targets[section.url] = .some(section.indexPage)
            let pages = pagination.pageCount(of: section)
            if pages > 1 { for n in 2...pages { targets[Pagination.pageURL(section.url, n)] = .some(nil) } }
        }
        for tag in site.tags {
            for n in 1...pagination.pageCount(of: tag) { targets[Pagination.pageURL(tag.url, n)] = .some(nil) }
        }
        for code in site.config.languageCodes {
            let root = site.languageRoot(code)
            if targets[root] == nil { targets[root] = .some(site.home(code)) }
            targets[root + "tags/"] = .some(nil)
            targets[root + "feed.xml"] = .some(nil)
            targets[site.searchURL(code)] = .some(nil)
            if site.config.accessibility != nil { targets[site.accessibilityURL(code)] = .some(nil) }
        }
        for alias in site.aliases where alias.query == nil { targets[alias.url] = .some(alias.page) }
        targets[site.config.basePath + "sitemap.xml"] = .some(nil)
        targets[site.config.basePath + "404.html"] = .some(nil)
        targets[site.config.basePath] = .some(nil)
        return targets
    }
}

/// Turns a link record's byte column into a character column, only when one is reported.
struct SourceColumnsLazy {
    let body: String
    let firstLine: Int

    func column(for link: LinkRecord) -> Int {
        SourceColumns.characterColumn(in: body, line: link.line - firstLine + 1, byteColumn: link.column)
    }
}
