import Foundation
import SiteKit

// One-file rebuilds, in one process as the preview server does them:
//
//   swift run -c release rebuild-bench SITE [EDITS [TEMPLATE_EDITS]] [--config FILE] [--templates DIR]
//
// Builds SITE once, then EDITS times (default 20) appends a line to one content file (a different one
// each time) and rebuilds with the in-memory cache, then TEMPLATE_EDITS times (default 5)
// does the same to single.mustache.
// Prints the median and the slowest rebuild, and the stage times of the median content edit.
var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(i...(i + 1)) }
    return arguments[i + 1]
}
let config = option("--config")
let templates = option("--templates")
guard let sitePath = arguments.first else {
    print("usage: rebuild-bench SITE [EDITS] [--config FILE] [--templates DIR]")
    exit(2)
}
let edits = arguments.count > 1 ? Int(arguments[1]) ?? 20 : 20
let templateEdits = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let source = URL(fileURLWithPath: sitePath)
let output = FileManager.default.temporaryDirectory.appendingPathComponent("rebuild-bench-\(getpid())")
var options = SiteBuilder.Options(
    source: source, output: output, configFile: config.map { URL(fileURLWithPath: $0) },
    templates: templates.map { URL(fileURLWithPath: $0) })
options.cacheFolder = nil
let builder = SiteBuilder(options: options)
var cache = PreviousBuild()
defer { try? FileManager.default.removeItem(at: output) }

@MainActor func timed(_ edit: () throws -> Void) throws -> (Double, SiteBuilder.Report) {
    try edit()
    let start = DispatchTime.now().uptimeNanoseconds
    let report = try builder.build(previous: &cache)
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, report)
}

func append(_ path: String, _ text: String) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
}

do {
    let first = try builder.build(previous: &cache)
    print("first build: \(first.summary)")
    let contentFolder = source.appendingPathComponent("Content").path
    let files = (FileManager.default.enumerator(atPath: contentFolder)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".md") && !$0.contains("_index") }.sorted()
    let originals = Dictionary(
        uniqueKeysWithValues: files.map { ($0, try? Data(contentsOf: URL(fileURLWithPath: contentFolder + "/" + $0))) })
    defer {
        for (file, data) in originals {
            if let data { try? data.write(to: URL(fileURLWithPath: contentFolder + "/" + file)) }
        }
    }
    var content: [(Double, SiteBuilder.Report)] = []
    for k in 0..<edits {
        let file = contentFolder + "/" + files[(k * 7919) % files.count]
        content.append(try timed { try append(file, "\nEdit \(k) of the benchmark.\n") })
    }
    for (file, data) in originals {
        if let data { try data.write(to: URL(fileURLWithPath: contentFolder + "/" + file)) }
    }
    _ = try builder.build(previous: &cache)

    let templateFolder = templates ?? source.appendingPathComponent("Templates").path
    let templateFile = templateFolder + "/single.mustache"
    let templateOriginal = try Data(contentsOf: URL(fileURLWithPath: templateFile))
    defer { try? templateOriginal.write(to: URL(fileURLWithPath: templateFile)) }
    var template: [(Double, SiteBuilder.Report)] = []
    for k in 0..<templateEdits {
        template.append(try timed { try append(templateFile, "\n<!-- edit \(k) -->\n") })
    }

    func describe(_ name: String, _ runs: [(Double, SiteBuilder.Report)]) {
        let sorted = runs.sorted { $0.0 < $1.0 }
        let median = sorted[sorted.count / 2]
        print(
            String(
                format: "%@: median %.1f ms, slowest %.1f ms over %d rebuilds", name, median.0, sorted.last!.0,
                runs.count))
        print("  median run: \(median.1.timings.description)")
        print("  \(median.1.summary)")
    }
    describe("one content file", content)
    if !template.isEmpty { describe("one template", template) }
} catch {
    print("\(error)")
    exit(1)
}
