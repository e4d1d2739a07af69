import Foundation

/// Write: the site's bytes put in the output folder. With the jobs an edit made stale (the
/// render stage's `stale`), only they are rendered and only the files whose bytes changed are
/// replaced, one by one, atomically; otherwise every file goes into a staging folder that is
/// swapped in whole (`SiteWriter`). Either way the stage leaves the snapshot of what the output
/// now holds, kept in memory and in the build cache (`SnapshotStore`), for the next build.
struct WriteStage {
    var output: URL
    /// Where the snapshot is kept between runs (`.iclei-cache/`); nil keeps it in memory only.
    var cache: URL?
    /// Leave the replaced output folder for the caller to delete (`PreviousBuild.removeReplacedOutputs`).
    var deferRemovingOldOutput = false

    struct Memory: Sendable {
        /// What the output holds, file by file, when a build of this process or one before
        /// (through the cache) wrote it.
        var snapshot: BuildSnapshot?
        /// Old output folders a build moved aside and left for `removeReplacedOutputs()`.
        var replacedOutputs: [String] = []
    }

    /// Everything the stage writes.
    struct Input {
        var plan: SitePlan
        var rendered: RenderedSite
        var index: SearchIndex.Output
        /// The image variants (media stage).
        var media: [PendingFile]
        /// Public/, copied (photos without their metadata unless the site keeps it).
        var copies: [PendingFile]
        /// The problems found before, kept in the report when writing fails.
        var warnings: [Diagnostic]
        var globalKey: UInt64
        /// The site (each page's source path keys its record) and the pages whose bodies
        /// alone changed since the last build.
        var linked: LinkStage.Output
    }

    /// What the stage leaves: how many files, and for an update in place, which.
    struct Written {
        var copied: Int
        var inPlace: InPlace?

        struct InPlace {
            var rendered: Int
            var written: Int
            var removed: Int
            var changedPaths: [String]
        }
    }

    private var store: SnapshotStore? { cache.map { SnapshotStore(folder: $0, output: output) } }

    /// The memory as the write stage needs it to begin: the snapshot read from the cache
    /// when none is in memory (nil when `clean`), and the snapshot only while the output is
    /// the one it describes (its marker names the build).
    func snapshotOfOutput(memory: inout Memory, clean: Bool) -> BuildSnapshot? {
        if clean {
            memory.snapshot = nil
        } else if memory.snapshot == nil {
            memory.snapshot = store?.load(buildID: SiteWriter.buildID(of: output))
        }
        guard let snapshot = memory.snapshot, SiteWriter.buildID(of: output) == snapshot.buildID else { return nil }
        return snapshot
    }

    func run(_ input: Input, memory: inout Memory) throws(BuildFailure) -> Written {
        store?.invalidate()  // until this build has succeeded, no snapshot describes the output
        var snapshot = BuildSnapshot(
            globalKey: input.globalKey, buildID: 0, outputs: [:], pages: [:], sections: input.rendered.sections)
        let previous = memory.snapshot.take()
        let written: Written
        if let stale = input.rendered.stale, var old = previous {
            // The previous snapshot's tables are moved, then updated in place (PERFORMANCE.md).
            let pages = input.linked.site.pages
            if let edited = input.linked.editedBodies, old.pages.count == pages.count {
                swap(&snapshot.pages, &old.pages)
                for i in edited { snapshot.pages[pages[i].sourcePath] = input.rendered.records[i] }
            } else {
                snapshot.pages = Self.pageRecords(input)
            }
            swap(&snapshot.outputs, &old.outputs)
            snapshot.buildID = old.buildID
            let inPlace = try updateOutput(input, selected: stale, outputs: &snapshot.outputs)
            written = Written(copied: input.copies.count, inPlace: inPlace)
        } else {
            snapshot.pages = Self.pageRecords(input)
            snapshot.buildID = UInt64.random(in: 1...UInt64.max)
            let (outputs, replaced) = try writeWholeSite(input, buildID: snapshot.buildID)
            snapshot.outputs = outputs
            memory.replacedOutputs += replaced.map { [$0] } ?? []
            written = Written(copied: input.copies.count)
        }
        store?.save(snapshot)
        memory.snapshot = snapshot
        return written
    }

    /// The snapshot's records by source path.
    static func pageRecords(_ input: Input) -> [String: BuildSnapshot.PageRecord] {
        Dictionary(
            zip(input.linked.site.pages.map(\.sourcePath), input.rendered.records), uniquingKeysWith: { a, _ in a })
    }
}
