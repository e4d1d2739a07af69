import Foundation
import Testing

@testable import SiteKit

/// The link stage alone, on a site of strings: URLs, translations, lists, tags and the
/// addresses no page may take.
@Suite struct LinkStageTests {
    @Test func pagesGetURLsTranslationsListsAndTags() throws {
        let site = try InMemorySite(files: InMemorySite.news(3)).linked()
        #expect(site.diagnostics.isEmpty, "\(site.diagnostics)")
        let urls = Set(site.pages.map(\.url))
        #expect(urls.contains("/ja/news/2025-01-01-item-1/") && urls.contains("/en/news/2025-01-03-item-3/"))
        let first = site.pages.pageIDs.first { site.pages[$0].url == "/ja/news/2025-01-01-item-1/" }!
        #expect(site.translations(of: first).keys.sorted() == ["en", "ja"])
        let news = try #require(site.section("news", lang: "ja"))
        #expect(news.pages.map { site.pages[$0].title } == ["記事 3", "記事 2", "記事 1"], "newest first")
        #expect(site.tags.map(\.url).sorted() == ["/en/tags/climate/", "/ja/tags/climate/"])
    }

    @Test func aDeclaredSectionWithoutPagesIsAListAlready() throws {
        let site = try InMemorySite(files: ["Content/about.ja.md": "---\ntitle: 概要\n---\n"]).linked()
        #expect(site.section("news", lang: "ja")?.pages.isEmpty == true)
        #expect(site.section("news", lang: "en") != nil)
    }

    @Test func twoPagesOnOneURLAreErrorsAtBoth() throws {
        var files = InMemorySite.news(1)
        files["Content/news/other.ja.md"] = "---\ntitle: 別\ndate: 2025-01-02\nslug: 2025-01-01-item-1\n---\n"
        let site = try InMemorySite(files: files).linked()
        let errors = site.diagnostics.filter {
            $0.message.contains("two pages claim the URL /ja/news/2025-01-01-item-1/")
        }
        #expect(Set(errors.map(\.file)) == ["Content/news/2025-01-01-item-1.ja.md", "Content/news/other.ja.md"])
    }

    @Test func anOldAddressOnAListsNumberedPageIsAnError() throws {
        var files = InMemorySite.news(5)  // three pages of two in each language
        files["Content/about.ja.md"] = "---\ntitle: 概要\naliases: [/ja/news/page/3]\n---\n"
        let site = try InMemorySite(files: files).linked()
        #expect(
            site.diagnostics.contains {
                $0.file == "Content/about.ja.md"
                    && $0.message.contains("is the address of page 3 of the list of news (ja)")
            }, "\(site.diagnostics)")
        #expect(site.aliases.isEmpty)
    }
}
