import Foundation
import Testing

@testable import SiteKit

@Suite struct BilingualTests {
    @Test func switcherAndAlternatesOnlyForExistingTranslations() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let news = try site.read("ja/news/2021-01-28-agreement/index.html")
        #expect(
            news.contains(
                "<link rel=\"alternate\" hreflang=\"ja\" href=\"https://example.org/site/ja/news/2021-01-28-agreement/\">"
            ))
        #expect(
            news.contains(
                "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/site/en/news/agreement/\">"))
        #expect(
            news.contains(
                "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/site/ja/news/2021-01-28-agreement/\">"
            ))
        #expect(news.contains("<meta property=\"og:locale\" content=\"ja_JP\">"))
        #expect(news.contains("<meta property=\"og:locale:alternate\" content=\"en_US\">"))
        #expect(
            news.contains("<link rel=\"canonical\" href=\"https://example.org/site/ja/news/2021-01-28-agreement/\">"))

        let englishOnly = try site.read("en/news/2020-07-29-race-to-zero/index.html")
        #expect(!englishOnly.contains("hreflang=\"ja\" href"), "no alternate for a missing translation")
        #expect(
            englishOnly.contains("<a href=\"/site/ja/news/\" hreflang=\"ja\" lang=\"ja\" class=\"missing\">日本語</a>"),
            "the switcher points to the other language's section index")
    }

    /// Page N of a list pairs with page N of the other language's where it exists; a tag pairs
    /// with the same slug or through site.yaml's `tagTranslations`; the tag index with the
    /// other language's.
    @Test func switcherOnPaginatedListsAndTagPages() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace("Content/site.yaml") { $0 + "\ntagTranslations:\n  - {ja: 脱炭素, en: decarbonisation}\n" }
        try site.replace("Content/news/2021-01-28-agreement.en.md") {
            $0.replacingOccurrences(
                of: "---\n", with: "---\ntags: [decarbonisation]\n", options: [], range: $0.range(of: "---\n"))
        }
        try site.write(
            "Content/news/2021-02-01-more.ja.md", "---\ntitle: 追加\ndate: 2021-02-01\ntags: [国際会議]\n---\n\n本文。\n")
        try site.build()
        let tag = try site.read("ja/tags/脱炭素/index.html")
        #expect(
            tag.contains("<a href=\"/site/en/tags/decarbonisation/\" hreflang=\"en\" lang=\"en\">English</a>"), "\(tag)"
        )
        #expect(
            try site.read("en/tags/decarbonisation/index.html").contains(
                "<a href=\"/site/ja/tags/脱炭素/\" hreflang=\"ja\" lang=\"ja\">"))
        // 国際会議 has no English tag: the switcher goes to the English tag index, marked missing.
        #expect(
            try site.read("ja/tags/国際会議/index.html").contains(
                "<a href=\"/site/en/tags/\" hreflang=\"en\" lang=\"en\" class=\"missing\">"))
        #expect(
            try site.read("ja/tags/index.html").contains(
                "<a href=\"/site/en/tags/\" hreflang=\"en\" lang=\"en\">English</a>"))
        // Page 2 of the Japanese news list pairs with page 2 of the English one, not page 1.
        let second = try site.read("ja/news/page/2/index.html")
        #expect(
            second.contains("<a href=\"/site/en/news/page/2/\" hreflang=\"en\" lang=\"en\">English</a>"), "\(second)")
        // And it has a title of its own.
        #expect(second.contains("（2ページ目）"))
        #expect(try site.read("en/news/page/2/index.html").contains(", page 2"))
    }

    @Test func listsShowUntranslatedItemsWithANotice() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let report = try site.build()
        let first = try site.read("ja/news/index.html")
        #expect(first.contains("Race to Zero dialogue"))
        #expect(first.contains("<span class=\"only\">Englishのみ</span>"))
        #expect(first.contains("<link rel=\"next\" href=\"/site/ja/news/page/2/\">"))
        let second = try site.read("ja/news/page/2/index.html")
        #expect(second.contains("古いお知らせ"))
        #expect(second.contains("<link rel=\"prev\" href=\"/site/ja/news/\">"))
        #expect(report.translations.missingPerSection.map(\.section) == ["news"])
        #expect(report.translations.missingPerSection.first?.count == 3)
        #expect(report.summary.contains("missing translations: news 3"))
        #expect(report.translations.table.contains("news/2020-07-29-race-to-zero"))
    }

    @Test func omitPolicyLeavesUntranslatedItemsOut() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let config = try String(contentsOf: site.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try site.write("Content/site.yaml", config + "missingTranslations: omit\n")
        try site.build()
        #expect(!(try site.read("ja/news/index.html")).contains("Race to Zero"))
        #expect(!(try site.read("en/news/2020-07-29-race-to-zero/index.html")).contains("class=\"missing\""))
    }

    @Test func membersInGojuonOrderGroupedByKanaRow() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let ja = try site.read("ja/members/index.html")
        let order = ["足立区", "岐阜市", "京都市", "さいたま市", "横浜市"].map { ja.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "Japanese collation: ぎふし before きょうとし")
        #expect(ja.contains("<h2>あ行</h2><ul><li><a href=\"/site/ja/members/adachi/\">足立区</a></li></ul>"))
        #expect(
            ja.contains(
                "<h2>か行</h2><ul><li><a href=\"/site/ja/members/gifu/\">岐阜市</a></li><li><a href=\"/site/ja/members/kyoto/\">京都市</a></li></ul>"
            ))
        let en = try site.read("en/members/index.html")
        let english = ["Adachi City", "City of Yokohama", "Gifu City", "Kyoto City", "Saitama City"].map {
            en.range(of: $0)?.lowerBound
        }
        #expect(english.compactMap { $0 } == english.compactMap { $0 }.sorted() && english.allSatisfy { $0 != nil })
    }

    @Test func kanaRows() {
        #expect(Gojuon.row(of: "ぎふし") == "か行")
        #expect(Gojuon.row(of: "っぽ") == "た行")
        #expect(Gojuon.row(of: "ゃ") == "や行")
        #expect(Gojuon.row(of: "ゔぃ") == "あ行")
        #expect(Gojuon.row(of: "ぽ") == "は行")
        #expect(Gojuon.row(of: "ん") == "わ行")
        #expect(Gojuon.row(of: "カ") == nil)
        #expect(Gojuon.isValidReading("よこはまし"))
        #expect(!Gojuon.isValidReading("ヨコハマシ"))
        #expect(!Gojuon.isValidReading("yokohama"))
        #expect(!Gojuon.isValidReading(""))
    }

    @Test func aMemberWithoutAValidReadingIsAnError() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/members/nara.ja.md", "---\ntitle: 奈良市\nreading: ナラシ\n---\n")
        try site.write("Content/members/nara.en.md", "---\ntitle: Nara City\n---\n")
        let errors = site.buildErrors().map(\.description)
        #expect(errors.contains("Content/members/nara.ja.md:3:1: error: `reading` must be hiragana only, not `ナラシ`"))
        #expect(errors.contains { $0.hasPrefix("Content/members/nara.en.md:1:1: error: missing `reading`") })
    }

    @Test func cafeIndexGroupedByFiscalYearNewestFirst() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let ja = try site.read("ja/cafe/index.html")
        let fy2020 = try #require(ja.range(of: "<h2 class=\"group\">2020年度</h2>"))
        let fy2018 = try #require(ja.range(of: "<h2 class=\"group\">2018年度</h2>"))
        #expect(fy2020.lowerBound < fy2018.lowerBound)
        #expect((try site.read("en/cafe/index.html")).contains("<h2 class=\"group\">FY2020</h2>"))
    }

    @Test func memberReferencesLinkBothWays() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let cafe = try site.read("ja/cafe/2021-02-cafe-5/index.html")
        #expect(
            cafe.contains(
                "発表者: <a class=\"presenter\" href=\"/site/ja/members/saitama/\">さいたま市</a> <a class=\"presenter\" href=\"/site/ja/members/kyoto/\">京都市</a>"
            ))
        let member = try site.read("ja/members/yokohama/index.html")
        #expect(member.contains("<h2>関連ニュース</h2>"))
        #expect(
            member.contains(
                "<ul class=\"news\"><li><a href=\"/site/ja/news/2021-01-28-agreement/\">協定の締結</a></li></ul>"))
        #expect(
            member.contains("<ul class=\"cafe\"><li><a href=\"/site/ja/cafe/2018-07-cafe-1/\">第1回イクレイカフェ</a></li></ul>")
        )
    }

    @Test func unknownMemberKeysAreErrorsWithAHint() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/news/2021-03-01-x.ja.md", "---\ntitle: x\ndate: 2021-03-01\nmembers: [yokohoma]\n---\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors == [
                "Content/news/2021-03-01-x.ja.md:4:1: error: unknown members key `yokohoma` in `members`: there is no Content/members/yokohoma.<lang>.md (did you mean `yokohama`?)"
            ])
    }

    @Test func jsonLDForNewsAndCafe() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/news/2021-03-01-x.en.md",
            "---\ntitle: \"</script><script>alert(1)</script>\"\ndate: 2021-03-01\n---\nBody\n")
        try site.build()
        let news = try site.read("en/news/2021-03-01-x/index.html")
        #expect(news.contains("\"@type\":\"NewsArticle\""))
        #expect(
            news.contains("\"headline\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\""))
        #expect(!news.contains("<script>alert"), "a title cannot break out of the JSON-LD script")
        let cafe = try site.read("en/cafe/2021-02-cafe-5/index.html")
        #expect(cafe.contains("\"@type\":\"Event\""))
        #expect(cafe.contains("OnlineEventAttendanceMode"))
        let inPerson = try site.read("ja/cafe/2018-07-cafe-1/index.html")
        #expect(inPerson.contains("OfflineEventAttendanceMode"))
        #expect(inPerson.contains("\"location\":{\"@type\":\"Place\",\"name\":\"東京\"}"))
    }

    @Test func i18nKeysMissingInOneLanguageAreErrors() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Templates/i18n/en.yaml",
            "readMore: Read more\nonlyIn: only\nrelated: Related news\nnotFound: Page not found\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors == [
                "Templates/cafe/single.mustache:2:6: error: i18n key `presenters` is used here but missing in Templates/i18n/en.yaml"
            ])
    }

    @Test func bilingualNotFoundPageAndRobots() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.remove("Public/robots.txt")
        try site.build()
        let page = try site.read("404.html")
        #expect(page.contains("<section lang=\"ja\"><h1>ページが見つかりません</h1><a href=\"/site/ja/\">テストサイト</a></section>"))
        #expect(
            page.contains("<section lang=\"en\"><h1>Page not found</h1><a href=\"/site/en/\">Test Site</a></section>"))
        #expect(try site.read("robots.txt").contains("Sitemap: https://example.org/site/sitemap.xml"))
    }

    @Test func tagPagesPerLanguage() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        #expect(try site.read("ja/tags/脱炭素/index.html").contains("協定の締結"))
        #expect(try site.read("en/tags/race-to-zero/index.html").contains("Race to Zero dialogue"))
        #expect(site.exists("ja/tags/index.html"))
    }
}

