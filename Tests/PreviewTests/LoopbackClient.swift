import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs blocking socket work on a thread of its own. Blocking in an async test would hold one of
/// the cooperative pool's threads (two on two cores) while the preview's rebuild and the other
/// suites' builds need them: under a full `swift test` that stalled reloads until the socket
/// timed out.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// A plain HTTP/1.1 client over a TCP socket: requests go out exactly as written (no URL
/// clean-up, so traversal attempts reach the server unchanged).
struct LoopbackClient: Sendable {
    let port: Int

    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error { var message: String }

    func connect() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(message: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // Generous: on two busy cores a full rebuild of the test site can take seconds.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(message: "connect: \(errno)")
        }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until the peer closes the connection.
    static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }

    func request(_ method: String, _ target: String, headers: String = "", host: String = "127.0.0.1") async throws
        -> Response
    {
        try await offThePool {
            let fd = try connect()
            defer { close(fd) }
            Self.send(fd, "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\n\(headers)Connection: close\r\n\r\n")
            return try Self.parse(Self.readAll(fd))
        }
    }

    func get(_ target: String) async throws -> Response { try await request("GET", target) }

    static func parse(_ data: Data) throws -> Response {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(message: "no header end in \(data.count) bytes")
        }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "")
        else {
            throw Failure(message: "bad status line")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            out.append(rest[start..<start + size])
            rest = rest[(start + size + 2)...]
        }
        return out
    }

    /// A connection to the event stream, read line by line by one test at a time.
    final class EventStream: @unchecked Sendable {
        let fd: Int32
        private var buffer = ""

        private init(fd: Int32) { self.fd = fd }

        static func open(_ client: LoopbackClient) async throws -> EventStream {
            let stream = EventStream(fd: try client.connect())
            LoopbackClient.send(stream.fd, "GET /__iclei/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            _ = try await stream.next(containing: ": connected")
            return stream
        }

        /// Waits (at most the socket timeout) for a line containing `text`.
        func next(containing text: String) async throws -> String {
            try await offThePool { try self.read(until: text) }
        }

        private func read(until text: String) throws -> String {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                if let range = buffer.range(of: text) {
                    let line = String(buffer[..<range.upperBound])
                    buffer = String(buffer[range.upperBound...])
                    return line
                }
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard n > 0 else { throw Failure(message: "event stream ended waiting for \(text)") }
                buffer += String(decoding: chunk[0..<n], as: UTF8.self)
            }
        }

        private var closed = false

        /// Hangs up, as a browser does when its tab goes.
        func close() {
            guard !closed else { return }
            closed = true
            Glibc.close(fd)
        }

        deinit { close() }
    }
}
