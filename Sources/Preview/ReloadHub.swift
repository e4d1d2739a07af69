import Foundation

/// The browsers connected to `/__iclei/events`, and what the last build left to show.
actor ReloadHub {
    enum Status: Sendable {
        case ok
        /// The last build failed: pages show this error page until a build succeeds.
        case failed(html: String)
    }

    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    private(set) var status: Status = .ok
    private var closed = false

    /// At most this many open event streams: a browser that opens one per page view and a
    /// proxy that never closes them cannot exhaust the server's descriptors (the oldest ends).
    static let maxClients = 64
    private var order: [UUID] = []

    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        if closed {
            continuation.finish()
            return stream
        }
        let id = UUID()
        order.removeAll { clients[$0] == nil }
        while order.count >= Self.maxClients {
            clients.removeValue(forKey: order.removeFirst())?.finish()
        }
        clients[id] = continuation
        order.append(id)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        return stream
    }

    private func remove(_ id: UUID) { clients[id] = nil }

    var clientCount: Int { clients.count }

    /// A comment line to every browser: a stream whose browser has gone fails to write it and
    /// ends, closing its connection (nothing else tells the server a reader left).
    func ping() {
        for client in clients.values { client.yield(Self.ping) }
    }

    static let ping = ":ping"

    /// Sends `event` (`reload` or `css`) to every connected browser.
    func publish(_ event: String, status: Status) {
        self.status = status
        for client in clients.values { client.yield(event) }
    }

    /// Ends every event stream, so that shutdown does not wait for them.
    func close() {
        closed = true
        for client in clients.values { client.finish() }
        clients.removeAll()
    }
}
