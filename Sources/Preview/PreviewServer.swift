import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SiteKit

/// `iclei-site serve`: builds the site into a private folder, serves it over HTTP, watches
/// Content/, Templates/ and Public/, rebuilds what a save affects and tells the open pages
/// to reload once the new files are completely written.
public struct PreviewServer: Sendable {
    public struct Options: Sendable {
        public var source: URL
        public var host: String
        public var port: Int
        public var includeDrafts: Bool
        /// Poll instead of inotify (also the fallback when inotify is unavailable).
        public var polling: Bool
        /// Show pages scheduled for later (`--future`) and pages past their expiry (`--expired`).
        public var includeFuture = false
        public var includeExpired = false
        /// The moment to preview the site at (`--now`); nil follows the clock.
        public var now: Int?
        /// How often each open reload stream is written to, so that one whose browser has
        /// gone is found and closed.
        public var heartbeat: Duration = .seconds(10)

        public init(
            source: URL, host: String = "127.0.0.1", port: Int = 8000, includeDrafts: Bool = false,
            polling: Bool = false
        ) {
            self.source = source.standardizedFileURL
            self.host = host
            self.port = port
            self.includeDrafts = includeDrafts
            self.polling = polling
        }
    }

    public let options: Options
    /// Called with each line the server has to say (URL, rebuilds, errors).
    public let log: @Sendable (String) -> Void

    public init(options: Options, log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.options = options
        self.log = log
    }

    /// Where a running preview listens and writes.
    public struct Ready: Sendable {
        public var port: Int
        /// The private folder the preview builds into (removed when the server stops).
        public var output: URL
    }

