import Foundation
import Mustache
import Testing

@testable import SiteKit

/// The render stage alone: one job, its values and a template made of a string.
@Suite struct RenderStageTests {
    func renderer(_ templates: [String: String], site: LinkedSite) throws -> PageRenderer {
        let library = try TemplateLibrary(
            sources: templates.map { .init(name: $0.key, file: "Templates/\($0.key).mustache", source: $0.value) })
        let values = PageValues(site: site, markdown: InMemorySite.markdown(site))
        return PageRenderer(site: site, values: values, library: library, i18n: [:])
    }

    @Test func aPageIsLaidOutWithItsSectionsTemplate() throws {
        let site = try InMemorySite(files: InMemorySite.news(1)).linked()
        let renderer = try renderer(
            ["news/single": "<h1>{{page.title}}</h1>{{{content}}}<p>{{page.date}}</p>", "single": "generic"], site: site
        )
        let planner = JobPlanner(site: site)
        let job = planner.allJobs().first { planner.info($0).url == "/ja/news/2025-01-01-item-1/" }!
        let output = try renderer.render(job, info: planner.info(job)).get()
        #expect(output.path == "ja/news/2025-01-01-item-1/index.html")
        #expect(String(decoding: output.html, as: UTF8.self) == "<h1>記事 1</h1><p>Text 1.</p>\n<p>2025年1月1日（水）</p>")
    }

    @Test func aJobWithoutATemplateIsAnErrorNamingTheFilesItLookedFor() throws {
        let site = try InMemorySite(files: InMemorySite.news(1)).linked()
        let renderer = try renderer(["home": "home"], site: site)
        let planner = JobPlanner(site: site)
        let job = planner.allJobs().first { planner.info($0).url == "/en/news/2025-01-01-item-1/" }!
        guard case .failure(let problem) = renderer.render(job, info: planner.info(job)) else {
            Issue.record("rendered without a template")
            return
        }
        #expect(problem.message.contains("Templates/news/single.mustache or Templates/single.mustache"), "\(problem)")
    }

    @Test func titlesAreEscapedAndMarkdownIsNot() throws {
        var files = InMemorySite.news(1)
        files["Content/news/2025-01-01-item-1.ja.md"] = "---\ntitle: \"<b>太字</b>\"\ndate: 2025-01-01\n---\n\n**本文**\n"
        let site = try InMemorySite(files: files).linked()
        let renderer = try renderer(["single": "{{page.title}}|{{{content}}}"], site: site)
        let planner = JobPlanner(site: site)
        let job = planner.allJobs().first { planner.info($0).url == "/ja/news/2025-01-01-item-1/" }!
        let html = String(decoding: try renderer.render(job, info: planner.info(job)).get().html, as: UTF8.self)
        #expect(html == "&lt;b&gt;太字&lt;/b&gt;|<p><strong>本文</strong></p>\n")
    }
}
