import Foundation
import Testing

@testable import Preview

/// A preview server on a copy of the test site, on a free loopback port.
struct RunningPreview {
    let root: URL
    let ready: PreviewServer.Ready
    let task: Task<Void, any Error>
    var client: LoopbackClient { LoopbackClient(port: ready.port) }

    static func start(polling: Bool = false, heartbeat: Duration = .seconds(10)) async throws -> RunningPreview {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SiteKitTests/Fixtures/basic")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "iclei-preview-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: root)
        let (readiness, continuation) = AsyncStream<PreviewServer.Ready>.makeStream()
        var options = PreviewServer.Options(source: root, port: 0, polling: polling)
        options.heartbeat = heartbeat
        let server = PreviewServer(options: options, log: { _ in })
        let task = Task { try await server.run { continuation.yield($0) } }
        var iterator = readiness.makeAsyncIterator()
        guard let ready = await iterator.next() else { throw LoopbackClient.Failure(message: "server did not start") }
        return RunningPreview(root: root, ready: ready, task: task)
    }

    func write(_ relativePath: String, _ text: String) throws {
        // Like an editor's atomic save: a temporary file renamed over the real one.
        let target = root.appendingPathComponent(relativePath)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).swp")
        try Data(text.utf8).write(to: temporary)
        _ = rename(temporary.path, target.path)
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs `body` against a fresh server and waits for the server to stop, whatever `body`
    /// does: a stop left to an unawaited task may never run before the test process exits.
    static func with(
        polling: Bool = false, heartbeat: Duration = .seconds(10), _ body: (RunningPreview) async throws -> Void
    ) async throws {
        let preview = try await start(polling: polling, heartbeat: heartbeat)
        do {
            try await body(preview)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
        // The preview's private folder (site and staging folders, in memory) goes with it.
        #expect(!FileManager.default.fileExists(atPath: preview.ready.output.deletingLastPathComponent().path))
    }
}