@Suite struct FeedAndSitemapTests {
    @Test func atomFeedPerLanguage() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let feed = try #require(XMLElement.parse(try site.read("ja/feed.xml")), "the feed is well-formed XML")
        #expect(feed.name == "feed")
        #expect(feed.attributes["xmlns"] == "http://www.w3.org/2005/Atom")
        #expect(feed.attributes["xml:lang"] == "ja")
        #expect(feed.first("title")?.text == "テストサイト")
        #expect(feed.first("updated")?.text == "2021-02-18T00:00:00+09:00")
        let entries = feed.all("entry")
        #expect(entries.map { $0.first("title")?.text ?? "" } == ["第5回イクレイカフェ", "協定の締結", "古いお知らせ", "第1回イクレイカフェ"])
        #expect(
            entries.allSatisfy {
                $0.first("link")?.attributes["href"]?.hasPrefix("https://example.org/site/ja/") == true
            })
        #expect(entries.allSatisfy { $0.first("id") != nil && $0.first("updated") != nil })
        #expect(entries[1].all("category").map { $0.attributes["term"] ?? "" } == ["脱炭素", "国際会議"])
        let english = try #require(XMLElement.parse(try site.read("en/feed.xml")))
        #expect(english.attributes["xml:lang"] == "en")
        #expect(english.all("entry").count == 4)
    }

    @Test func sitemapListsEveryPageWithAlternates() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        // No repository: a page's lastmod is its file's day (Japan time).
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_714_521_600)],  // 2024-05-01T09:00+09:00
            ofItemAtPath: site.root.appendingPathComponent("Content/news/2021-01-28-agreement.ja.md").path)
        try site.build()
        let sitemap = try #require(XMLElement.parse(try site.read("sitemap.xml")))
        #expect(sitemap.name == "urlset")
        #expect(sitemap.attributes["xmlns:xhtml"] == "http://www.w3.org/1999/xhtml")
        let urls = sitemap.all("url")
        let locations = Set(urls.compactMap { $0.first("loc")?.text.removingPercentEncoding })
        let htmlFiles = ContentTree.files(below: site.output).filter {
            $0.hasSuffix("index.html") && $0 != "index.html" && !$0.hasSuffix("/search/index.html")
        }
        #expect(locations.count == htmlFiles.count, "one entry per page; search pages are not listed")
        for file in htmlFiles {
            #expect(locations.contains("https://example.org/site/" + file.dropLast("index.html".count)), "\(file)")
        }
        let agreement = try #require(
            urls.first { $0.first("loc")?.text == "https://example.org/site/ja/news/2021-01-28-agreement/" })
        #expect(agreement.first("lastmod")?.text == "2024-05-01")
        let alternates = agreement.all("xhtml:link").map {
            ($0.attributes["hreflang"] ?? "", $0.attributes["href"] ?? "")
        }
        #expect(alternates.map(\.0) == ["ja", "en"])
        #expect(
            alternates.map(\.1) == [
                "https://example.org/site/ja/news/2021-01-28-agreement/", "https://example.org/site/en/news/agreement/",
            ])
        let englishOnly = try #require(
            urls.first { $0.first("loc")?.text.hasSuffix("/en/news/2020-07-29-race-to-zero/") == true })
        #expect(englishOnly.all("xhtml:link").isEmpty)
    }
}

