import Foundation
import SiteKit
import Testing

@testable import LinkCheck

@Suite struct LinkCacheTests {
    let link = ExternalLink(url: "https://a.jp/x#part", file: "Content/news/n.ja.md", line: 7, column: 3)

    func checker(_ clock: TestClock, offline: Bool = false) -> ExternalLinkCheck {
        var check = ExternalLinkCheck()
        check.spacing = .zero
        check.policy.timeout = .milliseconds(50)
        check.offline = offline
        check.now = { clock.now }
        return check
    }

    @Test func aGoodLinkIsNotFetchedAgainForSevenDays() async {
        let clock = TestClock()
        let fetcher = ScriptedFetcher(["HEAD https://a.jp/x": [status(200)]])
        var cache = LinkCache()
        let first = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(first.diagnostics.isEmpty && first.broken == 0)
        clock.advance(days: 6.9)
        _ = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(fetcher.requests.count == 1, "the fragment is not part of the address, and the result is fresh")
        clock.advance(days: 0.2)
        let later = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(fetcher.requests.count == 2)
        #expect(later.summary.contains("1 fetched, 0 from the cache"))
    }

    @Test func aLinkIsBrokenOnlyAfterFailingOnTwoDays() async throws {
        let clock = TestClock()
        let fetcher = ScriptedFetcher([
            "HEAD https://a.jp/x": [.response(FetchResponse(status: 404, reason: "Not Found"))],
            "GET https://a.jp/x": [.response(FetchResponse(status: 404, reason: "Not Found"))],
        ])
        var cache = LinkCache()
        let first = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(first.broken == 0)
        #expect(
            first.diagnostics.map(\.description) == [
                "Content/news/n.ja.md:7:3: warning: link `https://a.jp/x#part` failed on 2026-12-01 (404 Not Found); it is fetched again after a day and called broken if it fails again"
            ])
        clock.advance(days: 0.5)
        let sameDay = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(fetcher.requests.count == 2, "a failure is not fetched again within a day")
        #expect(sameDay.broken == 0)
        clock.advance(days: 0.6)
        let second = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(fetcher.requests.count == 4)
        #expect(
            second.diagnostics.map(\.description) == [
                "Content/news/n.ja.md:7:3: error: broken link `https://a.jp/x#part`: 404 Not Found (failed on 2026-12-01 and 2026-12-02)"
            ])
        #expect(second.broken == 1)
    }

    @Test func aLinkThatWorksAgainStartsAfresh() async {
        let clock = TestClock()
        let fetcher = ScriptedFetcher([
            "HEAD https://a.jp/x": [status(500), status(200), status(500)], "GET https://a.jp/x": [status(500)],
        ])
        var cache = LinkCache()
        _ = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        clock.advance(days: 1.5)
        _ = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(cache.links["https://a.jp/x"]?.result == .ok)
        clock.advance(days: 8)
        let report = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(report.broken == 0, "the failures before it worked do not count")
    }

    @Test func noAnswerIsNeverCached() async {
        let clock = TestClock()
        let fetcher = ScriptedFetcher(["HEAD https://a.jp/x": [.failure(.network("could not connect"))]])
        var cache = LinkCache()
        let report = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(cache.links.isEmpty)
        #expect(
            report.diagnostics.first?.message == "could not tell whether `https://a.jp/x#part` works: could not connect"
        )
        _ = await checker(clock).run([link], cache: &cache, fetcher: fetcher)
        #expect(fetcher.requests.count == 2, "fetched again at once")
    }

    @Test func offlineUsesOnlyTheCacheAndSaysWhatItCannotTell() async {
        let clock = TestClock()
        var cache = LinkCache(links: [
            "https://a.jp/x": .init(
                result: .moved, checked: clock.now.addingTimeInterval(-90 * 86_400), target: "https://b.jp/",
                movedStatus: 301)
        ])
        let other = ExternalLink(url: "https://c.jp/", file: "Content/p.md", line: 2, column: 1)
        let fetcher = ScriptedFetcher([:])
        let report = await checker(clock, offline: true).run([link, other], cache: &cache, fetcher: fetcher)
        #expect(fetcher.requests.isEmpty)
        #expect(
            report.diagnostics.map(\.message) == [
                "update this link: `https://a.jp/x#part` has moved permanently (301) to `https://b.jp/`",
                "could not tell whether `https://c.jp/` works: it is not in the link cache (offline); run `check --links` online",
            ])
        #expect(report.summary.hasSuffix("0 fine, 0 broken, 1 to update, 0 failed once, 1 could not tell"))
        #expect(cache.links.count == 1, "offline leaves the cache as it was")
    }

    @Test func theCacheFileRoundTripsAndABadOneIsSaidAndReplaced() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("linkcache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent(".iclei-cache")
        var cache = LinkCache()
        cache.record("https://a.jp/", .broken("410 Gone"), now: TestClock().now)
        try cache.save(to: folder)
        #expect(LinkCache.load(from: folder, root: root).0 == cache)
        try Data("{\"links\": [1]".utf8).write(to: folder.appendingPathComponent("links.json"))
        let (empty, problem) = LinkCache.load(from: folder, root: root)
        #expect(empty.links.isEmpty)
        #expect(
            problem?.description.hasPrefix(".iclei-cache/links.json:1:1: warning: the link cache could not be read")
                == true)
        let (missing, none) = LinkCache.load(from: root.appendingPathComponent("nowhere"), root: root)
        #expect(missing.links.isEmpty && none == nil)
    }

    @Test func aCacheFolderThatIsALinkIsNotWrittenThrough() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("linkcache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent(".iclei-cache").path, withDestinationPath: "elsewhere")
        #expect(throws: (any Error).self) { try LinkCache().save(to: root.appendingPathComponent(".iclei-cache")) }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("elsewhere/links.json").path))
    }
}
