import Foundation

/// Media: every image and document the pages show, read by its header (`MediaCatalog`,
/// reusing the headers whose file's signature held), then, when no problem of the site is an
/// error, the image variants encoded into the build cache (`MediaEncoder`). This is the last
/// stage that finds problems: with any error the build stops here, before anything is made.
struct MediaStage {
    var publicFiles: [String]
    var publicFolder: String
    /// The build cache (`.iclei-cache/`), where headers and variants are kept; nil keeps none.
    var cache: URL?
    /// Encode the variants (not for `iclei-site check`, which writes nothing).
    var encodes = true

    /// Each image's header, by file below Public/, while its signature holds.
    struct Memory: Sendable {
        var headers: [String: MediaCatalog.Image] = [:]
    }

    struct Output {
        var catalog: MediaCatalog
        /// The encoded variants, for the write stage.
        var files: [PendingFile]
        /// Every problem found by this and the earlier stages, none of them an error, sorted.
        var warnings: [Diagnostic]
    }

    /// - Parameter problems: what the earlier stages found.
    func run(
        _ site: LinkedSite, _ markdown: [MarkdownResult], problems: [Diagnostic], memory: inout Memory
    ) throws(BuildFailure) -> Output {
        if memory.headers.isEmpty, let cache { memory.headers = MediaCatalog.HeaderCache.load(cache) }
        let catalog = MediaCatalog(
            site: site, markdown: markdown, publicFiles: Set(publicFiles), publicFolder: publicFolder,
            known: memory.headers)
        memory.headers = Dictionary(catalog.images.values.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        let found = problems + catalog.diagnostics
        if found.hasErrors { throw BuildFailure(found.sortedForReport()) }
        let warnings = found.sortedForReport()
        guard encodes else { return Output(catalog: catalog, files: [], warnings: warnings) }
        let encoded = MediaEncoder(cache: cache).encode(catalog, publicFolder: publicFolder)
        if encoded.problems.hasErrors { throw BuildFailure((warnings + encoded.problems).sortedForReport()) }
        if !catalog.images.isEmpty, let cache { MediaCatalog.HeaderCache.save(memory.headers, to: cache) }
        return Output(catalog: catalog, files: encoded.files, warnings: warnings)
    }
}
