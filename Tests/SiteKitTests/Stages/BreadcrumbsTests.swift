import Foundation
import Mustache
import Testing

@testable import SiteKit

/// Where each page sits: home › section › page, in the page's language, and the same trail as
/// schema.org BreadcrumbList JSON-LD.
@Suite struct BreadcrumbsTests {
    static let template = """
        {{#page.breadcrumbs}}{{label}}:{{#items}}{{name}}={{url}} › {{/items}}{{current}}|{{{jsonLD}}}{{/page.breadcrumbs}}
        """

    func rendered(_ url: String, files: [String: String] = InMemorySite.news(3)) throws -> String {
        let linked = try InMemorySite(files: files).linked()
        let library = try TemplateLibrary(
            sources: ["single", "list", "home", "search", "tags", "tag"].map {
                .init(name: $0, file: "Templates/\($0).mustache", source: Self.template)
            })
        let renderer = PageRenderer(
            site: linked, values: PageValues(site: linked, markdown: InMemorySite.markdown(linked)), library: library,
            i18n: [:])
        let planner = JobPlanner(site: linked)
        let job = try #require(planner.allJobs().first { planner.info($0).url == url }, "no job for \(url)")
        return String(decoding: try renderer.render(job, info: planner.info(job)).get().html, as: UTF8.self)
    }

    @Test func aPageInASectionSitsUnderItsList() throws {
        let html = try rendered("/ja/news/2025-01-02-item-2/")
        let (trail, json) = try #require(html.split(separator: "|", maxSplits: 1).map(String.init).pair)
        #expect(trail == "パンくずリスト:サイト=/ja/ › news=/ja/news/ › 記事 2")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "BreadcrumbList")
        let items = try #require(object["itemListElement"] as? [[String: Any]])
        #expect(items.map { $0["position"] as? Int } == [1, 2, 3])
        #expect(items.map { $0["name"] as? String } == ["サイト", "news", "記事 2"])
        #expect(items[1]["item"] as? String == "https://example.org/ja/news/")
        #expect(items[2]["item"] == nil, "the page itself is not linked")
    }

    @Test func listsTagsAndSearchSitUnderTheHome() throws {
        #expect(try rendered("/en/news/").hasPrefix("Breadcrumb:Site=/en/ › news"))
        #expect(try rendered("/en/news/page/2/").hasPrefix("Breadcrumb:Site=/en/ › news=/en/news/ › news, page 2|"))
        #expect(try rendered("/ja/tags/climate/").hasPrefix("パンくずリスト:サイト=/ja/ › タグ=/ja/tags/ › climate|"))
        #expect(try rendered("/ja/").isEmpty, "the home page has none")
    }

    @Test func theJSONStaysInsideItsScriptElement() throws {
        var files = InMemorySite.news(1)
        files["Content/news/2025-01-01-item-1.en.md"] = "---\ntitle: \"</script><b>x</b> & y\"\ndate: 2025-01-01\n---\n"
        let html = try rendered("/en/news/2025-01-01-item-1/", files: files)
        let json = String(html.split(separator: "|", maxSplits: 1)[1])
        #expect(!json.contains("</script>") && !json.contains("<b>"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let items = try #require(object["itemListElement"] as? [[String: Any]])
        #expect(items.last?["name"] as? String == "</script><b>x</b> & y")
    }
}

extension Array where Element == String {
    fileprivate var pair: (String, String)? { count == 2 ? (self[0], self[1]) : nil }
}
