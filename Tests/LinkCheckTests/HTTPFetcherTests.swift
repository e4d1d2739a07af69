import Foundation
import SiteKit
import Testing

@testable import LinkCheck

/// The real client against real sockets on 127.0.0.1.
@Suite(.serialized) struct HTTPFetcherTests {
    func check(_ paths: [String], port: Int, scheme: String = "http") async -> [String: LinkOutcome] {
        var policy = FetchPolicy()
        policy.timeout = .milliseconds(400)
        let fetcher = HTTPFetcher(timeout: policy.timeout)
        var outcomes: [String: LinkOutcome] = [:]
        for path in paths {
            outcomes[path] = await policy.check("\(scheme)://127.0.0.1:\(port)\(path)", with: fetcher)
        }
        await fetcher.shutdown()
        return outcomes
    }

    @Test func everyKindOfAnswer() async throws {
        try await LocalServer.with { port, log in
            let base = "http://127.0.0.1:\(port)"
            let outcomes = await check(
                [
                    "/ok", "/moved", "/moved-308", "/temporary", "/missing", "/gone", "/busy", "/no-head", "/loop-a",
                    "/challenge",
                ], port: port)
            #expect(outcomes["/ok"] == .ok)
            #expect(outcomes["/moved"] == .moved(status: 301, target: "\(base)/ok"))
            #expect(outcomes["/moved-308"] == .moved(status: 308, target: "\(base)/ok"), "two permanent hops: the last")
            #expect(outcomes["/temporary"] == .ok)
            #expect(outcomes["/missing"] == .broken("404 Not Found"))
            #expect(outcomes["/gone"] == .broken("410 Gone"))
            #expect(outcomes["/no-head"] == .ok)
            #expect(outcomes["/loop-a"] == .broken("a redirect loop: \(base)/loop-a → \(base)/loop-b → \(base)/loop-a"))
            guard case .unknown(let busy) = outcomes["/busy"], case .unknown(let challenge) = outcomes["/challenge"]
            else {
                Issue.record("429 and a challenge must be 'could not tell': \(outcomes)")
                return
            }
            #expect(busy.hasPrefix("429 Too Many Requests"))
            #expect(challenge.contains("bot challenge"))
            let asked = log.all
            #expect(asked.contains("HEAD /no-head") && asked.contains("GET /no-head"), "HEAD refused, then GET")
            #expect(asked.contains("GET /missing"), "a failed HEAD is confirmed by GET")
            #expect(!asked.contains("GET /busy"), "a 429 is not pressed")
            #expect(!asked.contains("GET /ok"))
        }
    }

    @Test func aSlowAnswerTimesOutAfterRetries() async throws {
        try await LocalServer.with { port, log in
            let start = ContinuousClock.now
            let outcomes = await check(["/slow"], port: port)
            #expect(outcomes["/slow"] == .unreachable("no answer within the time limit"))
            #expect(ContinuousClock.now - start < .seconds(5))
            #expect(log.all.filter { $0 == "HEAD /slow" }.count == 3, "tried three times")
        }
    }

    @Test func tlsToAPlainServerAndARefusedConnectionGiveNoVerdict() async throws {
        try await LocalServer.with { port, _ in
            let outcomes = await check(["/ok"], port: port, scheme: "https")
            guard case .unreachable(let reason) = outcomes["/ok"] else {
                Issue.record("TLS to a plain HTTP server: \(String(describing: outcomes["/ok"]))")
                return
            }
            #expect(reason.hasPrefix("TLS failed"), "\(reason)")
        }
        // A port nothing listens on: the server above has stopped.
        let closed = try closedPort()
        let outcomes = await check(["/ok"], port: closed)
        guard case .unreachable(let reason) = outcomes["/ok"] else {
            Issue.record("a refused connection: \(String(describing: outcomes["/ok"]))")
            return
        }
        #expect(reason.hasPrefix("could not connect"), "\(reason)")
    }

    @Test func theWholeCheckReportsAtTheLinksPlaces() async throws {
        try await LocalServer.with { port, _ in
            let base = "http://127.0.0.1:\(port)"
            let links = [
                ExternalLink(url: "\(base)/ok", file: "Content/a.ja.md", line: 3, column: 5),
                ExternalLink(url: "\(base)/moved#x", file: "Content/a.ja.md", line: 4, column: 1),
                ExternalLink(url: "\(base)/gone", file: "Content/b.en.md", line: 9, column: 12),
                ExternalLink(url: "\(base)/gone", file: "Content/c.en.md", line: 2, column: 1),
            ]
            var check = ExternalLinkCheck()
            check.spacing = .milliseconds(10)
            let fetcher = HTTPFetcher(timeout: .seconds(2))
            var cache = LinkCache()
            let report = await check.run(links, cache: &cache, fetcher: fetcher)
            await fetcher.shutdown()
            #expect(
                report.diagnostics.map(\.description) == [
                    "Content/a.ja.md:4:1: warning: update this link: `\(base)/moved#x` has moved permanently (301) to `\(base)/ok`",
                    "Content/b.en.md:9:12: warning: link `\(base)/gone` failed on \(LinkCache.day(Date())) (410 Gone); it is fetched again after a day and called broken if it fails again",
                    "Content/c.en.md:2:1: warning: link `\(base)/gone` failed on \(LinkCache.day(Date())) (410 Gone); it is fetched again after a day and called broken if it fails again",
                ])
            #expect(report.summary.hasPrefix("links: 4 external links to 3 addresses (3 fetched, 0 from the cache)"))
            #expect(cache.links.count == 3)
        }
    }

    private func closedPort() throws -> Int {
        // Bind port 0, read the port the kernel gave, close: nothing listens there now.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
