import ArgumentParser
import Foundation
import LinkCheck
import Preview
import SiteKit
import WordPressImport

@main
struct ICLEISite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iclei-site",
        abstract: "Builds the bilingual ICLEI Japan website from Content/, Templates/ and Public/.",
        subcommands: [Build.self, Check.self, Serve.self, New.self, Import.self],
        defaultSubcommand: Build.self
    )
}

struct SiteOptions: ParsableArguments {
    @Option(help: "The site root, holding Content/, Templates/ and Public/.")
    var source: String = "."

    @Flag(help: "Build pages marked `draft: true` too.")
    var drafts = false

    @Flag(help: "Build pages whose `publishDate` is still to come.")
    var future = false

    @Flag(help: "Build pages whose `expiryDate` has passed.")
    var expired = false

    @Option(
        help: ArgumentHelp(
            "Build the site as it is at this moment, like 2025-01-10T09:00+09:00 (default: $ICLEI_NOW, else the clock).",
            valueName: "moment"))
    var now: String?

    var sourceURL: URL { URL(fileURLWithPath: source, isDirectory: true) }

    func validate() throws {
        if let now, SiteBuilder.instant(now) == nil {
            throw ValidationError("--now \(now) is not a moment: write it like 2025-01-10T09:00+09:00 or 2025-01-10")
        }
    }

    /// These choices applied to a build's options.
    func apply(to options: inout SiteBuilder.Options) {
        options.includeFuture = future
        options.includeExpired = expired
        options.now = now.flatMap(SiteBuilder.instant)
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Where to write the site (default: Output/ in the site root).")
    var output: String?

    @Option(name: .customLong("base-url"), help: "Override site.yaml's baseURL.")
    var baseURL: String?

    @Option(help: "The site configuration (default: Content/site.yaml).")
    var config: String?

    @Option(help: "The templates folder (default: Templates/ in the site root).")
    var templates: String?

    @Flag(help: "Print the time each pipeline stage took.")
    var timings = false

    @Flag(help: "Ignore the build cache (.iclei-cache/) and write the whole site anew.")
    var clean = false

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the build cache.")
    var noCache = false

    @Flag(name: .customLong("report-translations"), help: "Print which content exists in which language.")
    var reportTranslations = false

    func run() throws {
        var options = SiteBuilder.Options(
            source: site.sourceURL,
            output: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
            baseURL: baseURL, includeDrafts: site.drafts,
            configFile: config.map { URL(fileURLWithPath: $0) },
            templates: templates.map { URL(fileURLWithPath: $0, isDirectory: true) })
        options.clean = clean
        options.keepSourcesInMemory = false
        site.apply(to: &options)
        if noCache { options.cacheFolder = nil }
        do {
            var previous = PreviousBuild()
            let report = try SiteBuilder(options: options).build(previous: &previous)
            if !report.warnings.isEmpty {
                Console.error(
                    DiagnosticPrinter(root: site.sourceURL).format(report.warnings, as: .text), newline: false)
            }
            if reportTranslations { print(report.translations.table) }
            if timings { print(report.timings.description) }
            print(report.summary)
            // The process ends here: freeing every page's structures one by one would only
            // delay the exit (PERFORMANCE.md), so they go with the process.
            withExtendedLifetime(previous) { Foundation.exit(0) }
        } catch {
            Console.error(DiagnosticPrinter(root: site.sourceURL).format(error.diagnostics, as: .text), newline: false)
            let count = error.errors.count
            Console.error("build failed with \(count) error\(count == 1 ? "" : "s"); the previous output is untouched")
            throw ExitCode.failure
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every validation of the build and write nothing.",
        discussion: """
            Errors fail (an image without alt text is one); warnings (missing translations, accessibility, \
            emphasis left literal) fail only with --strict. --links also fetches every external link of the \
            content (never done by `build`); of its findings only a link broken on two different days fails.
            """
    )

    @OptionGroup var site: SiteOptions

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "text (with the source line), github (workflow annotations) or json.")
    var format: DiagnosticPrinter.Format = .text

    @Option(help: "List what publishes, expires or ends within this many days.")
    var days = 30

    @Flag(help: "Fetch every external link of the content too (cached in .iclei-cache/links.json).")
    var links = false

    @Flag(help: "With --links: fetch nothing, say what the link cache knows.")
    var offline = false

    @Option(help: "With --links: seconds to wait for one answer before trying again.")
    var timeout: Double = 10

    func validate() throws {
        if offline && !links { throw ValidationError("--offline goes with --links") }
        if !(timeout > 0 && timeout <= 300) { throw ValidationError("--timeout must be from 0 to 300 seconds") }
    }

    func run() async throws {
        var options = SiteBuilder.Options(source: site.sourceURL, includeDrafts: site.drafts)
        site.apply(to: &options)
        let builder = SiteBuilder(options: options)
        let diagnostics = builder.check()
        let linkReport = links ? await LinkCommand(builder: builder, options: options).run(self) : nil
        let linkDiagnostics = linkReport?.diagnostics ?? []
        let printer = DiagnosticPrinter(root: site.sourceURL)
        let all = (diagnostics + linkDiagnostics).sorted {
            ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message)
        }
        print(printer.format(all, as: format), terminator: "")
        if format != .json {
            print(builder.scheduledChanges(days: days), terminator: "")
            if let summary = linkReport?.summary { print(summary) }
            print(DiagnosticPrinter.counts(all))
        } else if let summary = linkReport?.summary {
            Console.error(summary)
        }
        // Link findings other than a confirmed break say "look at this", not "stop": they do
        // not fail the check, even with --strict.
        let brokenLinks = linkDiagnostics.hasErrors
        if diagnostics.hasErrors || (strict && !diagnostics.isEmpty) || brokenLinks { throw ExitCode.failure }
    }
}