@Suite(.serialized) struct PreviewServerTests {
    @Test func servesPagesWithCharsetPrettyURLsAndTheSites404() async throws {
        try await RunningPreview.with { preview in
            let client = preview.client
            let home = try await client.get("/ja/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.text.contains("<html lang=\"ja\""))
            #expect(home.text.contains(PreviewPages.scriptPath))
            let css = try await client.get("/css/site.css")
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(try await client.request("HEAD", "/ja/").status == 200)
            // A Japanese path, percent-encoded as browsers send it.
            let tag = "/ja/tags/" + "脱炭素".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "/"
            #expect(try await client.get(tag).status == 200)
            let missing = try await client.get("/ja/no-such-page/")
            #expect(missing.status == 404)
            #expect(
                missing.text
                    == (try String(contentsOf: preview.ready.output.appendingPathComponent("404.html"), encoding: .utf8))
            )
            #expect(try await client.request("POST", "/ja/").status == 405)
            #expect(try await client.request("DELETE", "/ja/").status == 405)
            let script = try await client.get(PreviewPages.scriptPath)
            #expect(script.text.contains("EventSource"))
        }
    }

    @Test func neverServesAByteFromOutsideTheOutput() async throws {
        try await RunningPreview.with { preview in
            let secret = preview.root.appendingPathComponent("secret.txt")
            try Data("TOP SECRET".utf8).write(to: secret)
            try FileManager.default.createSymbolicLink(
                atPath: preview.ready.output.path + "/escape.txt", withDestinationPath: secret.path)
            try FileManager.default.createSymbolicLink(
                atPath: preview.ready.output.path + "/etc", withDestinationPath: "/etc")
            let attempts = [
                "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd", "/ja/..%2f..%2fsecret.txt",
                "/ja%2f..%2f..%2fsecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "//etc/passwd",
                "/escape.txt", "/etc/passwd", "/ja/%00/index.html", preview.root.path + "/secret.txt",
            ]
            for target in attempts {
                let response = try await preview.client.get(target)
                #expect([400, 404].contains(response.status), "\(target) gave \(response.status)")
                #expect(!response.text.contains("TOP SECRET") && !response.text.contains("root:"), "\(target)")
            }
        }
    }

    @Test func aSaveReloadsTheBrowserWithTheNewContent() async throws {
        try await RunningPreview.with { preview in
            let events = try await LoopbackClient.EventStream.open(preview.client)
            let page = "Content/members/kyoto.en.md"
            try preview.write(page, try preview.read(page) + "\nA line saved in the editor.\n")
            _ = try await events.next(containing: "event: reload")
            #expect(try await preview.client.get("/en/members/kyoto/").text.contains("A line saved in the editor."))

            // A stylesheet change swaps stylesheets instead of reloading.
            try preview.write("Public/css/site.css", "body { color: #111; }\n")
            _ = try await events.next(containing: "event: css")
            #expect(try await preview.client.get("/css/site.css").text.contains("#111"))

            // A new folder with a new page is picked up too. It comes in one step (a folder
            // made, then a file written, are two saves: the first one's reload can come first).
            let made = preview.root.appendingPathComponent("events-made-aside")
            try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true)
            try "---\ntitle: フォーラム\n---\n\n新しいページです。\n".write(
                to: made.appendingPathComponent("forum.ja.md"), atomically: true, encoding: .utf8)
            try FileManager.default.moveItem(at: made, to: preview.root.appendingPathComponent("Content/events"))
            _ = try await events.next(containing: "event: reload")
            #expect(try await preview.client.get("/ja/events/forum/").text.contains("新しいページです。"))
        }
    }

    @Test func aBrokenSaveShowsTheErrorsAndTheNextGoodSaveRecovers() async throws {
        try await RunningPreview.with { preview in
            let events = try await LoopbackClient.EventStream.open(preview.client)
            let page = "Content/members/kyoto.en.md"
            let good = try preview.read(page)
            try preview.write(page, good.replacingOccurrences(of: "title: Kyoto City", with: "title: [unclosed"))
            _ = try await events.next(containing: "event: reload")
            let broken = try await preview.client.get("/en/members/kyoto/")
            #expect(broken.status == 500)
            #expect(broken.text.contains("Content/members/kyoto.en.md:3:8: error: invalid YAML"))
            #expect(broken.text.contains(PreviewPages.scriptPath))
            try preview.write(page, good + "\nBack again.\n")
            _ = try await events.next(containing: "event: reload")
            let fixed = try await preview.client.get("/en/members/kyoto/")
            #expect(fixed.status == 200)
            #expect(fixed.text.contains("Back again."))
        }
    }

    @Test func aHostileSaveShowsTheLimitAndTheServerKeepsRunning() async throws {
        try await RunningPreview.with { preview in
            let events = try await LoopbackClient.EventStream.open(preview.client)
            let page = "Content/members/kyoto.en.md"
            let good = try preview.read(page)
            // Nine levels of nine aliases: hundreds of millions of values once expanded.
            var laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n"
            for (previous, name) in zip("abcdefgh", "bcdefghi") {
                laughs +=
                    "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            }
            try preview.write(
                page, good.replacingOccurrences(of: "title: Kyoto City\n", with: "title: Kyoto City\n" + laughs))
            _ = try await events.next(containing: "event: reload")
            let refused = try await preview.client.get("/en/members/kyoto/")
            #expect(refused.status == 500)
            #expect(refused.text.contains("YAML anchors (`&amp;name`) are not allowed"), "\(refused.text.prefix(2000))")
            let deep = String(repeating: "> ", count: 200) + "deep\n"
            try preview.write(page, good + "\n" + deep)
            _ = try await events.next(containing: "event: reload")
            let nested = try await preview.client.get("/en/members/kyoto/")
            #expect(nested.status == 500)
            #expect(nested.text.contains("limits.markdownNesting"))
            try preview.write(page, good + "\nCalm again.\n")
            _ = try await events.next(containing: "event: reload")
            #expect(try await preview.client.get("/en/members/kyoto/").text.contains("Calm again."))
        }
    }

    @Test func survivesMalformedRequestsAnd500ConcurrentConnections() async throws {
        try await RunningPreview.with { preview in
            let client = preview.client
            let statuses = try await offThePool {
                for garbage in [
                    "GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
                    String(repeating: "A", count: 100_000) + "\r\n\r\n",
                ] {
                    let fd = try client.connect()
                    LoopbackClient.send(fd, garbage)
                    _ = LoopbackClient.readAll(fd)
                    close(fd)
                }
                let sockets = try (0..<500).map { _ in try client.connect() }
                for fd in sockets {
                    LoopbackClient.send(fd, "GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                }
                var statuses: [Int] = []
                for fd in sockets {
                    statuses.append((try? LoopbackClient.parse(LoopbackClient.readAll(fd)))?.status ?? 0)
                    close(fd)
                }
                return statuses
            }
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses.filter { $0 != 200 }.count) of 500 failed")
            #expect(try await client.get("/ja/").status == 200)
        }
    }

    @Test func pollingWatcherAlsoReloads() async throws {
        try await RunningPreview.with(polling: true) { preview in
            let events = try await LoopbackClient.EventStream.open(preview.client)
            let page = "Content/members/kyoto.en.md"
            try preview.write(page, try preview.read(page) + "\nPolled.\n")
            _ = try await events.next(containing: "event: reload")
            #expect(try await preview.client.get("/en/members/kyoto/").text.contains("Polled."))
        }
    }

    @Test func oldAddressesServeTheirRedirectPages() async throws {
        try await RunningPreview.with { preview in
            let events = try await LoopbackClient.EventStream.open(preview.client)
            let page = "Content/members/kyoto.ja.md"
            try preview.write(
                page,
                "---\naliases: [/ja/kyoto-city, \"/ja/%E4%BA%AC%E9%83%BD\"]\n" + (try preview.read(page)).dropFirst(4))
            _ = try await events.next(containing: "event: reload")
            let japanese = "/ja/" + "京都".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            for old in ["/ja/kyoto-city/", japanese + "/"] {
                let response = try await preview.client.get(old)
                #expect(response.status == 200, "\(old)")
                #expect(
                    response.text.contains("<meta http-equiv=\"refresh\" content=\"0; url=/ja/members/kyoto/\">"))
            }
            // Without the trailing slash, as WordPress wrote its links: the folder's page or a
            // redirect to it.
            let bare = try await preview.client.get("/ja/kyoto-city")
            #expect([200, 301, 302, 308].contains(bare.status), "\(bare.status)")
        }
    }

    @Test func searchServesTheCurrentContent() async throws {
        try await RunningPreview.with { preview in
            let manifest = try await preview.client.get("/en/search/index.json").text
            #expect(manifest.contains("\"count\""), "\(manifest)")
            // Excerpts are read as ranges of their fragment file, as from a static host.
            let table = try await preview.client.request("GET", "/en/search/f/0.bin", headers: "Range: bytes=0-7\r\n")
            #expect(table.status == 206 && table.body.count == 8, "\(table.status) \(table.body.count)")
            #expect(try await preview.client.get("/search.js").text.contains("function normalize"))
            let events = try await LoopbackClient.EventStream.open(preview.client)
            let page = "Content/members/kyoto.en.md"
            try preview.write(page, try preview.read(page) + "\nZyxwvut appears here.\n")
            _ = try await events.next(containing: "event: reload")
            // The word is in the shard of words that start with "zy" (bytes 7a 79).
            #expect(try await preview.client.get("/en/search/w7a79.bin").text.contains("zyxwvut"))
        }
    }
}

