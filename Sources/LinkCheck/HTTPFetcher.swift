import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The real network: AsyncHTTPClient (NIO, with BoringSSL compiled in, so the static release
/// binary needs no system TLS or curl library), one exchange per call, redirects not followed
/// so that the policy sees each hop and can tell a permanent move from a temporary one.
public final class HTTPFetcher: LinkFetching {
    private let client: HTTPClient
    private let userAgent: String
    /// What is read of a GET's body: a challenge page says so near its top.
    static let bodyPrefixBytes = 16_384

    public init(timeout: Duration, userAgent: String = "iclei-site-linkcheck/1 (+https://japan.iclei.org/)") {
        let seconds = Self.amount(timeout)
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: seconds, read: seconds))
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.userAgent = userAgent
    }

    /// Must be called once the checks are done: the client's connections are closed here.
    public func shutdown() async {
        try? await client.shutdown()
    }

    public func fetch(_ request: FetchRequest) async -> FetchAnswer {
        var http = HTTPClientRequest(url: request.url)
        http.method = request.method == .head ? .HEAD : .GET
        http.headers.add(name: "User-Agent", value: userAgent)
        http.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,*/*;q=0.8")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(http, timeout: Self.amount(request.timeout))
        } catch {
            return .failure(Self.failure(error))
        }
        var headers: [String: String] = [:]
        for (name, value) in response.headers where headers[name.lowercased()] == nil {
            headers[name.lowercased()] = value
        }
        var body: [UInt8] = []
        if request.method == .get {
            // A body that fails half-way still had its status: the answer stands.
            do {
                for try await chunk in response.body {
                    body += chunk.readableBytesView
                    if body.count >= Self.bodyPrefixBytes { break }
                }
            } catch {}
        }
        return .response(
            FetchResponse(
                status: Int(response.status.code), reason: response.status.reasonPhrase, headers: headers,
                bodyPrefix: String(decoding: body.prefix(Self.bodyPrefixBytes), as: UTF8.self)))
    }

    static func amount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    static func failure(_ error: any Error) -> FetchFailure {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout: return .timeout
            case .tlsHandshakeTimeout: return .tls("the TLS handshake timed out")
            default: break
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return .tls(tlsReason(String(describing: error)))
        }
        if let error = error as? NIOConnectionError {
            guard let first = error.connectionErrors.first else { return .network("the host name does not resolve") }
            return .network("could not connect: \(first.error)")
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return .timeout }
        if let error = error as? IOError {
            return .network("could not connect: \(String(cString: strerror(error.errnoCode)))")
        }
        return .network(String(describing: error))
    }

    /// BoringSSL's reason (`CERTIFICATE_VERIFY_FAILED`, `WRONG_VERSION_NUMBER`) in words, out
    /// of NIOSSL's long description.
    static func tlsReason(_ description: String) -> String {
        guard let range = description.range(of: "OPENSSL_internal:") else { return description }
        let code = description[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return code.isEmpty ? description : code.lowercased().replacingOccurrences(of: "_", with: " ")
    }
}