/// `check --links`: the content's external links through `ExternalLinkCheck`, with the cache
/// in `.iclei-cache/`.
struct LinkCommand {
    let builder: SiteBuilder
    let options: SiteBuilder.Options

    func run(_ check: Check) async -> (diagnostics: [Diagnostic], summary: String) {
        let links: [ExternalLink]
        do {
            links = try builder.externalLinks()
        } catch {
            return ([], "links: not checked, the site could not be read")
        }
        let folder = options.cacheFolder ?? options.source.appendingPathComponent(".iclei-cache")
        let (loaded, problem) = LinkCache.load(from: folder, root: options.source.standardizedFileURL)
        var cache = loaded
        var linkCheck = ExternalLinkCheck()
        linkCheck.offline = check.offline
        linkCheck.policy.timeout = .milliseconds(Int(check.timeout * 1000))
        let fetcher = HTTPFetcher(timeout: linkCheck.policy.timeout)
        let report = await linkCheck.run(links, cache: &cache, fetcher: fetcher)
        await fetcher.shutdown()
        var summary = report.summary
        if !check.offline {
            do {
                try cache.save(to: folder)
            } catch {
                summary += "\n(the link cache could not be saved: \(error.localizedDescription))"
            }
        }
        return (report.diagnostics + (problem.map { [$0] } ?? []), summary)
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new page in both languages with the front matter it needs.")

    @Argument(help: "A section declared in Content/site.yaml (news, cafe, members, …), or page.")
    var section: String

    @Argument(help: "The URL segment, like saitama-matsuyama.")
    var slug: String

    @Option(help: "The site root.")
    var source: String = "."

    func run() throws {
        do {
            let paths = try Scaffold(root: URL(fileURLWithPath: source, isDirectory: true)).create(section, slug: slug)
            for path in paths { print("created \(path)") }
        } catch {
            Console.printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring content from another system into Content/.", subcommands: [WordPress.self])

    struct WordPress: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wordpress",
            abstract: "Import a WordPress export (WXR): published posts and pages, ja/en pairs, old URLs, uploads.")

        @Argument(help: "The export file (Tools → Export in WordPress).")
        var export: String

        @Option(help: "A copy of wp-content/uploads: the files the content uses are copied to Public/.")
        var uploads: String?

        @Option(help: "A YAML map: sections by category, ja/en pairs by post id, defaultLanguage.")
        var map: String?

        @Option(help: "The site root.")
        var source: String = "."

        @Flag(help: "Overwrite files edited since the last import.")
        var force = false

        @Flag(help: "Import password-protected posts and pages as drafts (never built) instead of skipping them.")
        var protectedAsDrafts = false

        func run() throws {
            var options = WordPressImporter.Options(
                export: export, site: URL(fileURLWithPath: source, isDirectory: true), uploads: uploads)
            options.force = force
            options.protectedAsDrafts = protectedAsDrafts
            do {
                if let map { options.map = try ImportMap(path: map) }
                let report = try WordPressImporter(options: options).run()
                for line in report.warnings { Console.error(line) }
                print(
                    "\(report.items) items: imported \(report.written.count) files, copied \(report.uploadsCopied) uploads"
                )
                if !report.kept.isEmpty { print("kept \(report.kept.count) files edited since the last import") }
                for (kind, count) in report.skipped.sorted(by: { $0.key < $1.key }) {
                    print("skipped \(count) \(kind)")
                }
                if report.uploadLinksKept > 0 {
                    print(
                        "\(report.uploadLinksKept) links to uploads keep their old address: give --uploads to copy the files"
                    )
                }
                if !report.uploadsLeft.isEmpty {
                    // Files attached only to drafts and private posts: not published before either.
                    print("left \(report.uploadsLeft.count) uploads attached only to items not published:")
                    for upload in report.uploadsLeft { print("  \(upload)") }
                }
                for (kind, count) in report.warningCounts.sorted(by: { $0.key < $1.key }) {
                    print("warnings: \(count) \(kind)")
                }
                if !report.unpaired.isEmpty {
                    print("without a translation (\(report.unpaired.count)):")
                    for line in report.unpaired { print("  \(line)") }
                }
            } catch {
                Console.error("\(error)")
                throw ExitCode.failure
            }
        }
    }
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}

enum Console {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { error(diagnostic.description) }
    }

    static func error(_ line: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((line + (newline ? "\n" : "")).utf8))
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build it, serve it, and reload the open pages on every save.",
        discussion:
            "Watches Content/, Templates/ and Public/. The reload script is added in this mode only, never to `build` output."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The port to listen on.")
    var port: Int = 8000

    @Option(help: "The address to listen on; 0.0.0.0 makes the preview reachable from other machines.")
    var host: String = "127.0.0.1"

    @Flag(help: "Poll for changes instead of using inotify.")
    var poll = false

    func run() async throws {
        var options = PreviewServer.Options(
            source: site.sourceURL, host: host, port: port, includeDrafts: site.drafts, polling: poll)
        options.includeFuture = site.future
        options.includeExpired = site.expired
        options.now = site.now.flatMap(SiteBuilder.instant)
        try await PreviewServer(
            options: options,
            log: { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        ).run()
    }
}
