import Foundation

@testable import SiteKit

/// A copy of a fixture site in a fresh temporary folder, so tests can edit and build it freely.
struct FixtureSite: Sendable {
    let root: URL
    var output: URL { root.appendingPathComponent("Output") }

    init(_ name: String = "basic") throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("iclei-site-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(name).path) {
            try FileManager.default.copyItem(
                at: fixtures.appendingPathComponent(name).appendingPathComponent(item),
                to: root.appendingPathComponent(item))
        }
    }

    func write(_ relativePath: String, _ text: String) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relativePath))
    }

    func read(_ outputPath: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(outputPath), encoding: .utf8)
    }

    func exists(_ outputPath: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(outputPath).path)
    }

    @discardableResult
    func build(drafts: Bool = false, output: URL? = nil) throws(BuildFailure) -> SiteBuilder.Report {
        try SiteBuilder(options: .init(source: root, output: output ?? self.output, includeDrafts: drafts)).build()
    }

    /// The build's errors, or an empty list when it succeeded.
    func buildErrors() -> [Diagnostic] {
        do {
            try build()
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Every file below the output with its bytes, for comparing whole trees.
    func snapshot(_ folder: URL? = nil) throws -> [String: Data] {
        let base = folder ?? output
        var result: [String: Data] = [:]
        for path in ContentTree.files(below: base) {
            result[path] = try Data(contentsOf: base.appendingPathComponent(path))
        }
        return result
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}

/// The repository's own site (Content/, Templates/, Public/), built clean into a new folder.
enum BundledSite {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardizedFileURL

    /// The output folder, named `prefix-<uuid>` in the temporary folder; the caller removes it.
    static func build(into prefix: String) throws -> URL {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        var options = SiteBuilder.Options(source: root, output: output)
        options.cacheFolder = nil
        try SiteBuilder(options: options).build()
        return output
    }
}
