/// One HTTP exchange, no redirect followed: what the fetch policy asks of the network. The
/// real client is `HTTPFetcher`; tests drive the policy with scripted answers.
public protocol LinkFetching: Sendable {
    func fetch(_ request: FetchRequest) async -> FetchAnswer
}

public struct FetchRequest: Sendable, Hashable {
    public enum Method: String, Sendable {
        case head = "HEAD"
        case get = "GET"
    }
    public var method: Method
    public var url: String
    /// For the whole exchange, connection included.
    public var timeout: Duration

    public init(method: Method, url: String, timeout: Duration) {
        self.method = method
        self.url = url
        self.timeout = timeout
    }
}

public enum FetchAnswer: Sendable, Equatable {
    case response(FetchResponse)
    /// No HTTP answer: the network's problem or the host's, never cached.
    case failure(FetchFailure)
}

public struct FetchResponse: Sendable, Equatable {
    public var status: Int
    public var reason: String
    /// Header names in lower case; the first value of each.
    public var headers: [String: String]
    /// The start of the body (GET only): enough to recognise a bot challenge page.
    public var bodyPrefix: String

    public init(status: Int, reason: String = "", headers: [String: String] = [:], bodyPrefix: String = "") {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.bodyPrefix = bodyPrefix
    }
}

public enum FetchFailure: Sendable, Equatable {
    case timeout
    /// The TLS handshake failed: a bad certificate, or no TLS on that port.
    case tls(String)
    /// No connection: the name does not resolve, the host refuses, the connection drops.
    case network(String)
}
