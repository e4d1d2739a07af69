import Foundation
import Testing

@testable import SiteKit

/// A new site, before its first page is written or imported (issue 36, 7): the shipped
/// site.yaml and templates with an empty `Content/` pass `check --strict` and build, and each
/// declared section is a list that says it has nothing yet.
@Suite struct EmptySiteTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func emptySite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("iclei-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        for part in ["Templates", "Public", "Content/site.yaml", "Content/data"] {
            try FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent(part), to: root.appendingPathComponent(part))
        }
        return root
    }

    @Test func theShippedSiteWithNoContentPassesTheStrictCheckAndBuilds() throws {
        let root = try emptySite()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let builder = SiteBuilder(options: .init(source: root, output: output))
        #expect(builder.check().isEmpty, "\(builder.check())")
        try builder.build()
        let news = try String(contentsOf: output.appendingPathComponent("ja/news/index.html"), encoding: .utf8)
        #expect(news.contains("<h1>ニュース</h1>"), "the title the menu gives the list")
        #expect(news.contains("class=\"empty\""))
        let members = try String(contentsOf: output.appendingPathComponent("en/members/index.html"), encoding: .utf8)
        #expect(members.contains("<h1>Members</h1>") && members.contains("class=\"empty\""))
        // The menu links only what exists: the lists, not the pages still to come.
        let home = try String(contentsOf: output.appendingPathComponent("ja/index.html"), encoding: .utf8)
        #expect(home.contains("href=\"/ja/news/\"") && !home.contains("href=\"/ja/about-iclei/\""))
    }

    /// Once a language has pages, a menu entry that names nothing is an error again.
    @Test func aMenuEntryNamingNothingIsAnErrorOnceTheLanguageHasPages() throws {
        let root = try emptySite()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Content/news"), withIntermediateDirectories: true)
        try "---\ntitle: 最初の記事\ndate: 2025-01-15\n---\n\n本文。\n".write(
            to: root.appendingPathComponent("Content/news/2025-01-15-first.ja.md"), atomically: false, encoding: .utf8)
        let problems = SiteBuilder(options: .init(source: root, output: root.appendingPathComponent("Output")))
            .check().filter { $0.severity == .error }
        #expect(problems.contains { $0.message.contains("names `about-iclei`, which is no page or section in `ja`") })
        #expect(!problems.contains { $0.message.contains("in `en`") }, "English has no page yet")
    }
}