/// The browser editor in the preview (`cms:` in site.yaml): `/admin/` is part of the output the
/// preview serves, so an office member can edit with the live preview beside it. One preview
/// at a time, with the suite's other tests.
extension PreviewServerTests {
    @Test func servesTheEditorOnceSiteYAMLTurnsItOn() async throws {
        try await RunningPreview.with { preview in
            #expect(try await preview.client.get("/admin/").status == 404)
            let events = try await LoopbackClient.EventStream.open(preview.client)
            try preview.write(
                "Content/site.yaml",
                try preview.read("Content/site.yaml")
                    + "cms:\n  script: https://unpkg.com/@sveltia/cms@0.196.0/dist/sveltia-cms.js\n"
                    + "  backend: {repo: iclei-japan/site}\n")
            _ = try await events.next(containing: "event: reload")
            let page = try await preview.client.get("/admin/")
            #expect(page.status == 200)
            #expect(page.text.contains("<script src=\"https://unpkg.com/@sveltia/cms@0.196.0/dist/sveltia-cms.js\">"))
            let config = try await preview.client.get("/admin/config.yml")
            #expect(config.status == 200)
            #expect(config.headers["content-type"] == "application/yaml; charset=utf-8")
            #expect(config.text.contains("  - name: news\n"))
        }
    }
}
