import Foundation
import Synchronization

@testable import LinkCheck

/// A network made of answers: `"HEAD https://a/x"` → the answers in turn (the last repeats),
/// and a record of every request, for driving the policy and the cache without sockets.
final class ScriptedFetcher: LinkFetching {
    private let script: [String: [FetchAnswer]]
    private let state = Mutex<(requests: [String], served: [String: Int])>(([], [:]))

    init(_ script: [String: [FetchAnswer]]) { self.script = script }

    var requests: [String] { state.withLock { $0.requests } }

    func fetch(_ request: FetchRequest) async -> FetchAnswer {
        let key = "\(request.method.rawValue) \(request.url)"
        let n = state.withLock { state in
            state.requests.append(key)
            defer { state.served[key, default: 0] += 1 }
            return state.served[key, default: 0]
        }
        guard let answers = script[key], !answers.isEmpty else { return .response(FetchResponse(status: 404)) }
        return answers[min(n, answers.count - 1)]
    }
}

/// A clock the tests move by hand.
final class TestClock: Sendable {
    private let time: Mutex<Date>
    init(_ start: String = "2026-12-01T09:00:00Z") { time = Mutex(ISO8601DateFormatter().date(from: start)!) }
    var now: Date { time.withLock { $0 } }
    func advance(days: Double) { time.withLock { $0 += days * 86_400 } }
}

func status(_ code: Int, _ headers: [String: String] = [:], body: String = "") -> FetchAnswer {
    .response(FetchResponse(status: code, headers: headers, bodyPrefix: body))
}
