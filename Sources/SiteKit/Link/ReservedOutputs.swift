/// Every address and file the build writes that is not a content page: the lists (with their
/// numbered pages), tag pages, homes, search pages and the files beside the pages. A page or
/// an old address (alias) that claims one would replace it, or vanish behind it, so each is an
/// error at its file.
struct ReservedOutputs {
    /// URL → what is there, for the messages.
    private(set) var urls: [String: String] = [:]
    /// Output paths of files (`ja/feed.xml`) → what they are: no page or alias folder may be
    /// at or below one.
    private(set) var files: [String: String] = [:]
    /// Folders whose files are all generated (`ja/search/`): nothing else may go below them.
    private(set) var folders: [String: String] = [:]
    let basePath: String

    init(_ site: LinkedSite) {
        basePath = site.config.basePath
        let pagination = Pagination(pageSize: site.config.paginate)
        for section in site.sections {
            let what = "the list of \(section.name) (\(section.lang))"
            urls[section.url] = what
            for n in stride(from: 2, through: pagination.pageCount(of: section), by: 1) {
                urls[Pagination.pageURL(section.url, n)] = "page \(n) of " + what
            }
            let folder = String(section.url.dropFirst(basePath.count))
            if site.config.model.feedSections.contains(section.name) {
                files[folder + OutputNames.feed] = "the feed of \(section.name) (\(section.lang))"
            }
            if site.config.model.section(section.name).isEvents {
                files[folder + OutputNames.calendar] = "the calendar of \(section.name) (\(section.lang))"
                for page in section.pages {
                    files[String(site.pages[page].url.dropFirst(basePath.count)) + OutputNames.event] =
                        "the calendar file of \(site.pages[page].sourcePath)"
                }
            }
        }
        for tag in site.tags {
            urls[tag.url] = "the tag page of \(tag.name)"
            for n in stride(from: 2, through: pagination.pageCount(of: tag), by: 1) {
                urls[Pagination.pageURL(tag.url, n)] = "page \(n) of the tag page of \(tag.name)"
            }
        }
        for code in site.config.languageCodes {
            urls[site.languageRoot(code)] = "the \(code) home page"
            urls[site.languageRoot(code) + "tags/"] = "the \(code) tag index"
            urls[site.searchURL(code)] = "the \(code) search page"
            if site.config.accessibility != nil {
                urls[site.accessibilityURL(code)] = "the \(code) accessibility page (`accessibility:` in site.yaml)"
            }
            folders[String(site.searchURL(code).dropFirst(basePath.count))] = "the \(code) search index"
            files[code + "/" + OutputNames.feed] = "the \(code) feed"
        }
        for name in OutputNames.atRoot { files[name] = "the site's \(name)" }
        if site.config.cms != nil {
            urls[basePath + OutputNames.adminFolder] = "the browser editor's page (`cms:` in site.yaml)"
            folders[OutputNames.adminFolder] = "the browser editor's files (`cms:` in site.yaml)"
        }
    }

    /// What a page or redirect at `url` (a folder URL ending in `/`) would collide with, or nil.
    func conflict(_ url: String) -> String? {
        if let what = urls[url] { return what }
        guard url.hasPrefix(basePath) else { return nil }
        let folder = String(url.dropFirst(basePath.count))
        // `ja/feed.xml/` is a folder where the file `ja/feed.xml` must be.
        var path = ""
        for segment in folder.split(separator: "/") {
            path += path.isEmpty ? String(segment) : "/" + segment
            if let what = files[path] { return what }
            if let what = folders[path + "/"], path + "/" != folder { return what }
        }
        return nil
    }
}
