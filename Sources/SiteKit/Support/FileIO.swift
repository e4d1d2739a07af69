import CLinux
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Plain POSIX file writing: many threads create the same folders at once while writing
/// pages, and `mkdir` that tolerates EEXIST is the race-free way to do that.
enum FileIO {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var operation: String
        var code: Int32
        var description: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
    }

    static func makeDirectories(_ path: String) throws {
        if path.isEmpty || path == "/" { return }
        if mkdir(path, 0o755) == 0 { return }
        let error = errno
        if error == EEXIST { return }
        guard error == ENOENT else { throw Failure(path: path, operation: "create folder", code: error) }
        try makeDirectories(parent(of: path))
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw Failure(path: path, operation: "create folder", code: errno)
        }
    }

    /// Everything before the last `/`, or "": a byte search, where Foundation's path methods
    /// bridge to NSString on the path of every page written.
    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        // Never through a symbolic link put where a file of ours goes (a cache file committed
        // as a link to ~/.ssh/authorized_keys).
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw Failure(path: path, operation: "write", code: errno) }
        defer { close(fd) }
        let ok: Bool =
            bytes.withContiguousStorageIfAvailable { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    offset += n
                }
                return true
            }
            ?? {
                let copy = Array(bytes)
                return (try? write(copy, to: path)) != nil
            }()
        if !ok { throw Failure(path: path, operation: "write", code: errno) }
    }

    /// The whole file in one read (fstat for the size): no Data in between.
    static func read(_ path: String) -> [UInt8]? {
        var info = stat()
        return read(path, info: &info)
    }

    /// Also gives the file's `fstat`, so a caller needs no `stat` of its own. Reads at most
    /// `limit + 1` bytes, so a caller sees that a file is over its limit without reading it all
    /// (or reading forever from a file that keeps growing).
    static func read(_ path: String, info: inout stat, limit: Int = Int.max - 1) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: min(Int(info.st_size), limit + 1))
        var offset = 0
        while offset <= limit {
            // A regular file of the size fstat gave is complete: no read just to see EOF.
            if offset == bytes.count && offset > 0 { break }
            if offset == bytes.count {
                bytes.append(contentsOf: [UInt8](repeating: 0, count: min(4096, limit + 1 - offset)))
            }
            let n = bytes.withUnsafeMutableBufferPointer { buffer in
                Glibc.read(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            offset += n
        }
        bytes.removeLast(bytes.count - offset)
        return bytes
    }

    /// Whether `path`, with every symbolic link resolved, lies in `root` (resolved too). A path
    /// that does not exist yet is judged by its nearest existing folder.
    static func isInside(_ root: String, _ path: String) -> Bool {
        guard let realRoot = realpath(root, nil) else { return false }
        defer { free(realRoot) }
        let base = String(cString: realRoot)
        var candidate = path
        while !candidate.isEmpty {
            if let real = realpath(candidate, nil) {
                defer { free(real) }
                let resolved = String(cString: real)
                return resolved == base || resolved.hasPrefix(base == "/" ? "/" : base + "/")
            }
            guard errno == ENOENT else { return false }
            candidate = parent(of: candidate)
        }
        return false
    }

    /// Whether `path` itself is a symbolic link (not followed).
    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// A regular file's bytes (at most `limit`), or nil: a FIFO, a device or a folder is never
    /// read (opened without blocking, so a FIFO with no writer cannot hang the caller).
    static func readRegularFile(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: min(Int(info.st_size), limit))
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBufferPointer {
                pread(fd, $0.baseAddress! + offset, $0.count - offset, off_t(offset))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            offset += n
        }
        return Array(bytes.prefix(offset))
    }

    static func write(_ string: String, to path: String) throws {
        var string = string
        try string.withUTF8 { try write($0, to: path) }
    }

    /// Removes a file or a whole folder; symlinks are removed, never followed.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Swaps two paths in one step (Linux renameat2 RENAME_EXCHANGE), so readers of the
    /// output never see a moment without a site.
    static func exchange(_ a: String, _ b: String) -> Bool {
        iclei_exchange_paths(a, b) == 0
    }
}
