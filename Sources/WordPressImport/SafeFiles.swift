import Foundation

/// Files below one folder, reached one name at a time with `openat` and `O_NOFOLLOW`: a
/// symbolic link anywhere on the way (git stores them, and a clone or an uploads copy may
/// hold one) is an error naming it, never a way out of the folder. Checking a path first and
/// then opening it would leave a gap in which a folder can be swapped for a link.
struct SafeFolder {
    /// The folder itself; shown in errors.
    let root: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// The message, without the position.
        var reason: String {
            description.range(of: ": error: ").map { "\(description[$0.upperBound...])" } ?? description
        }
    }

    enum ReadResult {
        case data(Data)
        case missing
        /// A link, a folder, a FIFO, a device…: said in words.
        case refused(String)
    }

    /// The names of a relative path; `..`, `.` and empty names are refused.
    func components(_ relative: String) throws -> [String] {
        let names = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") })
        else {
            throw Failure(description: "\(root)/\(relative):1:1: error: not a plain relative path")
        }
        return names
    }

    private func fail(_ relative: String, _ message: String) -> Failure {
        Failure(description: "\(root)/\(relative):1:1: error: \(message)")
    }

    /// The folder of `relative`'s last name, opened (and made, with `create`) name by name.
    /// Returns nil when it is missing and `create` is off.
    private func openParent(_ names: [String], create: Bool, relative: String) throws -> Int32? {
        var fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw fail(relative, "cannot open the folder: \(String(cString: strerror(errno)))") }
        for (n, name) in names.dropLast().enumerated() {
            var next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 && errno == ENOENT && create {
                if mkdirat(fd, name, 0o755) != 0 && errno != EEXIST {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw fail(names[...n].joined(separator: "/"), "cannot make the folder: \(reason)")
                }
                next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let code = errno
            close(fd)
            guard next >= 0 else {
                if code == ENOENT && !create { return nil }
                throw fail(names[...n].joined(separator: "/"), Self.reason(code, folder: true))
            }
            fd = next
        }
        return fd
    }

    private static func reason(_ code: Int32, folder: Bool) -> String {
        // O_NOFOLLOW on a link gives ELOOP; O_DIRECTORY on a link (or a file) gives ENOTDIR.
        switch code {
        case ELOOP, ENOTDIR:
            return folder
                ? "a symbolic link or a file where a folder is expected; the importer follows no links"
                : "a symbolic link; the importer follows no links"
        default: return String(cString: strerror(code))
        }
    }

    /// A regular file's bytes; a link, FIFO or device is refused without being opened for
    /// long (O_NONBLOCK: opening a FIFO would wait for a writer).
    func read(_ relative: String, limit: Int = Int.max) throws -> ReadResult {
        let names = try components(relative)
        guard let dir = try openParent(names, create: false, relative: relative) else { return .missing }
        defer { close(dir) }
        let fd = openat(dir, names.last!, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return .missing }
            return .refused(Self.reason(errno, folder: false))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .refused("not a regular file") }
        guard Int(info.st_size) <= limit else { return .refused("larger than \(limit) bytes") }
        var data = Data(count: Int(info.st_size))
        var done = 0
        let ok = data.withUnsafeMutableBytes { buffer -> Bool in
            while done < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        guard ok else { return .refused("cannot read it") }
        return .data(data)
    }

    /// Writes `data` as `relative`, through a temporary file renamed over it, so a reader never
    /// sees half a file; the folders on the way are made. A link in the way is an error.
    func write(_ data: Data, to relative: String) throws {
        let names = try components(relative)
        guard let dir = try openParent(names, create: true, relative: relative) else { return }
        defer { close(dir) }
        var info = stat()
        if fstatat(dir, names.last!, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw fail(relative, info.st_mode & S_IFMT == S_IFLNK ? Self.reason(ELOOP, folder: false) : "not a file")
        }
        let temporary = ".\(names.last!.prefix(100)).\(getpid()).tmp"
        let fd = openat(dir, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail(relative, "cannot write it: \(String(cString: strerror(errno)))") }
        let ok = data.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        close(fd)
        // renameat replaces the name itself: had a link appeared there since the check, the
        // link is replaced, not the file it points to.
        guard ok, renameat(dir, temporary, dir, names.last!) == 0 else {
            let reason = String(cString: strerror(errno))
            unlinkat(dir, temporary, 0)
            throw fail(relative, "cannot write it: \(reason)")
        }
    }
}
