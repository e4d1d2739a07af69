import Foundation
import Testing

@testable import Preview

/// The preview against hostile browsers and pages (issue 38).
@Suite(.serialized) struct PreviewHostileTests {
    /// DNS rebinding: a page of `evil.example`, resolved to 127.0.0.1, reads the preview with
    /// its own name as the Host.
    @Test func answersOnlyToLoopbackNames() async throws {
        try await RunningPreview.with { preview in
            let client = preview.client
            for host in ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example"] {
                let response = try await client.request("GET", "/ja/", host: host)
                #expect(response.status == 403, "\(host): \(response.status)")
                #expect(!response.text.contains("<html"))
            }
            for host in ["localhost", "localhost:8000", "127.0.0.1", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"] {
                #expect(try await client.request("GET", "/ja/", host: host).status == 200, "\(host)")
            }
        }
    }

    @Test func allowedHostsFollowTheListeningAddress() {
        let all = AllowedHosts(listeningOn: "0.0.0.0")
        #expect(all.allows("192.168.1.20:8000") && all.allows("[fe80::1]:8000") && all.allows("localhost"))
        #expect(!all.allows("evil.example") && !all.allows("1.2.3.4.evil.example"))
        let named = AllowedHosts(listeningOn: "preview.local")
        #expect(named.allows("preview.local:8000") && !named.allows("192.168.1.20"))
    }

    /// A range past the end of a file got a negative Content-Length from Hummingbird.
    @Test func aRangePastTheEndIsAnswered416() async throws {
        try await RunningPreview.with { preview in
            let client = preview.client
            let size = try Data(contentsOf: preview.ready.output.appendingPathComponent("ja/index.html")).count
            for range in ["bytes=\(size)-", "bytes=\(size + 100)-\(size + 200)", "bytes=5-2"] {
                let response = try await client.request("GET", "/ja/", headers: "Range: \(range)\r\n")
                #expect(response.status == 416, "\(range): \(response.status)")
                #expect(response.headers["content-range"] == "bytes */\(size)")
                #expect(!(response.headers["content-length"] ?? "").hasPrefix("-"))
            }
            let part = try await client.request("GET", "/ja/", headers: "Range: bytes=0-9\r\n")
            #expect(part.status == 206 && part.body.count == 10)
        }
    }

    /// Each closed reload connection leaked a socket: after ~450 page views with 256
    /// descriptors the preview stopped answering.
    @Test func closedReloadConnectionsAreReleased() async throws {
        try await RunningPreview.with(heartbeat: .milliseconds(100)) { preview in
            let port = preview.ready.port
            for _ in 0..<5 {
                let streams = try await (0..<40).asyncMap { _ in
                    try await LoopbackClient.EventStream.open(preview.client)
                }
                #expect(Self.serverConnections(port: port) >= 40)
                for stream in streams { stream.close() }
            }
            // The heartbeat finds each gone browser within a beat or two; until then its
            // socket waits in CLOSE_WAIT.
            var left = Self.serverConnections(port: port)
            for _ in 0..<50 where left > 0 {
                try await Task.sleep(for: .milliseconds(100))
                left = Self.serverConnections(port: port)
            }
            #expect(left == 0, "\(left) of 200 closed streams still hold a socket")
            #expect(try await preview.client.get("/ja/").status == 200)
        }
    }

    /// However many streams stay open, the server keeps at most `ReloadHub.maxClients`.
    @Test func openReloadStreamsAreBounded() async {
        let hub = ReloadHub()
        var streams: [AsyncStream<String>] = []
        for _ in 0..<(ReloadHub.maxClients + 10) { streams.append(await hub.subscribe()) }
        #expect(await hub.clientCount == ReloadHub.maxClients)
        var oldest = streams[0].makeAsyncIterator()
        #expect(await oldest.next() == nil, "the oldest stream was ended")
    }

    /// The server's side of its connections on `port` (any TCP state but LISTEN), from the
    /// kernel's table: each is a descriptor the server holds.
    static func serverConnections(port: Int) -> Int {
        let hexPort = ":" + String(format: "%04X", port)
        var count = 0
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // /proc files have no size: read to the end, not what a stat says.
            let data = FileHandle(forReadingAtPath: table)?.readDataToEndOfFile() ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[1].hasSuffix(hexPort), fields[3] != "0A" else { continue }
                count += 1
            }
        }
        return count
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
