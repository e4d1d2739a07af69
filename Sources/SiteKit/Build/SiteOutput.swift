import Foundation
import Mustache

/// The site as planned for writing: every output file's job and where it goes.
struct BuildState {
    let site: LinkedSite
    let renderer: PageRenderer
    let jobs: [RenderJob]
    let infos: [JobInfo]
    let warnings: [Diagnostic]
    var copied = 0
    /// sitemap.xml when the previous build's still holds.
    var sitemap: [UInt8]?
    /// The previous output, moved aside and not yet deleted (`deferRemovingOldOutput`).
    var replacedOutput: String?
}

extension SiteBuilder {
    /// Writes every file into a staging folder and swaps it in. Returns each file's hash.
    func writeWholeSite(_ state: inout BuildState, buildID: UInt64) throws(BuildFailure) -> [String: UInt64] {
        let writer = SiteWriter(output: options.output)
        do {
            try writer.prepare(buildID: buildID)
        } catch {
            throw BuildFailure([.error(options.output.path, 1, 1, "\(error)")])
        }
        let (renderer, jobs, infos) = (state.renderer, state.jobs, state.infos)
        // Each page is written as soon as it is rendered, so the whole site is never in memory.
        let results: [Result<(String, UInt64), Diagnostic>] = Array(jobs.indices).parallelMap { n in
            switch renderer.render(jobs[n], info: infos[n]) {
            case .failure(let d): return .failure(d)
            case .success(let output):
                do {
                    try writer.write(output.html, to: output.path)
                    return .success((output.path, ContentHasher.hash(output.html)))
                } catch {
                    return .failure(.error(output.path, 1, 1, "\(error)"))
                }
            }
        }
        var hashes: [String: UInt64] = [:]
        hashes.reserveCapacity(results.count + 8)
        var diagnostics: [Diagnostic] = []
        for result in results {
            switch result {
            case .success(let (path, hash)): hashes[path] = hash
            case .failure(let d): diagnostics.append(d)
            }
        }
        if !diagnostics.hasErrors {
            do {
                for file in try siteFiles(state) + publicFiles() {
                    try writer.write(file.bytes, to: file.path)
                    hashes[file.path] = ContentHasher.hash(file.bytes)
                }
                state.copied = publicFileCount
            } catch let failure as BuildFailure {
                diagnostics += failure.diagnostics
            } catch {
                diagnostics.append(.error(options.output.path, 1, 1, "\(error)"))
            }
        }
        if diagnostics.hasErrors {
            writer.discard()
            throw BuildFailure((state.warnings + diagnostics).sortedForReport())
        }
        do {
            if let old = try writer.commit(removingOld: !options.deferRemovingOldOutput) {
                state.replacedOutput = old
            }
        } catch {
            writer.discard()
            throw BuildFailure([.error(options.output.path, 1, 1, "cannot put the new site in place: \(error)")])
        }
        return hashes
    }

    struct OutputUpdate {
        var summary: Report.IncrementalSummary
        var copied: Int
    }

    /// Renders the selected files in memory first (a template error then stops the build
    /// before anything is touched), then replaces only the files whose bytes changed, each one
    /// atomically, and removes the files no page produces any more.
    /// `outputs`, the previous build's file hashes, becomes this one's.
    func updateOutput(_ state: BuildState, selected: [Int], outputs: inout [String: UInt64]) throws(BuildFailure)
        -> OutputUpdate
    {
        let (renderer, jobs, infos) = (state.renderer, state.jobs, state.infos)
        let rendered = selected.parallelMap { renderer.render(jobs[$0], info: infos[$0]) }
        var files: [(path: String, bytes: [UInt8])] = []
        var diagnostics: [Diagnostic] = []
        for result in rendered {
            switch result {
            case .success(let output): files.append((output.path, output.html))
            case .failure(let d): diagnostics.append(d)
            }
        }
        if diagnostics.hasErrors { throw BuildFailure((state.warnings + diagnostics).sortedForReport()) }
        let extra = try siteFiles(state) + publicFiles()
        files += extra

        var changed: [(path: String, bytes: [UInt8])] = []
        for file in files {
            let hash = ContentHasher.hash(file.bytes)
            if outputs[file.path] != hash { changed.append(file) }
            outputs[file.path] = hash
        }
        var current = Set(infos.map(\.outputPath))
        for file in extra { current.insert(file.path) }
        let stale = outputs.keys.filter { !current.contains($0) }.sorted()

        let writer = SiteWriter(output: options.output)
        do {
            for file in changed { try writer.replace(file.bytes, at: file.path) }
            for path in stale {
                try writer.remove(path)
                outputs[path] = nil
            }
        } catch {
            throw BuildFailure([.error(options.output.path, 1, 1, "\(error)")])
        }
        let summary = Report.IncrementalSummary(
            rendered: selected.count, written: changed.count, removed: stale.count,
            changedPaths: changed.map(\.path) + stale)
        return OutputUpdate(summary: summary, copied: publicFileCount)
    }

    /// The files beside the pages: the root language page, feeds, sitemap, and robots.txt
    /// unless Public/ has one. Small, so they are made again on every build.
    func siteFiles(_ state: BuildState) throws(BuildFailure) -> [(path: String, bytes: [UInt8])] {
        let site = state.site
        let library = state.renderer.library
        var root = try RootPage.html(site: site, library: library)
        if let injection = state.renderer.injection { PageRenderer.inject(injection, into: &root) }
        var files: [(path: String, bytes: [UInt8])] = [("index.html", root)]
        let feeds = FeedWriter(site: site, values: state.renderer.values, library: library)
        for lang in site.config.languageCodes {
            files.append(("\(lang)/feed.xml", try feeds.feed(lang: lang)))
        }
        if let sitemap = state.sitemap {
            files.append(("sitemap.xml", sitemap))
        } else {
            files.append(
                ("sitemap.xml", try Self.sitemap(site: site, jobs: state.jobs, infos: state.infos, library: library)))
        }
        if !FileManager.default.fileExists(atPath: publicFolder.path + "/robots.txt") {
            files.append(("robots.txt", try RootPage.robots(site: site, library: library)))
        }
        return files
    }

    static func sitemap(site: LinkedSite, jobs: [RenderJob], infos: [JobInfo], library: TemplateLibrary)
        throws(BuildFailure) -> [UInt8]
    {
        let entries = zip(jobs, infos).filter { $0.0 != .notFound }.map { _, info in
            SitemapWriter.Entry(url: info.url, lastmod: info.lastmod, alternates: info.translations)
        }
        return try SitemapWriter(site: site, library: library).sitemap(entries)
    }

    var publicFolder: URL { options.source.appendingPathComponent("Public") }

    var publicFileCount: Int { ContentTree.files(below: publicFolder).count }

    /// Public/ copied byte for byte.
    func publicFiles() -> [(path: String, bytes: [UInt8])] {
        ContentTree.files(below: publicFolder).compactMap { relative in
            FileIO.read(publicFolder.path + "/" + relative).map { (relative, $0) }
        }
    }
}
