import Foundation
import Testing

@testable import SiteKit
@testable import WordPressImport

/// `iclei-site import wordpress` on a WXR fixture written from the format's documentation
/// (Fixtures/export.xml): WPML, Polylang and map pairing, a percent-encoded Japanese slug,
/// CDATA, shortcodes, Gutenberg blocks, a table, a captioned image, a draft, a revision, an
/// attachment, a menu item, internal links and uploads with a Japanese file name.
@Suite struct ImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A copy of the SiteKit tests' basic site without its three untranslated pages, so that a
    /// strict check of it is clean before the import.
    struct Site {
        let root: URL
        init() throws {
            let basic = ImportTests.fixtures.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("SiteKitTests/Fixtures/basic")
            root = FileManager.default.temporaryDirectory.appendingPathComponent("iclei-import-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: basic, to: root)
            for file in ["news/2019-06-03-old.ja.md", "news/2020-07-29-race-to-zero.en.md", "news/_index.ja.md"] {
                try FileManager.default.removeItem(at: root.appendingPathComponent("Content/" + file))
            }
        }

        func text(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }

        func run(force: Bool = false) throws -> WordPressImporter.Report {
            var options = WordPressImporter.Options(
                export: ImportTests.fixtures.appendingPathComponent("export.xml").path, site: root,
                uploads: ImportTests.fixtures.appendingPathComponent("uploads").path)
            options.map = try ImportMap(path: ImportTests.fixtures.appendingPathComponent("map.yaml").path)
            options.force = force
            return try WordPressImporter(options: options).run()
        }

        func cleanUp() { try? FileManager.default.removeItem(at: root) }
    }

    static let newsJa =
        "Content/news/2025-01-15-iclei-held-the-27th-iclei-cafe-a-workshop-series-on-sustainable-cities.ja.md"
    static let newsEn =
        "Content/news/2025-01-15-iclei-held-the-27th-iclei-cafe-a-workshop-series-on-sustainable-cities.en.md"
    static let seminarJa = "Content/news/2024-12-01-decarbonisation-seminar.ja.md"

    @Test func publishedPostsAndPagesBecomeContentFilesInPairs() throws {
        let site = try Site()
        defer { site.cleanUp() }
        let report = try site.run()
        #expect(
            Set(report.written) == [
                Self.newsJa, Self.newsEn, Self.seminarJa, "Content/news/2024-12-01-decarbonisation-seminar.en.md",
                "Content/about-us.ja.md", "Content/about-us.en.md",
            ])
        #expect(report.skipped == ["drafts": 1, "revisions": 1, "attachments": 2, "menu items": 1])
        #expect(report.unpaired.isEmpty)
        // The two uploads the posts use, and the media library's e-News issue no post names.
        #expect(report.uploadsCopied == 3)
        #expect(
            FileManager.default.fileExists(
                atPath: site.root.appendingPathComponent("Public/wp-content/uploads/2025/08/2025年8月.html").path))
        #expect(
            report.warningCounts == ["missing upload": 1, "inline style": 1, "script": 1, "unknown shortcode": 1])
        #expect(report.warnings.allSatisfy { $0.contains("export.xml:") && $0.contains(": warning: ") })
        #expect(report.warnings.contains { $0.contains("export.xml:87: warning: unknown shortcode: [contact-form-7]") })

        let ja = try site.text(Self.newsJa)
        // WPML pair: one translationKey; the WordPress slug kept; the excerpt as summary, decoded.
        #expect(ja.hasPrefix("---\ntitle: \"第26回イクレイ・コミュニケーションを発行しました\"\ndate: 2025-01-15\n"))
        #expect(ja.contains("slug: \"iclei-communication-26\"\ntranslationKey: wp-101\n"))
        #expect(ja.contains("summary: \"第26号を発行しました & 脱炭素の取り組み\"\n"))
        #expect(ja.contains("tags: [\"脱炭素\"]\n"))
        #expect(ja.contains("aliases: [\"/?p=101\"]\n"))
        #expect(try site.text(Self.newsEn).contains("translationKey: wp-101\n"))
        // Japanese text joined without a break where the HTML had a line break inside it.
        #expect(ja.contains("\nイクレイ日本は、会員自治体向けの**イクレイ・コミュニケーション**第26号を発行しました。脱炭素の取り組みを紹介しています。\n"))
        #expect(ja.contains("\n## 主な内容\n\n- 横浜市の事例\n- 京都市の*気候変動*対策\n"))
        #expect(ja.contains("| 日付 | 内容 |\n| --- | --- |\n| 2025年1月15日 | 第26号発行 |\n| 2025年2月20日 | イクレイカフェ \\| 第4回 |\n"))
        #expect(ja.contains("![会議の様子](/site/wp-content/uploads/2024/05/photo.jpg)\n\n*会議の様子（横浜市）*\n"))
        // Internal link to a Polylang post, an upload with a Japanese name, a missing upload.
        #expect(ja.contains("[脱炭素セミナー](@/news/2024-12-01-decarbonisation-seminar.md)。\\\n"))
        #expect(ja.contains("[こちら](/site/wp-content/uploads/2025/09/2025年9月.html)"))
        #expect(ja.contains("[PDF](https://japan.iclei.org/wp-content/uploads/2020/01/missing.pdf)"))
        #expect(!ja.contains("alert") && !ja.contains("<!--") && !ja.contains("style"))
        #expect(
            FileManager.default.fileExists(
                atPath: site.root.appendingPathComponent("Public/wp-content/uploads/2025/09/2025年9月.html").path))
        // ?p= links to another language's post name it.
        #expect(
            try site.text(Self.newsEn).contains(
                "[ICLEI Communication](@/news/2025-01-15-iclei-held-the-27th-iclei-cafe-a-workshop-series-on-sustainable-cities.ja.md)"
            ))

        let seminar = try site.text(Self.seminarJa)
        // Polylang pair; percent-encoded Japanese slug decoded; the day in Japan time.
        #expect(seminar.contains("date: 2024-12-01\nslug: \"脱炭素-seminar\"\ntranslationKey: wp-103\n"))
        // Classic editor paragraphs, gallery, embed, unknown shortcode, iframe. The single
        // line break is a <br> in WordPress (wpautop), so a hard break here.
        #expect(seminar.contains("\n自治体職員向けの脱炭素セミナーを\\\nオンラインで開催しました。\n"))
        #expect(seminar.contains("![photo](/site/wp-content/uploads/2024/05/photo.jpg)"))
        #expect(seminar.contains("[https://www.youtube.com/watch?v=abc123](https://www.youtube.com/watch?v=abc123)"))
        #expect(seminar.contains("\\[contact-form-7 id=\"5\" title=\"お問い合わせ\"\\]"))
        #expect(seminar.contains("[セミナー動画](https://www.youtube.com/watch?v=xyz789)"))
        // Pages paired by the map.
        #expect(
            try site.text("Content/about-us.ja.md").contains("translationKey: wp-105\naliases: [\"/?page_id=105\"]\n"))
    }

    @Test func theImportedSiteChecksCleanAndEveryOldAddressResolves() throws {
        let site = try Site()
        defer { site.cleanUp() }
        _ = try site.run()
        let builder = SiteBuilder(options: .init(source: site.root, output: site.root.appendingPathComponent("Output")))
        // The accessibility checks' findings are the WordPress posts' own (a 「こちら」 link, a
        // skipped heading level): the import carries the content over as it was written.
        #expect(builder.check().filter { !AccessibilityRule.isAccessibility($0.message) } == [])
        try builder.build()
        let output = site.root.appendingPathComponent("Output")
        // Each old permalink, below the base path, is a page or a redirect page.
        for old in [
            "ja/news/iclei-communication-26",
            "en/news/iclei-held-the-27th-iclei-cafe-a-workshop-series-on-sustainable-cities",
            "ja/news/脱炭素-seminar", "en/news/decarbonisation-seminar", "ja/about-us", "en/about-us",
        ] {
            #expect(
                FileManager.default.fileExists(atPath: output.appendingPathComponent(old + "/index.html").path),
                "\(old)")
        }
        let map = try String(contentsOf: output.appendingPathComponent("redirects.json"), encoding: .utf8)
        for id in ["p=101", "p=102", "p=103", "p=104", "page_id=105", "page_id=106"] {
            #expect(map.contains("\"\(id)\""))
        }
        let table = try String(
            contentsOf: output.appendingPathComponent("ja/news/iclei-communication-26/index.html"), encoding: .utf8)
        #expect(table.contains("<table>\n<thead>\n<tr>\n<th>日付</th>"))
    }

    @Test func runningAgainNeverOverwritesAnEditedFileUnlessForced() throws {
        let site = try Site()
        defer { site.cleanUp() }
        _ = try site.run()
        let again = try site.run()
        #expect(again.kept.isEmpty && again.written.count == 6)
        let path = site.root.appendingPathComponent(Self.seminarJa)
        try (try site.text(Self.seminarJa) + "\n編集しました。\n").write(to: path, atomically: true, encoding: .utf8)
        let third = try site.run()
        #expect(third.kept == [Self.seminarJa])
        #expect(third.warningCounts["edited since the last import"] == 1)
        #expect(try site.text(Self.seminarJa).contains("編集しました。"))
        let forced = try site.run(force: true)
        #expect(forced.kept.isEmpty)
        #expect(!(try site.text(Self.seminarJa)).contains("編集しました。"))
    }

    @Test func badInputIsAPositionedError() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).xml")
        try "<rss><channel><item></channel>".write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bad) }
        let options = WordPressImporter.Options(export: bad.path, site: FileManager.default.temporaryDirectory)
        #expect {
            try WordPressImporter(options: options).run()
        } throws: { error in
            "\(error)".hasPrefix(bad.path + ":1:") && "\(error)".contains(": error: not a WordPress export")
        }
        // A file that ends inside an item, and a folder given as the export.
        try "<rss><channel><item><title>x</title></item>".write(to: bad, atomically: true, encoding: .utf8)
        #expect {
            try WordPressImporter(options: options).run()
        } throws: { error in
            "\(error)".hasPrefix(bad.path + ":1:") && "\(error)".contains(": error: not a WordPress export")
        }
        let folder = WordPressImporter.Options(
            export: FileManager.default.temporaryDirectory.path, site: FileManager.default.temporaryDirectory)
        #expect {
            try WordPressImporter(options: folder).run()
        } throws: { error in
            "\(error)".hasPrefix(FileManager.default.temporaryDirectory.path + ":1:1: error: cannot read the export")
        }
        let map = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString).yaml")
        try "sections: {news: news}\npair: []\n".write(to: map, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: map) }
        #expect {
            try ImportMap(path: map.path)
        } throws: { error in
            "\(error)" == map.path
                + ":2:1: error: unknown key `pair`: the map has sections, pairs, languages and defaultLanguage"
        }
    }
}
