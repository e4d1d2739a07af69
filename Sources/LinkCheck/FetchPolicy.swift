import Foundation

/// What one address turned out to be.
public enum LinkOutcome: Sendable, Equatable {
    case ok
    /// Works, after one or more permanent redirects (301, 308) from the address written:
    /// the link should name `target`.
    case moved(status: Int, target: String)
    /// A definite answer that the page is not there (404, 410, 5xx, a redirect loop).
    case broken(String)
    /// An answer that says nothing about the page: the host refuses checkers (403, 999, a
    /// Cloudflare challenge) or asks to come back later (429).
    case unknown(String)
    /// No answer at all (timeouts, TLS, DNS, refused connections): never cached.
    case unreachable(String)
}

/// How one address is fetched: HEAD, then GET where HEAD is refused or fails (many servers
/// answer HEAD wrongly), each redirect followed by hand, timeouts retried, a short
/// `Retry-After` waited for once. The per-host pacing is `HostGate`'s.
public struct FetchPolicy: Sendable {
    public var timeout: Duration = .seconds(10)
    /// Tries after a timeout.
    public var retries = 2
    public var maxRedirects = 10
    /// A 429's `Retry-After` up to this long is waited for and the request made again;
    /// a longer one makes the link "could not tell".
    public var longestRetryWait: Duration = .seconds(5)

    public init() {}

    public func check(_ written: String, with fetcher: some LinkFetching) async -> LinkOutcome {
        let address = Self.asciiAddress(written)
        var current = address
        var visited = [address]
        var moved: (status: Int, target: String)?
        var onlyPermanent = true
        while true {
            let answer = await fetchWithFallback(current, fetcher)
            guard case .response(let response) = answer else {
                if case .failure(let failure) = answer { return .unreachable(Self.describe(failure)) }
                return .unreachable("no answer")
            }
            if (300..<400).contains(response.status), let location = response.headers["location"] {
                guard let next = URL(string: location, relativeTo: URL(string: current))?.absoluteString else {
                    return .broken("\(Self.status(response)) to an invalid address `\(location)`")
                }
                if visited.contains(next) {
                    return .broken("a redirect loop: " + (visited + [next]).joined(separator: " → "))
                }
                guard visited.count <= maxRedirects else { return .broken("more than \(maxRedirects) redirects") }
                if onlyPermanent && (response.status == 301 || response.status == 308) {
                    moved = (moved?.status ?? response.status, next)
                } else {
                    onlyPermanent = false
                }
                visited.append(next)
                current = next
                continue
            }
            return Self.classify(response, moved: moved)
        }
    }

    /// Japanese paths (`https://ja.wikipedia.org/wiki/京都市`) are written as read; on the wire
    /// every byte outside printable ASCII is percent-encoded, as a browser does.
    static func asciiAddress(_ url: String) -> String {
        guard url.utf8.contains(where: { $0 >= 0x80 || $0 <= 0x20 }) else { return url }
        var out = ""
        for byte in url.utf8 {
            if byte >= 0x80 || byte <= 0x20 {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }

    static func classify(_ response: FetchResponse, moved: (status: Int, target: String)?) -> LinkOutcome {
        if let challenge = challenge(response) { return .unknown(challenge) }
        switch response.status {
        case 200..<300:
            return moved.map { LinkOutcome.moved(status: $0.status, target: $0.target) } ?? .ok
        case 401, 403, 999:
            return .unknown("\(status(response)): the site refuses automated checks; open it in a browser")
        case 429:
            return .unknown("\(status(response)): the site asked to slow down; it is checked again next time")
        case 300..<400:
            return .broken("\(status(response)) without a Location to go to")
        default:
            return .broken(status(response))
        }
    }

    /// A bot challenge (Cloudflare, and the like) instead of the page.
    static func challenge(_ response: FetchResponse) -> String? {
        if response.headers["cf-mitigated"] == "challenge" || response.bodyPrefix.contains("challenge-platform")
            || response.bodyPrefix.contains("<title>Just a moment...</title>")
        {
            return "\(status(response)) with a bot challenge page: the site lets only browsers in; open it in one"
        }
        return nil
    }

    static func status(_ response: FetchResponse) -> String {
        response.reason.isEmpty ? "\(response.status)" : "\(response.status) \(response.reason)"
    }

    static func describe(_ failure: FetchFailure) -> String {
        switch failure {
        case .timeout: return "no answer within the time limit"
        case .tls(let reason): return "TLS failed (\(reason)): browsers will refuse this site too"
        case .network(let reason): return reason
        }
    }

    /// HEAD first (no body to send); GET when HEAD gets anything but a success or a redirect,
    /// except 429, which a second request would only make worse. No answer at all (after the
    /// retries) is not asked again by GET.
    private func fetchWithFallback(_ url: String, _ fetcher: some LinkFetching) async -> FetchAnswer {
        let head = await fetchRetrying(.head, url, fetcher)
        if case .response(let response) = head, response.status < 400 || response.status == 429 { return head }
        if case .failure = head { return head }
        return await fetchRetrying(.get, url, fetcher)
    }

    private func fetchRetrying(_ method: FetchRequest.Method, _ url: String, _ fetcher: some LinkFetching) async
        -> FetchAnswer
    {
        let request = FetchRequest(method: method, url: url, timeout: timeout)
        var answer = await fetcher.fetch(request)
        var tries = 1
        var waitedForRetryAfter = false
        while true {
            if case .failure(.timeout) = answer, tries <= retries {
                tries += 1
            } else if case .response(let response) = answer, response.status == 429, !waitedForRetryAfter,
                let wait = response.headers["retry-after"].flatMap(Int.init), wait >= 0,
                Duration.seconds(wait) <= longestRetryWait
            {
                waitedForRetryAfter = true
                try? await Task.sleep(for: .seconds(wait))
            } else {
                return answer
            }
            answer = await fetcher.fetch(request)
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
