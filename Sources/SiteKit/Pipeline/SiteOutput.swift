import Foundation
import Mustache

/// What render → write leaves: the snapshot describing the output now.
struct WrittenSite {
    var snapshot: BuildSnapshot
    var incremental: SiteBuilder.Report.IncrementalSummary?
    var copied: Int
    /// The previous output, moved aside and not yet deleted (`deferRemovingOldOutput`).
    var replacedOutput: String?
}

extension SiteBuilder {
    /// Renders the plan's jobs and hands their bytes to the write stage: only the stale ones,
    /// replaced in place, when the plan has them; otherwise the whole site.
    /// `previous` is consumed: its tables become the new snapshot's without a copy.
    func write(
        _ plan: SitePlan, _ prepared: PreparedSite, index: SearchIndex.Output, media: [PendingFile] = [],
        replacing previous: consuming BuildSnapshot?
    ) throws(BuildFailure) -> WrittenSite {
        var snapshot = BuildSnapshot(
            globalKey: prepared.globalKey, buildID: 0, outputs: [:], pages: [:], sections: plan.sections)
        let site = prepared.site
        guard let stale = plan.stale, var old = previous.take() else {
            snapshot.pages = Self.pageRecords(site: site, records: plan.records)
            snapshot.buildID = UInt64.random(in: 1...UInt64.max)
            let (outputs, replaced) = try writeWholeSite(
                plan, prepared, index: index, media: media, buildID: snapshot.buildID)
            snapshot.outputs = outputs
            return WrittenSite(snapshot: snapshot, copied: prepared.publicFiles.count, replacedOutput: replaced)
        }
        // The previous snapshot's tables are moved, then updated in place (PERFORMANCE.md).
        if let changed = prepared.changedBodies, old.pages.count == site.pages.count {
            swap(&snapshot.pages, &old.pages)
            for i in changed { snapshot.pages[site.pages[i].sourcePath] = plan.records[i] }
        } else {
            snapshot.pages = Self.pageRecords(site: site, records: plan.records)
        }
        swap(&snapshot.outputs, &old.outputs)
        snapshot.buildID = old.buildID
        let summary = try updateOutput(
            plan, prepared, index: index, media: media, selected: stale, outputs: &snapshot.outputs)
        return WrittenSite(snapshot: snapshot, incremental: summary, copied: prepared.publicFiles.count)
    }

    /// The snapshot's records by source path.
    static func pageRecords(site: LinkedSite, records: [BuildSnapshot.PageRecord]) -> [String: BuildSnapshot.PageRecord]
    {
        Dictionary(zip(site.pages.map(\.sourcePath), records), uniquingKeysWith: { a, _ in a })
    }

    /// What one thread takes at a time when a whole site is written: a folder of the files
    /// beside the pages (their indices in `filesBesidePages`), or a chunk of pages.
    private enum WholeSiteWork: Sendable {
        case folder([Int])
        case pages(Range<Int>)
    }

    /// Each rendering thread renders with copies of its own (`PageRenderer.unshared()`), made
    /// for this many pages at least.
    static let rendersPerCopy = 32

    /// Writing a whole site waits on the disk (ext4 reads blocks of its inode table to create
    /// files), so it runs on twice as many threads as there are cores (PERFORMANCE.md).
    static let writingThreads = 2 * ProcessInfoCores.count

