import Testing

@testable import LinkCheck

@Suite struct FetchPolicyTests {
    let policy: FetchPolicy = {
        var policy = FetchPolicy()
        policy.timeout = .milliseconds(50)
        return policy
    }()

    @Test func aRefusedHeadIsAskedAgainWithGet() async {
        let fetcher = ScriptedFetcher(["HEAD https://a.jp/x": [status(405)], "GET https://a.jp/x": [status(200)]])
        #expect(await policy.check("https://a.jp/x", with: fetcher) == .ok)
        #expect(fetcher.requests == ["HEAD https://a.jp/x", "GET https://a.jp/x"])
    }

    @Test func aPermanentRedirectSaysWhereToPointAndATemporaryOneDoesNot() async {
        let fetcher = ScriptedFetcher([
            "HEAD http://a.jp/x": [status(301, ["location": "https://a.jp/x"])],
            "HEAD https://a.jp/x": [status(308, ["location": "/y"])],
            "HEAD https://a.jp/y": [status(302, ["location": "/z"])],
            "HEAD https://a.jp/z": [status(200)],
            "HEAD https://a.jp/t": [status(307, ["location": "/z"])],
        ])
        #expect(await policy.check("http://a.jp/x", with: fetcher) == .moved(status: 301, target: "https://a.jp/y"))
        #expect(await policy.check("https://a.jp/t", with: fetcher) == .ok)
    }

    @Test func aRedirectLoopIsBroken() async {
        let fetcher = ScriptedFetcher([
            "HEAD https://a.jp/1": [status(302, ["location": "/2"])],
            "HEAD https://a.jp/2": [status(302, ["location": "https://a.jp/1"])],
        ])
        let outcome = await policy.check("https://a.jp/1", with: fetcher)
        #expect(outcome == .broken("a redirect loop: https://a.jp/1 → https://a.jp/2 → https://a.jp/1"))
    }

    @Test func refusalsRateLimitsAndChallengesAreNeverBroken() async {
        let fetcher = ScriptedFetcher([
            "HEAD https://a.jp/403": [status(403)], "GET https://a.jp/403": [status(403)],
            "HEAD https://a.jp/999": [status(999)], "GET https://a.jp/999": [status(999)],
            "HEAD https://a.jp/429": [status(429, ["retry-after": "3600"])],
            "HEAD https://a.jp/cf": [status(503)],
            "GET https://a.jp/cf": [status(503, body: "<html><title>Just a moment...</title>")],
        ])
        for path in ["403", "999", "429", "cf"] {
            let outcome = await policy.check("https://a.jp/\(path)", with: fetcher)
            guard case .unknown = outcome else {
                Issue.record("\(path): \(outcome)")
                continue
            }
        }
        #expect(!fetcher.requests.contains("GET https://a.jp/429"), "a rate limit is not answered with more requests")
    }

    @Test func aShortRetryAfterIsWaitedForOnce() async {
        let fetcher = ScriptedFetcher(["HEAD https://a.jp/x": [status(429, ["retry-after": "0"]), status(200)]])
        #expect(await policy.check("https://a.jp/x", with: fetcher) == .ok)
    }

    @Test func timeoutsAreRetriedThenGiveNoVerdict() async {
        let flaky = ScriptedFetcher(["HEAD https://a.jp/x": [.failure(.timeout), .failure(.timeout), status(200)]])
        #expect(await policy.check("https://a.jp/x", with: flaky) == .ok)
        let dead = ScriptedFetcher(["HEAD https://a.jp/x": [.failure(.timeout)]])
        #expect(await policy.check("https://a.jp/x", with: dead) == .unreachable("no answer within the time limit"))
        #expect(dead.requests.count == 3, "one try and two retries, and no GET after no answer")
    }

    @Test func japaneseAddressesGoOutPercentEncoded() async {
        let fetcher = ScriptedFetcher(["HEAD https://ja.wikipedia.org/wiki/%E4%BA%AC%E9%83%BD": [status(200)]])
        #expect(await policy.check("https://ja.wikipedia.org/wiki/京都", with: fetcher) == .ok)
    }

    @Test func notFoundAndServerErrorsAreBrokenAfterGetToo() async {
        let fetcher = ScriptedFetcher([
            "HEAD https://a.jp/x": [.response(FetchResponse(status: 404, reason: "Not Found"))],
            "GET https://a.jp/x": [.response(FetchResponse(status: 404, reason: "Not Found"))],
        ])
        #expect(await policy.check("https://a.jp/x", with: fetcher) == .broken("404 Not Found"))
        #expect(fetcher.requests.count == 2)
    }
}
