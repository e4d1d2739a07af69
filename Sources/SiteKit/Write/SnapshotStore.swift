import Foundation

/// The snapshot on disk: `.iclei-cache/build-<output>.snapshot`, one per output folder.
struct SnapshotStore {
    let file: String

    init(folder: URL, output: URL) {
        let key = String(ContentHasher.hash(output.standardizedFileURL.path), radix: 16)
        file = folder.path + "/build-" + key + ".snapshot"
    }

    /// The snapshot of the output whose marker says `buildID`; nil, without reading the file,
    /// when the output has no marker (a build into a new or moved-away folder), since only a
    /// snapshot of the output as it is can make a build incremental.
    func load(buildID: UInt64?) -> BuildSnapshot? {
        guard let buildID, let bytes = FileIO.read(file) else { return nil }
        return BuildSnapshot.decode(bytes, buildID: buildID)
    }

    /// Removed before the output is touched and written back only after a build succeeded,
    /// so an interrupted build leaves no snapshot and the next one starts clean.
    func invalidate() {
        unlink(file)
    }

    /// A cache that cannot be written only makes the next build slower, never wrong.
    func save(_ snapshot: BuildSnapshot) {
        let folder = (file as NSString).deletingLastPathComponent
        guard (try? FileIO.makeDirectories(folder)) != nil else { return }
        let temporary = file + ".tmp-\(getpid())"
        guard (try? FileIO.write(snapshot.encoded(), to: temporary)) != nil else { return }
        if rename(temporary, file) != 0 { unlink(temporary) }
        Self.prune(folder)
    }

    /// One snapshot per output folder: builds into ever new folders (CI, benchmarks) would
    /// otherwise fill the cache. The most recently written ones are kept.
    static let kept = 8

    static func prune(_ folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let snapshots = names.filter { $0.hasPrefix("build-") && $0.hasSuffix(".snapshot") }
        guard snapshots.count > kept else { return }
        let byAge = snapshots.map { name -> (String, Int64) in
            (name, FileSignature(path: folder + "/" + name)?.modified ?? 0)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        for (name, _) in byAge.dropFirst(kept) { unlink(folder + "/" + name) }
    }
}
