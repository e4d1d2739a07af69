import Foundation
import Hummingbird
import Synchronization

/// An HTTP server on 127.0.0.1 answering what the link checker must cope with, one path each:
/// nothing leaves the machine.
enum LocalServer {
    /// Paths asked for, with their method (`HEAD /no-head`), in order.
    final class Log: Sendable {
        private let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    static func respond(_ request: Request, log: Log) async throws -> Response {
        let path = request.uri.path
        let isHead = request.method == .head
        log.add("\(request.method.rawValue) \(path)")
        func answer(_ code: Int, _ headers: HTTPFields = [:], body: String = "") -> Response {
            Response(
                status: .init(code: code), headers: headers,
                body: isHead ? .init() : .init(byteBuffer: ByteBuffer(string: body)))
        }
        switch path {
        case "/ok": return answer(200, body: "fine")
        case "/moved": return answer(301, [.location: "/ok"])
        case "/moved-308": return answer(308, [.location: "/moved"])
        case "/temporary": return answer(302, [.location: "/ok"])
        case "/missing": return answer(404)
        case "/gone": return answer(410)
        case "/busy": return answer(429, [.retryAfter: "120"])
        case "/slow":
            try? await Task.sleep(for: .seconds(2))
            return answer(200)
        case "/no-head": return isHead ? answer(405) : answer(200, body: "only GET")
        case "/loop-a": return answer(302, [.location: "/loop-b"])
        case "/loop-b": return answer(302, [.location: "/loop-a"])
        case "/challenge":
            return answer(
                403, [.init("cf-mitigated")!: "challenge"],
                body: "<title>Just a moment...</title>")
        default: return answer(404)
        }
    }

    /// Runs `body` with the port of a server that lives as long as it does.
    static func with(_ body: (Int, Log) async throws -> Void) async throws {
        let log = Log()
        let (ports, ready) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await respond(request, log: log) },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in ready.yield(channel.localAddress?.port ?? 0) })
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { return }
        try await body(port, log)
    }
}
