import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches the site's source folders and reports each burst of changes once. Uses inotify
/// (new subfolders are watched as they appear); where inotify is unavailable it falls back to
/// polling file sizes and times. Hidden files and editors' swap and backup files are ignored.
final class FileWatcher: @unchecked Sendable {
    // Only the watcher's own thread touches the inotify state after `start`.
    private let roots: [String]
    private let quiet: Double
    private let onChange: @Sendable ([String]) -> Void
    private var fd: Int32 = -1
    private var watches: [Int32: String] = [:]
    private let stopPipe: [Int32]
    private(set) var usesPolling = false

    /// - Parameters:
    ///   - quiet: how long (seconds) to wait for more events before reporting a burst.
    init(roots: [String], quiet: Double = 0.005, onChange: @escaping @Sendable ([String]) -> Void) {
        self.roots = roots
        self.quiet = quiet
        self.onChange = onChange
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        stopPipe = fds
    }

    /// Names an editor writes beside the real file while saving.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name.hasSuffix(".tmp") || (name.hasPrefix("#") && name.hasSuffix("#")) || name == "4913"
    }

    /// Returns once the watches are in place (or the polling baseline is taken), so that any
    /// change made after `start` returns is reported.
    func start(forcePolling: Bool = false) {
        fd = forcePolling ? -1 : inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        usesPolling = fd < 0
        if !usesPolling { for root in roots { addWatches(below: root) } }
        let baseline = usesPolling ? snapshot() : [:]
        let thread = Thread { [self] in usesPolling ? pollLoop(from: baseline) : inotifyLoop() }
        thread.name = "iclei-site watcher"
        thread.start()
    }

    func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe[1], &byte, 1)
    }

    private func addWatches(below folder: String) {
        let mask = UInt32(IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB)
        let wd = inotify_add_watch(fd, folder, mask)
        if wd >= 0 { watches[wd] = folder }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in entries where !Self.isIgnored(name) {
            var isFolder: ObjCBool = false
            let path = folder + "/" + name
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                addWatches(below: path)
            }
        }
    }

    private func inotifyLoop() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending = Set<String>()
        while true {
            var fds = [
                pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stopPipe[0], events: Int16(POLLIN), revents: 0),
            ]
            // Block until something happens; once a burst started, wait only `quiet` for more.
            let timeout: Int32 = pending.isEmpty ? -1 : Int32(quiet * 1000)
            let ready = poll(&fds, 2, timeout)
            if fds[1].revents != 0 {
                close(fd)
                return
            }
            if ready == 0 {
                onChange(pending.sorted())
                pending.removeAll()
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<nameStart + length].prefix { $0 != 0 }
                offset = nameStart + length
                let name = String(decoding: nameBytes, as: UTF8.self)
                guard let folder = watches[wd], !name.isEmpty, !Self.isIgnored(name) else { continue }
                let path = folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    addWatches(below: path)
                }
                pending.insert(path)
            }
        }
    }

    private func pollLoop(from baseline: [String: [Int]]) {
        var last = baseline
        while true {
            var fds = [pollfd(fd: stopPipe[0], events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 1, 300) > 0 { return }
            let now = snapshot()
            if now != last {
                let changed = Set(now.keys).union(last.keys).filter { now[$0] != last[$0] }
                last = now
                onChange(changed.sorted())
            }
        }
    }

    private func snapshot() -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for root in roots {
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if Self.isIgnored(name) { continue }
                var info = stat()
                let path = root + "/" + relative
                guard stat(path, &info) == 0 else { continue }
                result[path] = [
                    Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino),
                ]
            }
        }
        return result
    }
}
