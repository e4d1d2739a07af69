import Foundation
import Testing

@testable import SiteKit

/// The plan stage alone: which files a site has, where each goes, and what an edit makes stale.
@Suite struct PlanStageTests {
    @Test func everyOutputFileHasOneJobAndPath() throws {
        let site = try InMemorySite(files: InMemorySite.news(5)).linked()
        let planner = JobPlanner(site: site)
        let jobs = planner.allJobs()
        let paths = jobs.map { planner.info($0).outputPath }
        #expect(Set(paths).count == paths.count, "no two jobs write one file")
        // Five items in lists of two: three list pages in each language.
        for lang in ["ja", "en"] {
            #expect(paths.contains("\(lang)/news/index.html"))
            #expect(
                paths.contains("\(lang)/news/page/2/index.html") && paths.contains("\(lang)/news/page/3/index.html"))
            #expect(!paths.contains("\(lang)/news/page/4/index.html"))
            #expect(paths.contains("\(lang)/index.html") && paths.contains("\(lang)/search/index.html"))
            #expect(paths.contains("\(lang)/tags/index.html") && paths.contains("\(lang)/tags/climate/index.html"))
        }
        #expect(paths.filter { $0.hasPrefix("ja/news/2025-") }.count == 5)
    }

    @Test func listPagesPairWithTheOtherLanguagesPageOfTheSameNumber() throws {
        var files = InMemorySite.news(5)
        files["Content/news/2025-02-01-only-ja.ja.md"] = "---\ntitle: 日本語だけ\ndate: 2025-02-01\n---\n"
        let site = try InMemorySite(files: files).linked()
        let planner = JobPlanner(site: site)
        let third = planner.allJobs().first { planner.info($0).url == "/ja/news/page/3/" }!
        #expect(planner.info(third).translations == ["ja": "/ja/news/page/3/", "en": "/en/news/page/3/"])
        // Six Japanese items make three pages, and the third pairs; a fourth would have no pair.
        #expect(!planner.allJobs().contains { planner.info($0).url == "/ja/news/page/4/" })
    }
}
