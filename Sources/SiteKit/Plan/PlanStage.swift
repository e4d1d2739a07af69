import Mustache

/// Plan: every output file the site has, as a job with its `JobInfo` (URL, output path,
/// language). After a body edit the pages and URLs are those of the last build, so its jobs
/// stand.
struct PlanStage {
    /// The site's templates: a site without a `404` template has no not-found page.
    var library: TemplateLibrary

    struct Memory: Sendable {
        var jobs: [RenderJob] = []
        var infos: [JobInfo] = []
    }

    func run(_ linked: LinkStage.Output, memory: inout Memory) -> SitePlan {
        if linked.editedBodies != nil, !memory.jobs.isEmpty {
            return SitePlan(jobs: memory.jobs, infos: memory.infos)
        }
        let planner = JobPlanner(site: linked.site)
        let jobs = planner.allJobs().filter { $0 != .notFound || library.contains("404") }
        let infos = jobs.parallelMap { planner.info($0) }
        memory = Memory(jobs: jobs, infos: infos)
        return SitePlan(jobs: jobs, infos: infos)
    }
}

/// The plan stage's answer: every output file's job.
struct SitePlan {
    var jobs: [RenderJob]
    var infos: [JobInfo]

    func pagesPerLanguage(_ languages: [String]) -> [(lang: String, count: Int)] {
        languages.map { code in
            (code, jobs.indices.reduce(0) { $0 + (jobs[$1].isContent && infos[$1].lang == code ? 1 : 0) })
        }
    }
}
