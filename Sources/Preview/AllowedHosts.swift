/// The names a preview answers to: the loopback names, the host it was told to listen on and,
/// when it listens on every address, any IP address (a phone on the same network), but never
/// another name, which is what a DNS rebinding attack sends.
struct AllowedHosts: Sendable {
    private var names: Set<String> = ["localhost", "127.0.0.1", "[::1]", "::1"]
    private var anyAddress = false

    init(listeningOn host: String) {
        let host = host.lowercased()
        if host == "0.0.0.0" || host == "::" || host == "[::]" {
            anyAddress = true
        } else {
            names.insert(host)
            names.insert(host.contains(":") && !host.hasPrefix("[") ? "[" + host + "]" : host)
        }
    }

    /// `authority` as the Host header gives it: a name or address and perhaps a port.
    func allows(_ authority: String) -> Bool {
        let host = Self.hostPart(authority.lowercased())
        if names.contains(host) { return true }
        return anyAddress && Self.isAddress(host)
    }

    static func hostPart(_ authority: String) -> String {
        if authority.hasPrefix("[") {
            return authority.firstIndex(of: "]").map { String(authority[...$0]) } ?? authority
        }
        return authority.split(separator: ":", maxSplits: 1).first.map(String.init) ?? authority
    }

    static func isAddress(_ host: String) -> Bool {
        if host.hasPrefix("[") { return host.hasSuffix("]") }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
    }
}