@Suite struct GojuonOrderTests {
    /// The fast primary key must order readings exactly as Foundation's Japanese collation does.
    @Test func primaryKeyAgreesWithJapaneseCollation() {
        let readings = [
            "がく", "かし", "きょうと", "ぎふ", "きよう", "さいたま", "ざいもく", "ぱん", "はな", "ばら", "ぁあ", "ああ",
            "っと", "つと", "とうきょう", "ゔぁ", "うわ", "よこはま", "ようか", "わかやま", "んあ", "かあ", "か", "が",
        ]
        let collated = readings.sorted { Gojuon.precedes($0, $1) }
        let fast = readings.indices.sorted { a, b in
            if let ka = Gojuon.primaryKey(readings[a]), let kb = Gojuon.primaryKey(readings[b]), ka != kb {
                return ka.lexicographicallyPrecedes(kb)
            }
            return Gojuon.precedes(readings[a], readings[b])
        }.map { readings[$0] }
        #expect(fast == collated)
        #expect(Gojuon.primaryKey("らーめん") == nil, "ー needs the full collation")
    }
}

@Suite struct TagPaginationTests {
    @Test func tagPagesArePaginatedLikeSections() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        for day in 1...3 {
            try site.write(
                "Content/news/2021-05-0\(day)-t.ja.md",
                "---\ntitle: タグ\(day)\ndate: 2021-05-0\(day)\ntags: [脱炭素]\n---\n")
        }
        try site.build()
        let first = try site.read("ja/tags/脱炭素/index.html")
        let second = try site.read("ja/tags/脱炭素/page/2/index.html")
        #expect(first.contains("タグ3") && first.contains("タグ2") && !first.contains("タグ1"))
        #expect(second.contains("タグ1") && second.contains("協定の締結"))
        #expect(first.contains("<link rel=\"next\" href=\"/site/ja/tags/脱炭素/page/2/\">"))
        #expect(
            try site.read("sitemap.xml").contains(
                "<loc>https://example.org/site/ja/tags/%E8%84%B1%E7%82%AD%E7%B4%A0/page/2/</loc>"),
            "sitemap URLs are URI-encoded, as the sitemap protocol asks")
    }
}

