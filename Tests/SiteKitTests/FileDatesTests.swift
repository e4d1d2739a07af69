import Foundation
import Testing

@testable import SiteKit

/// Each page's 最終更新日: `lastmod`, else the last commit of its file (one `git log` for the
/// site), else its file's modification day, never later than the build's moment.
@Suite struct FileDatesTests {
    @Test func oneLogGivesEachFileItsNewestCommit() {
        let log = Array(
            "\u{1}200\0\nContent/a.md\0Content/b.md\0\u{1}100\0\nContent/a.md\0Content/c.md\0\u{1}50\0".utf8)
        #expect(GitHistory.parse(log) == ["Content/a.md": 200, "Content/b.md": 200, "Content/c.md": 100])
        #expect(GitHistory.parse([]) == [:])
    }

    @Test func aFileDateIsATokyoDayCappedAtTheBuildsMoment() throws {
        // 2025-01-14T15:30Z is already the 15th in Tokyo.
        let dates = FileDates(committed: ["Content/a.md": 1_736_868_600], modified: ["Content/b.md": 1_800_000_000])
        #expect(dates.updated("Content/a.md", now: 1_900_000_000)?.iso == "2025-01-15")
        let now = try #require(SiteBuilder.instant("2026-01-01T09:00+09:00"))
        #expect(dates.updated("Content/b.md", now: now)?.iso == "2026-01-01")
        #expect(dates.updated("Content/c.md", now: now) == nil)
    }

    static let item = "Content/news/2021-01-28-agreement.ja.md"
    static let itemPage = "ja/news/2021-01-28-agreement/index.html"

    func git(_ site: FixtureSite, _ arguments: [String], date: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["git", "-C", site.root.path, "-c", "user.name=t", "-c", "user.email=t@example.org"] + arguments
        var environment = ProcessInfo.processInfo.environment
        if let date { (environment["GIT_AUTHOR_DATE"], environment["GIT_COMMITTER_DATE"]) = (date, date) }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments)")
    }

    /// A site in a repository of two commits, built at a fixed moment.
    func repository() throws -> FixtureSite {
        let site = try FixtureSite()
        try git(site, ["init", "-q"])
        try git(site, ["add", "-A"])
        try git(site, ["commit", "-q", "-m", "first"], date: "2024-03-05T10:00:00+09:00")
        try site.append(Self.item, "\n追記しました。\n")
        try git(site, ["commit", "-q", "-am", "second"], date: "2025-01-15T10:00:00+09:00")
        return site
    }

    func options(_ site: FixtureSite, output: URL? = nil) -> SiteBuilder.Options {
        var options = SiteBuilder.Options(source: site.root, output: output ?? site.output)
        options.now = SiteBuilder.instant("2026-01-01T09:00+09:00")
        return options
    }

    @Test func thePageTheSitemapAndJSONLDSayTheLastCommitsDay() throws {
        let site = try repository()
        defer { site.cleanUp() }
        try SiteBuilder(options: options(site)).build()
        let page = try site.read(Self.itemPage)
        #expect(page.contains("<p class=\"updated\"><time datetime=\"2025-01-15\">2025年1月15日（水）</time></p>"))
        #expect(page.contains("\"dateModified\":\"2025-01-15\""), "\(page)")
        let sitemap = try site.read("sitemap.xml")
        #expect(
            sitemap.contains(
                "<loc>https://example.org/site/ja/news/2021-01-28-agreement/</loc>\n<lastmod>2025-01-15</lastmod>"))
        #expect(try site.read("en/news/agreement/index.html").contains(">5 March 2024</time></p>"))
        // `lastmod` in front matter wins.
        try site.replace(Self.item) {
            $0.replacingOccurrences(of: "date: 2021-01-28\r\n", with: "date: 2021-01-28\r\nlastmod: 2025-02-03\r\n")
        }
        try SiteBuilder(options: options(site)).build()
        #expect(try site.read(Self.itemPage).contains("<time datetime=\"2025-02-03\">2025年2月3日（月）</time></p>"))
    }

    /// A commit that changes no file (here an amended date) is seen by an incremental build,
    /// which writes what a clean one writes.
    @Test func aNewCommitDateRendersLikeACleanBuild() throws {
        let site = try repository()
        defer { site.cleanUp() }
        var cache = PreviousBuild()
        try SiteBuilder(options: options(site)).build(previous: &cache)
        try git(site, ["commit", "-q", "--amend", "--no-edit"], date: "2025-06-30T10:00:00+09:00")
        try SiteBuilder(options: options(site)).build(previous: &cache)
        let clean = site.root.appendingPathComponent("Clean")
        var cleanOptions = options(site, output: clean)
        cleanOptions.cacheFolder = nil
        try SiteBuilder(options: cleanOptions).build()
        #expect(try site.snapshot() == site.snapshot(clean))
        #expect(try site.read(Self.itemPage).contains(">2025年6月30日（月）</time></p>"))
        #expect(try site.read("sitemap.xml").contains("<lastmod>2025-06-30</lastmod>"))
    }

    /// A shallow clone's one commit seems to add every file: the files' own days stand in, and
    /// a file written after the build's moment counts as changed at it.
    @Test func aShallowCloneOrNoRepositoryFallsBackToTheFilesDay() throws {
        let origin = try repository()
        defer { origin.cleanUp() }
        let clone = try FixtureSite()
        defer { clone.cleanUp() }
        try FileManager.default.removeItem(at: clone.root)
        try git(origin, ["clone", "-q", "--depth", "1", "file://" + origin.root.path, clone.root.path])
        try SiteBuilder(options: options(clone)).build()
        #expect(try clone.read(Self.itemPage).contains("<time datetime=\"2026-01-01\">2026年1月1日（木）</time></p>"))
        // No repository at all.
        let plain = try FixtureSite()
        defer { plain.cleanUp() }
        try SiteBuilder(options: options(plain)).build()
        #expect(try plain.read(Self.itemPage).contains("<time datetime=\"2026-01-01\">2026年1月1日（木）</time></p>"))
    }
}
