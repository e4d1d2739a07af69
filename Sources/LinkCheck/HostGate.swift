/// Politeness per host: at most `limit` requests to one host at a time, and their starts at
/// least `spacing` apart. A municipality's small server should not see a burst from us.
public actor HostGate {
    let limit: Int
    let spacing: Duration
    private var active: [String: Int] = [:]
    private var nextStart: [String: ContinuousClock.Instant] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init(limit: Int = 2, spacing: Duration = .milliseconds(500)) {
        self.limit = max(1, limit)
        self.spacing = spacing
    }

    /// Runs `work` once the host has room for it.
    public func run<T: Sendable>(host: String, _ work: @Sendable () async -> T) async -> T {
        await enter(host)
        let result = await work()
        leave(host)
        return result
    }

    private func enter(_ host: String) async {
        while active[host, default: 0] >= limit {
            await withCheckedContinuation { waiting[host, default: []].append($0) }
        }
        active[host, default: 0] += 1
        // The start slot is taken before sleeping, so that requests arriving meanwhile queue
        // behind it.
        let now = ContinuousClock.now
        let start = max(now, nextStart[host] ?? now)
        nextStart[host] = start + spacing
        if start > now { try? await Task.sleep(until: start, clock: .continuous) }
    }

    private func leave(_ host: String) {
        active[host, default: 1] -= 1
        if var queue = waiting[host], !queue.isEmpty {
            queue.removeFirst().resume()
            waiting[host] = queue.isEmpty ? nil : queue
        }
    }
}
