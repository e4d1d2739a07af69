import Foundation
import Hummingbird

/// In front of the file middleware: only GET and HEAD; no path that could leave the output
/// folder (`..`, encoded slashes, backslashes, NUL, symbolic links pointing out); the error
/// page while the build is broken; the site's own 404 page; `charset=utf-8` on text.
struct PreviewMiddleware<Context: RequestContext>: RouterMiddleware {
    let root: String
    let hub: ReloadHub

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
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
        do {
            var response = try await next(request, context)
            if response.status == .notFound { return try await notFound(request) }
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
            || type.hasSuffix("svg+xml")
        {
            response.headers[.contentType] = type + "; charset=utf-8"
        }
        response.headers[.cacheControl] = "no-store"
    }
}
