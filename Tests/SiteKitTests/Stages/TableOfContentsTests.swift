import Foundation
import Mustache
import Testing

@testable import SiteKit

/// A long page's table of contents: its sections and their subsections, linking the headings'
/// ids, in the page's language; made for three sections or more, or when the page asks.
@Suite struct TableOfContentsTests {
    func rendered(_ body: String, frontMatter: String = "", lang: String = "ja") throws -> String {
        let files = ["Content/about.\(lang).md": "---\ntitle: 概要\n\(frontMatter)---\n\n\(body)"]
        let site = try InMemorySite(files: files).linked()
        let library = try TemplateLibrary(sources: [
            .init(
                name: "single", file: "Templates/single.mustache",
                source:
                    "{{#page.toc}}<nav>{{title}}:{{#items}}[{{text}}→{{url}}{{#sub}}({{#items}}{{text}}→{{url}};{{/items}}){{/sub}}]{{/items}}</nav>{{/page.toc}}"
            )
        ])
        let renderer = PageRenderer(
            site: site, values: PageValues(site: site, markdown: InMemorySite.markdown(site)), library: library,
            i18n: [:])
        let planner = JobPlanner(site: site)
        let job = planner.allJobs().first { planner.info($0).url == "/\(lang)/about/" }!
        return String(decoding: try renderer.render(job, info: planner.info(job)).get().html, as: UTF8.self)
    }

    @Test func threeSectionsMakeATableWithTheirSubsections() throws {
        let html = try rendered("## 歴史\n\n## 使命\n\n### 目標\n\n### 活動\n\n#### 細目\n\n## 世界の事務所\n")
        #expect(html == "<nav>目次:[歴史→#歴史][使命→#使命(目標→#目標;活動→#活動;)][世界の事務所→#世界の事務所]</nav>")
    }

    @Test func twoSectionsMakeNoneUnlessThePageAsks() throws {
        #expect(try rendered("## One\n\n## Two\n", lang: "en") == "")
        #expect(try rendered("## One\n\n## Two\n", frontMatter: "toc: true\n", lang: "en").hasPrefix("<nav>Contents:"))
        #expect(try rendered("## A\n\n## B\n\n## C\n", frontMatter: "toc: false\n") == "")
    }

    @Test func headingsWithTheSameTextLinkTheirOwnIDs() throws {
        let html = try rendered("## 概要\n\n## 概要\n\n## 概要\n")
        #expect(html.contains("→#概要]") && html.contains("→#概要-1]") && html.contains("→#概要-2]"))
    }

    @Test func tocMustBeTrueOrFalseAtItsLine() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/long.ja.md", "---\ntitle: 長い\ntoc: yes please\n---\n\n## A\n")
        let errors = site.buildErrors()
        #expect(
            errors.contains {
                $0.file == "Content/long.ja.md" && $0.line == 3 && $0.message.hasPrefix("`toc` must be true or false")
            }, "\(errors)")
    }

    @Test func theBundledAboutPagesHaveOne() throws {
        let output = try BundledSite.build(into: "toc")
        defer { try? FileManager.default.removeItem(at: output) }
        let page = try String(contentsOf: output.appendingPathComponent("ja/about-iclei/index.html"), encoding: .utf8)
        #expect(page.contains("<nav class=\"toc\" aria-label=\"目次\">"))
        #expect(page.contains("<a href=\"#歴史\">歴史</a>") && page.contains("id=\"歴史\""))
        let english = try String(
            contentsOf: output.appendingPathComponent("en/about-iclei/index.html"), encoding: .utf8)
        #expect(english.contains("aria-label=\"Contents\""))
    }
}
