import Foundation

/// Size, modification and change times and inode: an editor's save changes at least one
/// (an atomic save gives a new inode; an in-place save a new ctime).
struct FileSignature: Sendable, Equatable {
    var size: Int64
    var inode: UInt64
    var modified: Int64
    var changed: Int64

    /// One number that changes when the file does: what a cache of work done on a file (an
    /// image's header and variants, a copy in the output) is keyed by.
    var key: UInt64 {
        var hasher = ContentHasher()
        hasher.combine(Int(size))
        hasher.combine(Int(inode))
        hasher.combine(Int(modified))
        hasher.combine(Int(changed))
        return hasher.finalized
    }

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The time now, in the unit and on the clock of `modified`.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// From the `fstat` of the file as it was read.
    init(_ info: stat) {
        size = Int64(info.st_size)
        inode = UInt64(info.st_ino)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }
}