    /// Writes every file into a staging folder and swaps it in. Returns each file's hash and
    /// the old output folder when it is left for later removal.
    private func writeWholeSite(
        _ plan: SitePlan, _ prepared: PreparedSite, index: SearchIndex.Output, media: [PendingFile],
        buildID: UInt64
    ) throws(BuildFailure) -> ([String: UInt64], String?) {
        let files: [PendingFile]
        do {
            files = try filesBesidePages(plan, prepared, index: index, media: media)
        } catch {
            throw BuildFailure((prepared.warnings + error.diagnostics).sortedForReport())
        }
        let writer = SiteWriter(output: options.output)
        do {
            try writer.prepare(buildID: buildID)
        } catch {
            throw BuildFailure([.error(options.output.path, 1, 1, "\(error)")])
        }
        let (renderer, jobs, infos) = (prepared.renderer, plan.jobs, plan.infos)
        // The files beside the pages (the index is thousands of small files, Public/ may hold
        // large ones) are written a folder to a thread: threads that create files in one folder
        // at once wait for each other on its lock (PERFORMANCE.md). The folders go first, the
        // largest first, and the pages follow in chunks on the same threads, so that no folder
        // is left to end the stage on one thread.
        let folders = Dictionary(grouping: files.indices) { FileIO.parent(of: files[$0].path) }.values
            .sorted { $0.count > $1.count }
        let jobIDs = jobs.jobIDs
        let chunks = stride(from: 0, to: jobIDs.count, by: Self.rendersPerCopy).map {
            $0..<min($0 + Self.rendersPerCopy, jobIDs.count)
        }
        let work = folders.map(WholeSiteWork.folder) + chunks.map(WholeSiteWork.pages)
        let results: [[Result<(String, UInt64), Diagnostic>]] = work.parallelMapEach(
            threads: Self.writingThreads, local: renderer.unshared()
        ) { renderer, item in
            switch item {
            case .folder(let folder):
                var folderMade = false
                return folder.map { k in
                    let file = files[k]
                    guard let bytes = file.contents() else {
                        return .failure(.error(file.path, 1, 1, "its source vanished"))
                    }
                    do {
                        try writer.write(bytes, to: file.path, folderExists: folderMade)
                        folderMade = true
                        return .success((file.path, file.hash))
                    } catch {
                        return .failure(.error(file.path, 1, 1, "\(error)"))
                    }
                }
            case .pages(let range):
                // Each page is written as soon as it is rendered, so the whole site is never in memory.
                return jobIDs[range].map { n in
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
            }
        }
        var hashes: [String: UInt64] = [:]
        hashes.reserveCapacity(jobs.count + files.count)
        var diagnostics: [Diagnostic] = []
        for result in results.joined() {
            switch result {
            case .success(let (path, hash)): hashes[path] = hash
            case .failure(let d): diagnostics.append(d)
            }
        }
        if diagnostics.hasErrors {
            writer.discard()
            throw BuildFailure((prepared.warnings + diagnostics).sortedForReport())
        }
        do {
            let replaced = try writer.commit(removingOld: !options.deferRemovingOldOutput)
            return (hashes, replaced)
        } catch {
            writer.discard()
            throw BuildFailure([.error(options.output.path, 1, 1, "cannot put the new site in place: \(error)")])
        }
    }

    /// Renders the selected files in memory first (a template error then stops the build
    /// before anything is touched), then replaces only the files whose bytes changed, each one
    /// atomically, and removes the files no page produces any more.
    /// `outputs`, the previous build's file hashes, becomes this one's.
    private func updateOutput(
        _ plan: SitePlan, _ prepared: PreparedSite, index: SearchIndex.Output, media: [PendingFile],
        selected: [JobID], outputs: inout [String: UInt64]
    ) throws(BuildFailure) -> Report.IncrementalSummary {
        let (renderer, jobs, infos) = (prepared.renderer, plan.jobs, plan.infos)
        // A few pages are not worth copying the templates for.
        let copies = selected.count >= 2 * Self.rendersPerCopy
        let rendered = selected.parallelMap(
            minimumChunk: Self.rendersPerCopy, local: copies ? renderer.unshared() : renderer
        ) { $0.render(jobs[$1], info: infos[$1]) }
        var files: [(path: String, bytes: [UInt8])] = []
        var diagnostics: [Diagnostic] = []
        for result in rendered {
            switch result {
            case .success(let output): files.append((output.path, output.html))
            case .failure(let d): diagnostics.append(d)
            }
        }
        if diagnostics.hasErrors { throw BuildFailure((prepared.warnings + diagnostics).sortedForReport()) }
        var changed: [(path: String, bytes: [UInt8])] = []
        for file in files {
            let hash = ContentHasher.hash(file.bytes)
            if outputs[file.path] != hash { changed.append(file) }
            outputs[file.path] = hash
        }
        // A copy or a variant is read only when the output lacks it or has another.
        let extra = try filesBesidePages(plan, prepared, index: index, media: media)
        for file in extra where outputs[file.path] != file.hash {
            guard let bytes = file.contents() else { continue }
            changed.append((file.path, bytes))
            outputs[file.path] = file.hash
        }
        var current = Set(infos.map(\.outputPath))
        for file in extra { current.insert(file.path) }
        for path in index.paths { current.insert(path) }
        let stale = (outputs.keys.filter { !current.contains($0) && !index.keeps($0) } + index.removed).sorted()

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
        return Report.IncrementalSummary(
            rendered: selected.count, written: changed.count, removed: stale.count,
            changedPaths: changed.map(\.path) + stale)
    }

    /// Every file that is not a rendered page: the site files, the search index, Public/ and
    /// the image variants.
    private func filesBesidePages(
        _ plan: SitePlan, _ prepared: PreparedSite, index: SearchIndex.Output, media: [PendingFile]
    ) throws(BuildFailure) -> [PendingFile] {
        // Hashed on every core: the index alone is thousands of files.
        (try siteFiles(plan, prepared) + index.files).parallelMap { PendingFile(path: $0.path, bytes: $0.bytes) }
            + copies(of: prepared.publicFiles, stripping: !prepared.site.config.keepsPhotoMetadata) + media
    }

    /// The files beside the pages: the root language page, feeds, sitemap, and robots.txt
    /// unless Public/ has one. Small, so they are made again on every build.
    private func siteFiles(_ plan: SitePlan, _ prepared: PreparedSite) throws(BuildFailure)
        -> [(path: String, bytes: [UInt8])]
    {
        let (site, renderer) = (prepared.site, prepared.renderer)
        var root = try RootPage.html(site: site, library: renderer.library)
        if let injection = renderer.injection { PageRenderer.inject(injection, into: &root) }
        var files: [(path: String, bytes: [UInt8])] = [(OutputNames.root, root)]
        let feeds = FeedWriter(site: site, values: renderer.values, library: renderer.library)
        for lang in site.config.languageCodes {
            files.append(("\(lang)/" + OutputNames.feed, try feeds.feed(lang: lang)))
        }
        for section in site.sections where site.config.model.feedSections.contains(section.name) {
            files.append(
                (
                    "\(section.lang)/\(section.name)/" + OutputNames.feed,
                    try feeds.feed(lang: section.lang, section: section.name)
                ))
        }
        files += CalendarWriter(site: site, values: renderer.values).files()
        if let outlines = site.config.map { files.append((JapanMap.fileName, JapanMap(outlines: outlines).baseSVG())) }
        files.append((OutputNames.sitemap, plan.sitemap))
        files += RedirectFiles.files(site: site)
        files += try AdminPage.files(site: site, library: renderer.library, i18n: renderer.i18n)
        if !prepared.publicFiles.contains(OutputNames.searchScript) {
            files.append((OutputNames.searchScript, Array(SearchScript.source.utf8)))
        }
        if !prepared.publicFiles.contains(OutputNames.robots) {
            files.append((OutputNames.robots, try RootPage.robots(site: site, library: renderer.library)))
        }
        return files
    }

    var publicFolder: URL { options.source.appendingPathComponent("Public") }

    /// Public/ copied byte for byte, each file read when it is written; its hash is of its
    /// signature (size, inode, times), so an unchanged file is not read again.
    /// Photos (JPEG, PNG, WebP) lose their metadata on the way, unless the site keeps it
    /// (`images: {keepMetadata: true}`): a GPS position is one predictable URL away otherwise.
    private func copies(of publicFiles: [String], stripping: Bool) -> [PendingFile] {
        publicFiles.compactMap { relative in
            let source = publicFolder.path + "/" + relative
            guard let signature = FileSignature(path: source) else { return nil }
            var file = PendingFile(path: relative, hash: signature.key, source: source)
            if stripping, PhotoMetadata.isPhoto(relative) {
                file.hash = signature.key &* 31 &+ PhotoMetadata.version
                file.transform = PhotoMetadata.stripped
            }
            return file
        }
    }
}
