/// One HTML file of the output: a page, a page of a section's list, a language's home, a
/// tag page, or the site's 404 page.
enum RenderJob: Sendable, Hashable {
    case page(PageID)
    /// A section and the 1-based page of its list.
    case section(SectionID, page: Int)
    case home(String)
    case tagIndex(String)
    /// A tag and the 1-based page of its list.
    case tag(TagID, page: Int)
    case notFound
    /// A language's search page (`/<lang>/search/`), which the search index serves.
    case search(String)
    /// A language's accessibility page (`/<lang>/accessibility/`), made from site.yaml.
    case accessibility(String)
    /// A redirect page at an old address of a page (`LinkedSite.aliases`).
    case redirect(Int)

    /// A page a reader reaches by navigating, listed in the sitemap and the page counts.
    var isContent: Bool {
        switch self {
        case .notFound, .search, .redirect: return false
        default: return true
        }
    }
}

/// An output file of the plan: its place in the list of jobs (`JobPlanner.allJobs()`).
struct JobID: TableIndex, Hashable, Comparable, Sendable {
    var index: Int
    init(_ index: Int) { self.index = index }
    static func < (a: JobID, b: JobID) -> Bool { a.index < b.index }
}

extension Collection where Index == Int {
    /// Every job's id, for a table kept per job.
    var jobIDs: [JobID] { indices.map(JobID.init) }
}

/// Where a job's file goes and what it links to, computed from the linked site alone, so
/// that the renderer, the sitemap and the feeds agree.
struct JobInfo {
    var lang: String
    var kind: Page.Kind
    var section: String
    /// The content page whose text and front matter the file shows, if any.
    var page: PageID?
    /// Root-relative URL of the file's folder (or the file itself for 404.html).
    var url: String
    var outputPath: String
    /// Language → URL of every version that exists.
    var translations: [String: String]
    var lastmod: SiteDate?
}

struct JobPlanner {
    let site: LinkedSite

    /// Lists of ungrouped sections are split into pages of `paginate` items.
    var pagination: Pagination { Pagination(pageSize: site.config.paginate) }

    func allJobs() -> [RenderJob] {
        var jobs: [RenderJob] = site.config.languageCodes.map { .home($0) }
        for (s, section) in site.sections.enumerated() {
            jobs += (1...pagination.pageCount(of: section)).map { .section(SectionID(s), page: $0) }
        }
        jobs += site.pages.pageIDs.filter {
            site.pages[$0].kind == .single || site.pages[$0].kind == .standalone
        }.map { .page($0) }
        let tagLanguages = Set(site.tags.map(\.lang))
        jobs += site.config.languageCodes.filter(tagLanguages.contains).map { .tagIndex($0) }
        for (t, tag) in site.tags.enumerated() {
            jobs += (1...pagination.pageCount(of: tag)).map { .tag(TagID(t), page: $0) }
        }
        jobs += site.config.languageCodes.map { .search($0) }
        if site.config.accessibility != nil { jobs += site.config.languageCodes.map { .accessibility($0) } }
        jobs += site.aliases.indices.filter { site.aliases[$0].query == nil }.map { .redirect($0) }
        jobs.append(.notFound)
        return jobs
    }

