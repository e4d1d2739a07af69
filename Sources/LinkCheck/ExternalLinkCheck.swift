import Foundation
import SiteKit

/// `check --links`: every external link of the content, each address fetched once (or read
/// from the cache), and a diagnostic at every place a link that does not work stands.
public struct ExternalLinkCheck: Sendable {
    public var policy = FetchPolicy()
    /// Requests at a time to one host, and the least time between two of their starts.
    public var perHost = 2
    public var spacing: Duration = .milliseconds(500)
    /// Requests at a time in all, so that a thousand hosts do not mean a thousand sockets.
    public var inFlight = 16
    /// Only the cache: nothing is fetched, nothing is saved.
    public var offline = false
    /// The clock the cache's ages are counted by (tests move it by days).
    public var now: @Sendable () -> Date = { Date() }

    public init() {}

    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var summary: String
        /// Links (places) confirmed broken: the exit status depends on this alone.
        public var broken: Int
        public var verdicts: [String: LinkVerdict]
    }

    public func run(_ links: [ExternalLink], cache: inout LinkCache, fetcher: some LinkFetching) async -> Report {
        var addresses: [String] = []
        var seen = Set<String>()
        for link in links where seen.insert(link.address).inserted { addresses.append(link.address) }
        let moment = now()
        var verdicts: [String: LinkVerdict] = [:]
        var fetched = 0
        if offline {
            for address in addresses {
                verdicts[address] =
                    cache.links[address].map(LinkVerdict.init)
                    ?? .couldNotTell("it is not in the link cache (offline); run `check --links` online")
            }
        } else {
            let stale = addresses.filter { !cache.isFresh($0, now: moment) }
            fetched = stale.count
            for (address, outcome) in await fetchAll(stale, fetcher) {
                if case .unreachable(let reason) = outcome {
                    verdicts[address] = .couldNotTell(reason)
                } else {
                    cache.record(address, outcome, now: moment)
                }
            }
            for address in addresses where verdicts[address] == nil {
                verdicts[address] = cache.links[address].map(LinkVerdict.init) ?? .couldNotTell("no answer")
            }
            cache.keep(only: seen)
        }
        let diagnostics = links.compactMap { verdicts[$0.address]?.diagnostic(at: $0) }
        return Report(
            diagnostics: diagnostics,
            summary: summary(links: links.count, addresses: addresses, fetched: fetched, verdicts),
            broken: diagnostics.filter { $0.severity == .error }.count, verdicts: verdicts)
    }

    private func fetchAll(_ addresses: [String], _ fetcher: some LinkFetching) async -> [(String, LinkOutcome)] {
        let gate = HostGate(limit: perHost, spacing: spacing)
        let policy = policy
        return await withTaskGroup(of: (String, LinkOutcome).self) { group in
            var results: [(String, LinkOutcome)] = []
            for (n, address) in addresses.enumerated() {
                // Beyond `inFlight`, one ends before the next starts.
                if n >= max(1, inFlight), let result = await group.next() { results.append(result) }
                let host = URL(string: address)?.host?.lowercased() ?? address
                group.addTask {
                    (address, await gate.run(host: host) { await policy.check(address, with: fetcher) })
                }
            }
            for await result in group { results.append(result) }
            return results
        }
    }

    private func summary(links: Int, addresses: [String], fetched: Int, _ verdicts: [String: LinkVerdict]) -> String {
        var counts = (fine: 0, broken: 0, moved: 0, once: 0, unknown: 0)
        for address in addresses {
            switch verdicts[address] ?? .fine {
            case .fine: counts.fine += 1
            case .broken: counts.broken += 1
            case .moved: counts.moved += 1
            case .failedOnce: counts.once += 1
            case .couldNotTell: counts.unknown += 1
            }
        }
        let source =
            offline ? "offline, from the cache" : "\(fetched) fetched, \(addresses.count - fetched) from the cache"
        return
            "links: \(links) external link\(links == 1 ? "" : "s") to \(addresses.count) address\(addresses.count == 1 ? "" : "es") (\(source)): "
            + "\(counts.fine) fine, \(counts.broken) broken, \(counts.moved) to update, \(counts.once) failed once, \(counts.unknown) could not tell"
    }
}
