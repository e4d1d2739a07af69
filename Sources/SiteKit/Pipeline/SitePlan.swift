import Foundation
import Mustache

/// The plan stage's answer: every output file's job, and which of them this build renders.
struct SitePlan {
    var jobs: [RenderJob]
    var infos: [JobInfo]
    /// What each page shows of itself to other pages, by page index: the next build's
    /// snapshot compares them to find what an edit makes stale.
    var records: [BuildSnapshot.PageRecord]
    var sitemap: [UInt8]
    /// `lang/section` of every section that exists: one that comes or goes changes every menu.
    var sections: Set<String>
    /// The jobs an edit made stale when the previous output can be updated in place; nil when
    /// the whole site is written anew.
    var stale: [JobID]?

    func pagesPerLanguage(_ languages: [String]) -> [(lang: String, count: Int)] {
        languages.map { code in
            (code, jobs.indices.reduce(0) { $0 + (jobs[$1].isContent && infos[$1].lang == code ? 1 : 0) })
        }
    }
}

extension SiteBuilder {
    /// Every job of the site, and the stale ones when `snapshot` still describes the output.
    /// After a body-only edit the previous plan is reused and only the edited pages' records
    /// are made again.
    func plan(_ prepared: PreparedSite, linked: inout LinkedState?, snapshot: BuildSnapshot?) throws(BuildFailure)
        -> SitePlan
    {
        let (site, renderer) = (prepared.site, prepared.renderer)
        let jobs: [RenderJob]
        let infos: [JobInfo]
        var records: [BuildSnapshot.PageRecord]
        var fullSitemap: Result<[UInt8], BuildFailure>?
        if let changed = prepared.changedBodies, let previousJobs = linked?.jobs, !previousJobs.isEmpty {
            (jobs, infos) = (previousJobs, linked?.infos ?? [])
            // Moved out while they change, so that the array is not copied.
            var updated = linked?.records ?? []
            linked?.records = []
            for i in changed { updated[i] = Self.record(of: i, site: site, values: renderer.values) }
            records = updated
        } else {
            let planner = JobPlanner(site: site)
            jobs = planner.allJobs().filter { $0 != .notFound || renderer.library.contains("404") }
            infos = jobs.parallelMap { planner.info($0) }
            // The sitemap is one file written by one thread: made beside the records, not after.
            let (madeRecords, madeSitemap) = concurrently(
                { site.pages.pageIDs.parallelMap { i in Self.record(of: i, site: site, values: renderer.values) } },
                { [jobs, infos] in
                    Result { () throws(BuildFailure) in
                        try Self.sitemap(site: site, jobs: jobs, infos: infos, library: renderer.library)
                    }
                })
            records = madeRecords
            fullSitemap = madeSitemap
        }
        // A page's HTML also changes with the images it shows (their sizes and variants).
        for (i, key) in prepared.media.pageKeys {
            records[i].bodyHash = ContentHasher.hash(renderer.values.markdown[i].html) &+ key
        }
        let sitemap: [UInt8]
        if let fullSitemap {
            sitemap = try fullSitemap.get()
        } else if prepared.changedBodies != nil, let kept = linked?.sitemap {
            sitemap = kept
        } else {
            sitemap = try Self.sitemap(site: site, jobs: jobs, infos: infos, library: renderer.library)
        }
        linked?.jobs = jobs
        linked?.infos = infos
        linked?.records = records
        linked?.sitemap = sitemap
        let sections = Set(site.sections.map { $0.lang + "/" + $0.name })
        let stale = snapshot.flatMap { old -> [JobID]? in
            guard SiteWriter.buildID(of: options.output) == old.buildID,
                case .jobs(let selected) = ChangePlanner(site: site, jobs: jobs, infos: infos, records: records)
                    .plan(
                        since: old, globalKey: prepared.globalKey, sections: sections,
                        onlyBodiesOf: prepared.changedBodies),
                selected.count <= max(64, jobs.count / 4)
            else { return nil }
            return selected
        }
        return SitePlan(jobs: jobs, infos: infos, records: records, sitemap: sitemap, sections: sections, stale: stale)
    }

    /// Everything a page shows of itself to other pages, for deciding what to render again.
    static func record(of i: PageID, site: LinkedSite, values: PageValues) -> BuildSnapshot.PageRecord {
        let page = site.pages[i]
        let references = (site.references.outgoing[i] ?? [:]).sorted { $0.key < $1.key }.flatMap(\.value)
        return BuildSnapshot.PageRecord(
            summaryHash: ContentHasher.hash(values.summaries[i]),
            bodyHash: ContentHasher.hash(values.markdown[i].html), contentPath: page.contentPath, lang: page.lang,
            section: page.section, translationKey: page.translationKey,
            tags: page.tags,
            references: references)
    }

    static func sitemap(site: LinkedSite, jobs: [RenderJob], infos: [JobInfo], library: TemplateLibrary)
        throws(BuildFailure) -> [UInt8]
    {
        let entries = zip(jobs, infos).filter { $0.0.isContent }.map { _, info in
            SitemapWriter.Entry(url: info.url, lastmod: info.lastmod, alternates: info.translations)
        }
        return try SitemapWriter(site: site, library: library).sitemap(entries)
    }
}