@Suite struct PagerTests {
    @Test func longListsShowAWindowOfPageNumbers() {
        #expect(ContextBuilder.pagerNumbers(current: 1, total: 1) == [1])
        #expect(ContextBuilder.pagerNumbers(current: 4, total: 9) == Array(1...9), "a short list shows every page")
        #expect(ContextBuilder.pagerNumbers(current: 1, total: 750) == [1, 2, 3, 750])
        #expect(
            ContextBuilder.pagerNumbers(current: 5, total: 750) == [1, 2, 3, 4, 5, 6, 7, 750],
            "a gap of one page (2) shows that page instead of an ellipsis")
        #expect(ContextBuilder.pagerNumbers(current: 100, total: 750) == [1, 98, 99, 100, 101, 102, 750])
        #expect(ContextBuilder.pagerNumbers(current: 750, total: 750) == [1, 748, 749, 750])
        #expect(ContextBuilder.pagerNumbers(current: 747, total: 750) == [1, 745, 746, 747, 748, 749, 750])
    }

    @Test func thePagerMarksGapsAndTheCurrentPage() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        // The project's own pagination partial, as the real site uses it.
        let partial = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Templates/partials/pagination.mustache").standardizedFileURL
        try site.write("Templates/partials/pagination.mustache", try String(contentsOf: partial, encoding: .utf8))
        let list = try String(contentsOf: site.root.appendingPathComponent("Templates/list.mustache"), encoding: .utf8)
        try site.write(
            "Templates/list.mustache",
            list.replacingOccurrences(of: "</ul>{{/main}}", with: "</ul>{{> pagination}}{{/main}}"))
        for lang in ["ja", "en"] {
            let i18n = try String(
                contentsOf: site.root.appendingPathComponent("Templates/i18n/\(lang).yaml"), encoding: .utf8)
            try site.write("Templates/i18n/\(lang).yaml", i18n + "\npagination: pages\nprevious: prev\nnext: next\n")
        }
        for day in 1...28 {
            let date = String(format: "2019-02-%02d", day)
            try site.write("Content/news/\(date)-p.ja.md", "---\ntitle: 記事\(day)\ndate: \(date)\n---\n")
        }
        try site.build()
        let page = try site.read("ja/news/page/8/index.html")
        let numbers = page.matches(of: /<li>(?:<a href="[^"]*">|<span aria-current="page">)(\d+)</).map { Int($0.1)! }
        #expect(numbers.count >= 7 && numbers.first == 1 && numbers.contains(6) && numbers.contains(10))
        #expect(!numbers.contains(5) && !numbers.contains(11) && numbers.last! > 12)
        #expect(page.contains("<span aria-current=\"page\">8</span>"))
        #expect(page.components(separatedBy: "<span aria-hidden=\"true\">…</span>").count == 3, "one gap either side")
    }
}

