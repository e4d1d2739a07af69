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
        var fd = Glibc.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
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

    enum Opened {
        /// An open regular file; the caller closes it.
        case file(Int32)
        case missing
        case refused(String)
    }

    /// A regular file, opened; a link, FIFO or device is refused without being opened for
    /// long (O_NONBLOCK: opening a FIFO would wait for a writer).
    func open(_ relative: String) throws -> Opened {
        let names = try components(relative)
        guard let dir = try openParent(names, create: false, relative: relative) else { return .missing }
        defer { close(dir) }
        let fd = openat(dir, names.last!, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return .missing }
            return .refused(Self.reason(errno, folder: false))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return .refused("not a regular file")
        }
        return .file(fd)
    }

    /// A regular file's bytes (content files and the manifest, which are small).
    func read(_ relative: String) throws -> ReadResult {
        switch try open(relative) {
        case .missing: return .missing
        case .refused(let reason): return .refused(reason)
        case .file(let fd):
            defer { close(fd) }
            var data = Data()
            let ok = Self.pump(from: fd) { chunk in
                data.append(chunk)
                return true
            }
            return ok ? .data(data) : .refused("cannot read it")
        }
    }

    /// Reads `fd` to its end in 1 MB chunks, handing each to `body`; false on an error.
    private static func pump(from fd: Int32, _ body: (Data) -> Bool) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return false }
            if n == 0 { return true }
            guard body(Data(buffer[0..<n])) else { return false }
        }
    }

    private static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }

    /// Writes `data` as `relative`.
    func write(_ data: Data, to relative: String) throws {
        try write(to: relative) { Self.writeAll($0, data) }
    }

    /// Copies an open file to `relative` in chunks: an upload may be a video larger than the
    /// memory the importer should use.
    func copy(from source: Int32, to relative: String) throws {
        try write(to: relative) { fd in Self.pump(from: source) { Self.writeAll(fd, $0) } }
    }

    /// Writes `relative` through a temporary file renamed over it, so a reader never sees half
    /// a file; the folders on the way are made. A link in the way is an error.
    private func write(to relative: String, _ body: (Int32) -> Bool) throws {
        let names = try components(relative)
        guard let dir = try openParent(names, create: true, relative: relative) else { return }
        defer { close(dir) }
        var info = stat()
        if fstatat(dir, names.last!, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw fail(relative, info.st_mode & S_IFMT == S_IFLNK ? Self.reason(ELOOP, folder: false) : "not a file")
        }
        // A short name of its own (a long Japanese name plus a suffix could pass NAME_MAX); one
        // left by an interrupted run is removed first (unlinkat removes a link, not its target).
        let temporary = ".iclei-import-\(getpid()).tmp"
        unlinkat(dir, temporary, 0)
        let fd = openat(dir, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail(relative, "cannot write it: \(String(cString: strerror(errno)))") }
        let ok = body(fd)
        close(fd)
        // renameat replaces the name itself: had a link appeared there since the check, the
        // link is replaced, not the file it points to.
        guard ok, renameat(dir, temporary, dir, names.last!) == 0 else {
            let reason = ok ? String(cString: strerror(errno)) : "a read or write failed"
            unlinkat(dir, temporary, 0)
            throw fail(relative, "cannot write it: \(reason)")
        }
    }
}
