import Foundation

extension WriteStage {
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
    func writeWholeSite(_ input: Input, buildID: UInt64) throws(BuildFailure) -> ([String: UInt64], String?) {
        let files = filesBesidePages(input)
        let writer = SiteWriter(output: output)
        do {
            try writer.prepare(buildID: buildID)
        } catch {
            throw BuildFailure([.error(output.path, 1, 1, "\(error)")])
        }
        let (renderer, jobs, infos) = (input.rendered.renderer, input.plan.jobs, input.plan.infos)
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
            throw BuildFailure((input.warnings + diagnostics).sortedForReport())
        }
        do {
            let replaced = try writer.commit(removingOld: !deferRemovingOldOutput)
            return (hashes, replaced)
        } catch {
            writer.discard()
            throw BuildFailure([.error(output.path, 1, 1, "cannot put the new site in place: \(error)")])
        }
    }

    /// Every file that is not a rendered page: the site files, the search index, Public/ and
    /// the image variants.
    func filesBesidePages(_ input: Input) -> [PendingFile] {
        // Hashed on every core: the index alone is thousands of files.
        (input.rendered.files + input.index.files).parallelMap { PendingFile(path: $0.path, bytes: $0.bytes) }
            + input.copies + input.media
    }
}