    func info(_ job: RenderJob) -> JobInfo {
        let config = site.config
        switch job {
        case .page(let id):
            let versions = site.translations(of: id).mapValues { site.pages[$0].url }
            return site.pages.withUnsafeBufferPointer { pages in  // a borrow: Page is large to copy
                let page = pages[id.index]
                return JobInfo(
                    lang: page.lang, kind: page.kind, section: page.section, page: id, url: page.url,
                    outputPath: outputPath(page.url), translations: versions, lastmod: lastmod(of: page))
            }
        case .section(let s, let number):
            let section = site.sections[s]
            let url = Pagination.pageURL(section.url, number)
            // Page N of the list pairs with page N of the other language's, where it has one.
            var versions: [String: String] = [:]
            for other in site.sections
            where other.name == section.name
                && (other.lang == section.lang || pagination.pageCount(of: other) >= number)
            {
                versions[other.lang] = Pagination.pageURL(other.url, number)
            }
            return JobInfo(
                lang: section.lang, kind: .sectionIndex, section: section.name, page: section.indexPage,
                url: url, outputPath: outputPath(url), translations: versions, lastmod: section.newest)
        case .home(let lang):
            var versions: [String: String] = [:]
            for code in config.languageCodes { versions[code] = site.languageRoot(code) }
            let newest = site.pages.indices.lazy.filter { site.pages[$0].lang == lang }.compactMap {
                site.pages[$0].date
            }.max()
            return JobInfo(
                lang: lang, kind: .home, section: "", page: site.home(lang), url: site.languageRoot(lang),
                outputPath: outputPath(site.languageRoot(lang)), translations: versions, lastmod: newest)
        case .tagIndex(let lang):
            let url = site.languageRoot(lang) + "tags/"
            var versions: [String: String] = [:]
            for code in Set(site.tags.map(\.lang)) { versions[code] = site.languageRoot(code) + "tags/" }
            return JobInfo(
                lang: lang, kind: .sectionIndex, section: "tags", page: nil, url: url,
                outputPath: outputPath(url), translations: versions, lastmod: nil)
        case .tag(let t, let number):
            let tag = site.tags[t]
            let url = Pagination.pageURL(tag.url, number)
            var versions: [String: String] = [:]
            for other in site.translations(of: t) where pagination.pageCount(of: site.tags[other]) >= number {
                versions[site.tags[other].lang] = Pagination.pageURL(site.tags[other].url, number)
            }
            return JobInfo(
                lang: tag.lang, kind: .sectionIndex, section: "tags", page: nil, url: url,
                outputPath: outputPath(url), translations: versions,
                lastmod: tag.pages.first.flatMap { site.pages[$0].date })
        case .search(let lang):
            let url = site.searchURL(lang)
            var versions: [String: String] = [:]
            for code in config.languageCodes { versions[code] = site.searchURL(code) }
            return JobInfo(
                lang: lang, kind: .standalone, section: "search", page: nil, url: url, outputPath: outputPath(url),
                translations: versions, lastmod: nil)
        case .accessibility(let lang):
            let url = site.accessibilityURL(lang)
            var versions: [String: String] = [:]
            for code in config.languageCodes { versions[code] = site.accessibilityURL(code) }
            return JobInfo(
                lang: lang, kind: .standalone, section: "accessibility", page: nil, url: url,
                outputPath: outputPath(url), translations: versions, lastmod: config.accessibility?.tested)
        case .redirect(let a):
            let alias = site.aliases[a]
            let page = site.pages[alias.page]
            return JobInfo(
                lang: page.lang, kind: .standalone, section: "", page: alias.page, url: alias.url,
                outputPath: outputPath(alias.url), translations: [:], lastmod: nil)
        case .notFound:
            return JobInfo(
                lang: config.defaultLanguage, kind: .standalone, section: "", page: nil,
                url: config.basePath + "404.html", outputPath: "404.html", translations: [:], lastmod: nil)
        }
    }

    /// The template names to try, most specific first.
    func templates(for job: RenderJob, info: JobInfo) -> [String] {
        switch job {
        case .page: return info.kind == .standalone ? ["page", "single"] : [info.section + "/single", "single"]
        case .section: return [info.section + "/list", "list"]
        case .home: return ["home", "list"]
        case .tagIndex: return ["tags", "list"]
        case .tag: return ["tag", "list"]
        case .notFound: return ["404"]
        case .search: return ["search"]
        case .accessibility: return ["accessibility"]
        case .redirect: return ["redirect"]
        }
    }

    private func outputPath(_ url: String) -> String {
        String(url.dropFirst(site.config.basePath.count)) + "index.html"
    }

    private func lastmod(of page: Page) -> SiteDate? {
        page.updated ?? page.date
    }
}
