import Foundation
import Testing

@testable import SiteKit

/// Every URL the site writes maps back to the file written: names that cannot be a clean URL
/// segment are refused with a suggestion; Japanese names work everywhere.
@Suite struct URLNameTests {
    @Test func oddFileFolderAndSlugNamesAreRefusedWithASuggestion() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        for name in ["with space", "hash#tag", "q?mark", "pct%41", "tab\tname", "全角　空白"] {
            try site.write("Content/news/\(name).ja.md", "---\ntitle: odd\ndate: 2021-01-01\n---\n")
        }
        try site.write("Content/my reports/a.ja.md", "---\ntitle: folder\n---\n")
        try site.write("Content/news/fine.ja.md", "---\ntitle: slug\ndate: 2021-01-01\nslug: \"a b\"\n---\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains(
                "Content/news/hash#tag.ja.md:1:1: error: the file name `hash#tag` cannot be part of a URL: it contains `#` (it starts a fragment); rename the file or set `slug: hash-tag` in its front matter"
            ), "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "Content/news/with space.ja.md:1:1: error: the file name `with space` cannot be part of a URL: it contains a space"
                )
            })
        #expect(
            errors.contains {
                $0.hasPrefix("Content/news/q?mark.ja.md:1:1:") && $0.contains("`?` (it starts a query)")
                    && $0.contains("slug: q-mark")
            })
        #expect(
            errors.contains {
                $0.hasPrefix("Content/news/pct%41.ja.md:1:1:") && $0.contains("`%` (it starts a percent-escape)")
            })
        #expect(errors.contains { $0.hasPrefix("Content/news/tab\tname.ja.md:1:1:") && $0.contains("U+0009") })
        #expect(
            errors.contains {
                $0.hasPrefix("Content/news/全角　空白.ja.md:1:1:") && $0.contains("U+3000 (a space)")
                    && $0.contains("slug: 全角-空白")
            })
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "Content/my reports/a.ja.md:1:1: error: the folder name `my reports` cannot be part of a URL")
            })
        #expect(
            errors.contains(
                "Content/news/fine.ja.md:4:1: error: `slug` cannot be part of a URL: it contains a space; for example `slug: a-b`"
            ), "\(errors)")
        #expect(errors.count == 8, "\(errors)")
    }

    @Test func aSlugMakesAnOddFileNameUsable() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/news/hash#tag.ja.md", "---\ntitle: 名前\ndate: 2030-01-01\nslug: hashtag\n---\n")
        try site.write("Content/about.ja.md", "---\ntitle: about\n---\n[link](/site/ja/news/hashtag/)\n")
        try site.build()
        #expect(site.exists("ja/news/hashtag/index.html"))
        #expect(try site.read("ja/news/index.html").contains("href=\"/site/ja/news/hashtag/\""))
    }

    @Test func japaneseNamesResolveFromMarkdownListsSitemapFeedsAndJSONLD() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/news/脱炭素-セミナー.ja.md", "---\ntitle: 脱炭素セミナー\ndate: 2030-01-01\n---\n\n## 概要\n\n本文。\n")
        let encoded = "%E8%84%B1%E7%82%AD%E7%B4%A0-%E3%82%BB%E3%83%9F%E3%83%8A%E3%83%BC"
        try site.write(
            "Content/about.ja.md",
            """
            ---
            title: about
            ---
            [そのまま](/site/ja/news/脱炭素-セミナー/)、[符号化](/site/ja/news/\(encoded)/#概要)、[内容リンク](news/脱炭素-セミナー.md#概要)
            """)
        try site.build()
        #expect(site.exists("ja/news/脱炭素-セミナー/index.html"))
        let about = try site.read("ja/about/index.html")
        // Every href from Markdown is percent-encoded (as libcmark encodes hrefs), whether
        // written raw, encoded or as a content link; lists keep the readable form.
        #expect(about.contains("<a href=\"/site/ja/news/\(encoded)/\">そのまま"))
        #expect(about.contains("<a href=\"/site/ja/news/\(encoded)/#%E6%A6%82%E8%A6%81\">符号化"))
        #expect(about.contains("<a href=\"/site/ja/news/\(encoded)/#%E6%A6%82%E8%A6%81\">内容リンク"))
        #expect(try site.read("ja/news/index.html").contains("href=\"/site/ja/news/脱炭素-セミナー/\""))
        // Machine-readable outputs carry URIs; each decodes to the folder that was written.
        let absolute = "https://example.org/site/ja/news/\(encoded)/"
        #expect(try site.read("sitemap.xml").contains("<loc>\(absolute)</loc>"))
        #expect(try site.read("ja/feed.xml").contains("href=\"\(absolute)\""))
        #expect(try site.read("ja/news/脱炭素-セミナー/index.html").contains("\"url\":\"\(absolute)\""))
        let path = URL(string: absolute)!.path.dropFirst("/site/".count)
        #expect(site.exists(path + "/index.html"))
        // A broken percent-encoded link is still reported.
        try site.write("Content/about.ja.md", "---\ntitle: about\n---\n[x](/site/ja/news/%E8%84%B1/)\n")
        #expect(
            site.buildErrors().map(\.description).contains {
                $0.hasPrefix("Content/about.ja.md:4:1: error: broken link")
            })
    }

    @Test func tagsWithAnyTextGetURLsThatNameTheirPages() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/news/tags.en.md",
            "---\ntitle: Tags\ndate: 2030-01-01\ntags: [\"C#\", \"a b?c\", \"100%\", 脱炭素・再エネ]\n---\n")
        try site.build()
        let sitemap = try site.read("sitemap.xml")
        for (tag, slug) in [("C#", "c"), ("a b?c", "a-b-c"), ("100%", "100"), ("脱炭素・再エネ", "脱炭素-再エネ")] {
            #expect(try site.read("en/tags/\(slug)/index.html").contains("href=\"/site/en/news/tags/\""), "\(tag)")
            let encoded = slug.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            #expect(sitemap.contains("<loc>https://example.org/site/en/tags/\(encoded)/</loc>"), "\(tag)")
        }
    }
}
