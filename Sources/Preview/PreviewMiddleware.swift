import Foundation
import Hummingbird

/// In front of the file middleware: only GET and HEAD; no path that could leave the output
/// folder (`..`, encoded slashes, backslashes, NUL, symbolic links pointing out); the error
/// page while the build is broken; the site's own 404 page; `charset=utf-8` on text.
struct PreviewMiddleware<Context: RequestContext>: RouterMiddleware {
    let root: String
    let hub: ReloadHub
    let hosts: AllowedHosts

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        // A page of another site whose name was made to point at 127.0.0.1 (DNS rebinding)
        // sends its own name as the Host: it gets nothing.
        if let host = request.head.authority, !hosts.allows(host) {
            return plain(.forbidden, "403 forbidden: this preview answers to localhost only\n")
        }
        let raw = request.uri.path
        let lowered = raw.lowercased()
        guard raw.hasPrefix("/"), !lowered.contains("%2f"), !lowered.contains("%5c"), !lowered.contains("%00"),
            let path = raw.removingPercentEncoding, !path.contains(".."), !path.contains("\\"),
            !path.contains("\0"), !path.contains("//")
        else {
            return plain(.badRequest, "400 bad request\n")
        }
        if path.hasPrefix("/__iclei/") { return try await next(request, context) }
        if !isInsideRoot(path) { return try await notFound(request) }
        if case .failed(let html) = await hub.status, path.hasSuffix("/") || path.hasSuffix(".html") {
            return Response(
                status: .internalServerError, headers: htmlHeaders,
                body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(string: html)))
        }
        if let range = request.headers[.range], let size = fileSize(path), !Self.satisfiable(range, size: size) {
            // Hummingbird answers a range past the end with a negative Content-Length.
            return Response(
                status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(size)", .contentLength: "0"])
        }
        do {
            var response = try await next(request, context)
            if response.status == .notFound { return try await notFound(request) }
            // The browser editor's configuration (`admin/config.yml`): Decap CMS reads a file
            // it is not told is YAML only with a complaint. Hummingbird knows no YAML type.
            if path.hasSuffix(".yml") || path.hasSuffix(".yaml") { response.headers[.contentType] = "application/yaml" }
            addCharset(&response)
            return response
        } catch let error as HTTPError where error.status == .notFound {
            return try await notFound(request)
        }
    }

    /// The file a path names, with symbolic links resolved, must lie in the output folder.
    private func isInsideRoot(_ path: String) -> Bool {
        let candidate = root + path
        guard let real = realpath(candidate, nil) else { return true }  // missing: the file middleware says 404
        defer { free(real) }
        let resolved = String(cString: real)
        return resolved == root || resolved.hasPrefix(root + "/")
    }

    /// The size of the file a request path names (a folder's `index.html`), if it is one.
    private func fileSize(_ path: String) -> Int? {
        var info = stat()
        let file = root + path + (path.hasSuffix("/") ? "index.html" : "")
        guard stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Whether every range of a `bytes=` header starts inside a file of `size` bytes and ends
    /// after it starts (RFC 9110 14.1.2); a header of another unit is ignored, as servers do.
    static func satisfiable(_ header: String, size: Int) -> Bool {
        guard header.hasPrefix("bytes=") else { return true }
        for spec in header.dropFirst(6).split(separator: ",") {
            let parts = spec.trimmingCharacters(in: .whitespaces).split(
                separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return false }
            if parts[0].isEmpty {
                guard let suffix = Int(parts[1]), suffix > 0, size > 0 else { return false }
                continue
            }
            guard let start = Int(parts[0]), start < size else { return false }
            if !parts[1].isEmpty {
                guard let end = Int(parts[1]), end >= start else { return false }
            }
        }
        return true
    }

    private func notFound(_ request: Request) async throws -> Response {
        guard let page = FileManager.default.contents(atPath: root + "/404.html") else {
            return plain(.notFound, "404 not found\n")
        }
        return Response(
            status: .notFound, headers: htmlHeaders,
            body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: page)))
    }

    private var htmlHeaders: HTTPFields { [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"] }

    private func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func addCharset(_ response: inout Response) {
        guard let type = response.headers[.contentType], !type.contains("charset") else { return }
        if type.hasPrefix("text/") || type.hasSuffix("javascript") || type.hasSuffix("json") || type.hasSuffix("xml")
            || type.hasSuffix("yaml")
            || type.hasSuffix("svg+xml")
        {
            response.headers[.contentType] = type + "; charset=utf-8"
        }
        response.headers[.cacheControl] = "no-store"
    }
}
