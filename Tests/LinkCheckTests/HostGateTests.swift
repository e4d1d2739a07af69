import Synchronization
import Testing

@testable import LinkCheck

@Suite struct HostGateTests {
    /// How many run at once per host, the most seen, and when each started.
    final class Recorder: Sendable {
        private let state = Mutex<
            (running: [String: Int], most: [String: Int], starts: [String: [ContinuousClock.Instant]])
        >(
            ([:], [:], [:]))

        func start(_ host: String) {
            state.withLock { s in
                s.running[host, default: 0] += 1
                s.most[host] = max(s.most[host] ?? 0, s.running[host]!)
                s.starts[host, default: []].append(.now)
            }
        }

        func end(_ host: String) { state.withLock { $0.running[host, default: 0] -= 1 } }
        var most: [String: Int] { state.withLock { $0.most } }
        var starts: [String: [ContinuousClock.Instant]] { state.withLock { $0.starts } }
    }

    @Test func atMostTwoAtATimePerHostWithTheirStartsSpacedOut() async {
        let gate = HostGate(limit: 2, spacing: .milliseconds(40))
        let recorder = Recorder()
        let begin = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<12 {
                let host = i.isMultiple(of: 2) ? "a.jp" : "b.jp"
                group.addTask {
                    await gate.run(host: host) {
                        recorder.start(host)
                        try? await Task.sleep(for: .milliseconds(100))
                        recorder.end(host)
                    }
                }
            }
        }
        #expect(recorder.most == ["a.jp": 2, "b.jp": 2])
        // A busy machine can only delay a start, never bring one forward: the sixth start of a
        // host comes five spacings after the first was allowed, at the earliest.
        for host in ["a.jp", "b.jp"] {
            let times = recorder.starts[host]!.sorted()
            #expect(times.count == 6)
            #expect(times[5] - begin >= .milliseconds(200), "\(host): six starts within \(times[5] - begin)")
        }
    }
}
