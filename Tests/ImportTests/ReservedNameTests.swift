import Foundation
import Testing

@testable import SiteKit
@testable import WordPressImport

/// Issue 38 item 17 and issue 36 item 3 (the importer's half): a post or page whose name the
/// site gives a meaning (`_index` makes a section's index page; a root page `news`, `tags`,
/// `search`, `index` or a language code takes a list's or a generated page's address) is
/// renamed, and the report says so.
@Suite struct ReservedNameTests {
    @Test func reservedNamesAreRenamedAndReported() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        var items = [
            WXR.Item(id: 1, title: "Post", slug: "_index"),
            WXR.Item(id: 2, title: "Hidden", slug: ".hidden"),
        ]
        for (n, slug) in ["news", "tags", "search", "_index", "index", "ja", "cafe"].enumerated() {
            items.append(WXR.Item(id: 10 + n, title: "Page \(slug)", type: "page", slug: slug))
        }
        items[2].link = "https://old.example/ja/news/"
        let report = try box.run(items)
        #expect(
            Set(report.written) == [
                "Content/news/2025-01-15-index.ja.md", "Content/news/2025-01-15-wp-2.ja.md", "Content/news-page.ja.md",
                "Content/tags-page.ja.md", "Content/search-page.ja.md", "Content/index-page.ja.md",
                "Content/index-page-14.ja.md", "Content/ja-page.ja.md", "Content/cafe-page.ja.md",
            ])
        #expect(report.warningCounts["renamed"] == 8)
        #expect(report.warnings.contains { $0.contains(": warning: renamed: ") && $0.contains("news-page") })
        for path in report.written {
            let text = try box.text("site/" + path)
            #expect(!text.contains("slug: \"_index\"") && !text.contains("slug: \"news\""), "\(path)")
            // The old address of the page named news was the list's: no alias may claim it.
            #expect(!text.contains("\"/ja/news\""), "\(path)")
        }
        let output = box.base.appendingPathComponent("Output")
        try SiteBuilder(options: .init(source: box.site, output: output)).build()
        let list = try String(contentsOf: output.appendingPathComponent("ja/news/index.html"), encoding: .utf8)
        #expect(list.contains("ニュース一覧"))  // the section index, not the page named news
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("ja/news-page/index.html").path))
    }
}