/// `labels` in i18n turn a list of codes into names and links (`initiativesLabels`).
@Suite struct ListLabelTests {
    @Test func listCodesGetTheirNamesAndLinksInThePageLanguage() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace("Templates/i18n/ja.yaml") {
            $0
                + "\nlabels:\n  initiatives:\n    GCoM: {name: 世界首長誓約（GCoM）, url: \"https://www.globalcovenantofmayors.org/\"}\n    TAP: 変革のための行動プログラム\n"
        }
        try site.replace("Templates/members/single.mustache") {
            $0.replacingOccurrences(
                of: "{{{content}}}",
                with:
                    "{{{content}}}<ul class=\"i\">{{#page.initiativesLabels}}<li>{{code}}|{{name}}|{{url}}</li>{{/page.initiativesLabels}}</ul>"
            )
        }
        try site.replace("Content/members/kyoto.ja.md") { "---\ninitiatives: [GCoM, TAP, Other]\n" + $0.dropFirst(4) }
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "      head: {type: mapping}\n",
                with: "      head: {type: mapping}\n      initiatives: {type: list}\n")
        }
        try site.build()
        let page = try site.read("ja/members/kyoto/index.html")
        #expect(
            page.contains(
                "<ul class=\"i\"><li>GCoM|世界首長誓約（GCoM）|https://www.globalcovenantofmayors.org/</li><li>TAP|変革のための行動プログラム|</li><li>Other|Other|</li></ul>"
            ), "\(page)")
    }
}
