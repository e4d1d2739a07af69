import ArgumentParser
import Foundation
import SiteKit

@main
struct ICLEISite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iclei-site",
        abstract: "Builds the bilingual ICLEI Japan website from Content/, Templates/ and Public/.",
        subcommands: [Build.self],
        defaultSubcommand: Build.self
    )
}

struct SiteOptions: ParsableArguments {
    @Option(help: "The site root, holding Content/, Templates/ and Public/.")
    var source: String = "."

    @Flag(help: "Build pages marked `draft: true` too.")
    var drafts = false

    var sourceURL: URL { URL(fileURLWithPath: source, isDirectory: true) }
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

    @Flag(name: .customLong("report-translations"), help: "Print which content exists in which language.")
    var reportTranslations = false

    func run() throws {
        let options = SiteBuilder.Options(source: site.sourceURL,
                                          output: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
                                          baseURL: baseURL, includeDrafts: site.drafts,
                                          configFile: config.map { URL(fileURLWithPath: $0) },
                                          templates: templates.map { URL(fileURLWithPath: $0, isDirectory: true) })
        do {
            let report = try SiteBuilder(options: options).build()
            Console.printDiagnostics(report.warnings)
            if reportTranslations { print(report.translations.table) }
            if timings { print(report.timings.description) }
            print(report.summary)
        } catch {
            Console.printDiagnostics(error.diagnostics)
            let count = error.errors.count
            Console.error("build failed with \(count) error\(count == 1 ? "" : "s"); the previous output is untouched")
            throw ExitCode.failure
        }
    }
}

enum Console {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { error(diagnostic.description) }
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