    /// Runs until SIGINT or SIGTERM (or until the task is cancelled), then stops cleanly.
    /// Memory, as `hugo server` renders to memory: a template edit rewrites every page, and on
    /// ext4 recreating thousands of just-deleted files takes seconds where tmpfs takes 0.2 s.
    static func scratchFolder() -> URL {
        let shm = "/dev/shm"
        var info = stat()
        if stat(shm, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, access(shm, W_OK | X_OK) == 0 {
            return URL(fileURLWithPath: shm)
        }
        return FileManager.default.temporaryDirectory
    }

    public func run(onReady: @escaping @Sendable (Ready) async -> Void = { _ in }) async throws {
        // The site and its staging folders live in one private folder, removed on the way out.
        let folder = Self.scratchFolder().appendingPathComponent(
            "iclei-site-preview-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let output = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { ForcedExit.remove(folder) }
        let root = output.resolvingSymlinksInPath().path

        let shownHost = options.host == "0.0.0.0" ? "127.0.0.1" : options.host
        var buildOptions = SiteBuilder.Options(
            source: options.source, output: output,
            baseURL: "http://\(shownHost):\(options.port)/", includeDrafts: options.includeDrafts)
        buildOptions.cacheFolder = nil
        buildOptions.includeFuture = options.includeFuture
        buildOptions.includeExpired = options.includeExpired
        buildOptions.now = options.now
        buildOptions.htmlInjection = PreviewPages.scriptTag
        buildOptions.deferRemovingOldOutput = true
        let rebuilder = Rebuilder(options: buildOptions)
        let hub = ReloadHub()
        let log = self.log

        let first = await rebuilder.build()
        await hub.publish("reload", status: first.status)
        if let report = first.report { log(report.summary) }
        if let failure = first.failure { log(await rebuilder.describe(failure)) }

        var logger = Logger(label: "iclei-site")
        logger.logLevel = .warning
        let router = Router()
        router.add(
            middleware: PreviewMiddleware(root: root, hub: hub, hosts: AllowedHosts(listeningOn: options.host)))
        router.get(RouterPath(PreviewPages.scriptPath)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: PreviewPages.script)))
        }
        router.get(RouterPath(PreviewPages.eventsPath)) { _, _ in
            let events = await hub.subscribe()
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: ": connected\n\n"))
                    for await event in events {
                        let text = event == ReloadHub.ping ? ": ping\n\n" : "event: \(event)\ndata: \(event)\n\n"
                        try await writer.write(ByteBuffer(string: text))
                    }
                    try await writer.finish(nil)
                })
        }
        router.add(middleware: FileMiddleware(root, searchForIndexHtml: true, logger: logger))

        let (changes, changed) = AsyncStream<[String]>.makeStream()
        let fileWatcher = FileWatcher(
            roots: ["Content", "Templates", "Public"].map { options.source.appendingPathComponent($0).path }
        ) { paths in changed.yield(paths) }
        let watcher = WatchService(
            watcher: fileWatcher, changes: changes, changed: changed, rebuilder: rebuilder, hub: hub, log: log,
            clockTick: options.now == nil ? .seconds(60) : nil, heartbeat: options.heartbeat)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "iclei-site"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                log("serving \(options.source.lastPathComponent) at http://\(shownHost):\(port)/ (Ctrl-C stops)")
                await onReady(Ready(port: port, output: output))
            },
            logger: logger)
        if options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1" {
            log("warning: listening on \(options.host): anyone who can reach this machine can read the preview")
        }
        // Services stop in reverse order: the watcher first, which ends the event streams, so
        // that the server's graceful shutdown does not wait for browsers that never hang up.
        let group = ServiceGroup(
            configuration: .init(
                services: [app, watcher], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        let forcedExit = ForcedExit(folder: folder, log: log)
        defer { forcedExit.cancel() }
        // Watching starts before the server does, so that a save made as soon as the server
        // is ready is seen.
        fileWatcher.start(forcePolling: options.polling)
        if fileWatcher.usesPolling { log("watching for changes by polling (inotify is unavailable)") }
        // Cancelling the caller's task (as tests and embedders do) shuts down as Ctrl-C does,
        // rather than cutting open connections mid-response.
        let running = Task { try await group.run() }
        let stopped = await withTaskCancellationHandler {
            await running.result
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
        fileWatcher.stop()  // again, in case the group failed before the watch service ran
        await rebuilder.finishRemovals()  // before the folder they delete from goes
        try stopped.get()
    }
}

/// Turns each burst of changes the file watcher reports into a rebuild and a reload event, for
/// as long as the server runs, and stops the watcher with it.
struct WatchService: Service {
    /// Already started, reporting into `changed`.
    let watcher: FileWatcher
    let changes: AsyncStream<[String]>
    let changed: AsyncStream<[String]>.Continuation
    let rebuilder: Rebuilder
    let hub: ReloadHub
    let log: @Sendable (String) -> Void
    /// How often to build again with no file changed, so that a page whose `publishDate` has
    /// come appears and an event that has ended moves to the past while the preview runs;
    /// nil when the preview is held at one moment (`--now`).
    var clockTick: Duration?
    var heartbeat: Duration

    func run() async throws {
        let ticks = Task {
            guard let clockTick else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: clockTick)
                changed.yield([])
            }
        }
        let pings = Task { [hub, heartbeat] in
            while !Task.isCancelled {
                try? await Task.sleep(for: heartbeat)
                await hub.ping()
            }
        }
        defer { pings.cancel() }
        let rebuilds = Task {
            for await paths in changes {
                let outcome = await rebuilder.build()
                // A tick of the clock that changed nothing is not worth a reload or a line; nor is
                // one that fails, as the last edit's failure is already on the page.
                if paths.isEmpty,
                    outcome.failure != nil
                        || outcome.report?.incremental.map({ $0.written == 0 && $0.removed == 0 }) == true
                {
                    continue
                }
                // A change to stylesheets only can be applied without reloading the page.
                let cssOnly = !paths.isEmpty && paths.allSatisfy { $0.hasSuffix(".css") }
                await hub.publish(cssOnly && outcome.failure == nil ? "css" : "reload", status: outcome.status)
                await rebuilder.removeReplacedOutputs()
                if let report = outcome.report { log(report.summary) }
                if let failure = outcome.failure { log(await rebuilder.describe(failure)) }
            }
        }
        await withGracefulShutdownHandler {
            try? await gracefulShutdown()
        } onGracefulShutdown: {
            Task { await hub.close() }
        }
        watcher.stop()
        ticks.cancel()
        changed.finish()
        rebuilds.cancel()
        await hub.close()
    }
}
