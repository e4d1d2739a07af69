import Foundation
import Testing

@testable import SiteKit
@testable import WordPressImport

/// Issue 36 items 1, 2 and 6: what WordPress did not publish stays unpublished, and every
/// import builds.
@Suite struct PublishingTests {
    /// Item 1: a password-protected post is skipped and counted, never built.
    @Test func passwordProtectedItemsAreSkippedAndCounted() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let report = try box.run([
            WXR.Item(id: 1, title: "Open", slug: "open"),
            WXR.Item(
                id: 2, title: "Members only", slug: "secret", content: "<p>秘密の本文</p>",
                extra: "<wp:post_password><![CDATA[hunter2]]></wp:post_password>"),
            WXR.Item(
                id: 3, title: "Protected page", type: "page", slug: "protected",
                extra: "<wp:post_password><![CDATA[x]]></wp:post_password>"),
        ])
        #expect(report.written == ["Content/news/2025-01-15-open.ja.md"])
        #expect(report.skipped == ["password-protected": 2])
        #expect(report.items == report.written.count + report.kept.count + report.skipped.values.reduce(0, +))
        let output = box.base.appendingPathComponent("Output")
        try SiteBuilder(options: .init(source: box.site, output: output)).build()
        let grep = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter {
            let data = FileManager.default.contents(atPath: output.appendingPathComponent($0).path) ?? Data()
            return String(decoding: data, as: UTF8.self).contains("秘密の本文")
                || String(decoding: data, as: UTF8.self).contains("Members only")
        }
        #expect(grep.isEmpty)
    }

    /// Item 1: with --protected-as-drafts they are imported as drafts, and still not built.
    @Test func passwordProtectedItemsCanBeImportedAsDraftsThatAreNotBuilt() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        try WXR.export([
            WXR.Item(
                id: 2, title: "Members only", slug: "secret", content: "<p>秘密の本文</p>",
                extra: "<wp:post_password><![CDATA[hunter2]]></wp:post_password>")
        ]).write(to: box.export, atomically: false, encoding: .utf8)
        var options = WordPressImporter.Options(export: box.export.path, site: box.site)
        options.protectedAsDrafts = true
        let report = try WordPressImporter(options: options).run()
        #expect(report.written == ["Content/news/2025-01-15-secret.ja.md"])
        #expect(report.warningCounts["password-protected"] == 1)
        #expect(try box.text("site/Content/news/2025-01-15-secret.ja.md").contains("\ndraft: true\n"))
        let output = box.base.appendingPathComponent("Output")
        try SiteBuilder(options: .init(source: box.site, output: output)).build()
        let leaks = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter {
            let data = FileManager.default.contents(atPath: output.appendingPathComponent($0).path) ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            return text.contains("秘密の本文") || text.contains("Members only") || text.contains("\"p=2\"")
                || $0.contains("secret")
        }
        #expect(leaks.isEmpty)
    }

    /// A page the site already has, which no import wrote, is never overwritten, even with
    /// --force: the item is reported instead.
    @Test func aPageTheSiteAlreadyHasIsNeverOverwritten() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let own = try box.text("site/Content/about.ja.md")
        let page = WXR.Item(id: 5, title: "About", type: "page", slug: "about", content: "<p>WordPress</p>")
        let report = try box.run([page])
        #expect(report.kept == ["Content/about.ja.md"] && report.written.isEmpty)
        #expect(report.warningCounts["file exists"] == 1)
        _ = try box.run([page], force: true)
        #expect(try box.text("site/Content/about.ja.md") == own)
    }

    /// Items whose names collide get names of their own, however many (the Japanese theme
    /// test data has an item without an id).
    @Test func collidingNamesAreMadeUnique() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let items =
            (0..<3).map { WXR.Item(id: 0, title: "無題\($0)", slug: "%e6%97%a5%e6%9c%ac") }
            + [WXR.Item(id: 7, slug: "same"), WXR.Item(id: 8, slug: "same-7"), WXR.Item(id: 7, slug: "same")]
        let report = try box.run(items)
        #expect(Set(report.written).count == 6)
    }

    /// Item 2: uploads attached only to drafts or private posts are not copied, and listed.
    @Test func uploadsOfUnpublishedItemsStayBehindAndAreListed() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        for name in ["public.pdf", "draft.pdf", "private.pdf", "library.pdf"] {
            try box.write(name, "uploads/2024/" + name)
        }
        let report = try box.run([
            WXR.Item(id: 1, slug: "open"),
            WXR.Item(id: 2, status: "draft", slug: "draft"),
            WXR.Item(id: 3, status: "private", slug: "private"),
            WXR.attachment(11, "2024/public.pdf", parent: 1),
            WXR.attachment(12, "2024/draft.pdf", parent: 2),
            WXR.attachment(13, "2024/private.pdf", parent: 3),
            WXR.attachment(14, "2024/library.pdf"),
        ])
        #expect(report.uploadsCopied == 2)
        #expect(Set(report.uploadsLeft) == ["2024/draft.pdf", "2024/private.pdf"])
        #expect(box.exists("site/Public/wp-content/uploads/2024/public.pdf"))
        #expect(box.exists("site/Public/wp-content/uploads/2024/library.pdf"))
        #expect(!box.exists("site/Public/wp-content/uploads/2024/draft.pdf"))
        #expect(!box.exists("site/Public/wp-content/uploads/2024/private.pdf"))
    }

    /// Item 6: an untitled post gets a title (and a warning); another language is skipped
    /// with a warning naming it, or mapped; child pages go below their parents.
    @Test func untitledOtherLanguageAndChildPagesImportIntoASiteThatBuilds() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        var map = ImportMap()
        map.languages = ["en-gb": "en"]
        let report = try box.run(
            [
                WXR.Item(id: 1, title: "", slug: "untitled"),
                WXR.Item(id: 2, title: "中文", slug: "zh", extra: WXR.meta("_wpml_import_language_code", "zh-hans")),
                WXR.Item(id: 3, title: "British", slug: "gb", extra: WXR.meta("_wpml_import_language_code", "en-gb")),
                WXR.Item(id: 10, title: "Company", type: "page", slug: "company"),
                WXR.Item(id: 11, title: "History", type: "page", slug: "history", parent: 10),
                WXR.Item(id: 12, title: "Old days", type: "page", slug: "history", parent: 11),
                WXR.Item(id: 20, title: "Projects", type: "page", slug: "projects"),
                WXR.Item(id: 21, title: "Project history", type: "page", slug: "history", parent: 20),
            ], map: map)
        #expect(
            Set(report.written) == [
                "Content/news/2025-01-15-untitled.ja.md", "Content/news/2025-01-15-gb.en.md",
                "Content/company/_index.ja.md", "Content/company/history/_index.ja.md",
                "Content/company/history/history.ja.md", "Content/projects/_index.ja.md",
                "Content/projects/history.ja.md",
            ])
        #expect(try box.text("site/Content/news/2025-01-15-untitled.ja.md").hasPrefix("---\ntitle: \"2025-01-15\"\n"))
        #expect(report.warningCounts["untitled"] == 1)
        #expect(report.skipped["other languages"] == 1)
        #expect(report.warnings.contains { $0.contains("is in `zh`") })
        let builder = SiteBuilder(options: .init(source: box.site, output: box.base.appendingPathComponent("Output")))
        #expect(builder.check().filter { $0.severity == .error } == [])
        try builder.build()
        for path in ["ja/company/history/history/", "ja/projects/history/", "ja/company/"] {
            #expect(box.exists("Output/" + path + "index.html"), "\(path)")
        }
    }

    /// Item 6: the README's map (`iclei-cafe: cafe`) into the site's own site.yaml, whose cafe
    /// sessions require `start`: it comes from the post's date, with a warning to confirm it.
    @Test func theReadmeMapGivesCafeSessionsTheirStart() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        try box.useRepositorySite()
        var map = ImportMap()
        map.sections = ["iclei-cafe": "cafe"]
        let report = try box.run(
            [
                WXR.Item(
                    id: 1, title: "第30回イクレイカフェ", slug: "cafe-30",
                    extra: "<category domain=\"category\" nicename=\"iclei-cafe\"><![CDATA[イクレイカフェ]]></category>")
            ], map: map)
        #expect(report.written == ["Content/cafe/2025-01-15-cafe-30.ja.md"])
        #expect(try box.text("site/Content/cafe/2025-01-15-cafe-30.ja.md").contains("\nstart: 2025-01-15T10:00\n"))
        #expect(report.warningCounts["session start"] == 1)
        let builder = SiteBuilder(options: .init(source: box.site, output: box.base.appendingPathComponent("Output")))
        #expect(builder.check().filter { $0.severity == .error } == [])
    }
}
