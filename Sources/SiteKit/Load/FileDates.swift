import Foundation

/// When each content file last changed, for the pages' 最終更新日 (`Page.updated`): the time of
/// the last commit that touched it, from one `git log` over the whole site, read as plain input
/// like the files themselves. Where history cannot say (no repository, or a shallow clone, whose
/// oldest commit seems to add every file; a file not committed yet), the file's modification
/// time stands in. A site outside any repository runs no git at all.
struct FileDates: Sendable {
    /// Source path (`Content/news/x.ja.md`) → seconds since 1970 of its last commit.
    var committed: [String: Int] = [:]
    /// Source path → seconds since 1970 of its modification, for files git cannot date.
    var modified: [String: Int] = [:]
    /// Whether `committed` comes from a full history (false: no repository, no git, shallow).
    var fromHistory = false

    /// The Tokyo day `path` last changed, never later than the build's moment `now`: a build at
    /// a given `--now` shows the same dates whenever it runs (a file written after that moment,
    /// as a test's is, counts as changed at it).
    func updated(_ path: String, now: Int) -> SiteDate? {
        guard let seconds = committed[path] ?? modified[path] else { return nil }
        let day = SiteDate(epochSeconds: min(seconds, now))
        return SiteDate.parse("\(pad(day.year, 4))-\(pad(day.month))-\(pad(day.day))")
    }

    /// The last answer of git, kept while HEAD stays (`GitHistory.key`).
    struct HistoryCache: Sendable {
        var key: UInt64?
        var times: [String: Int]?
    }

    /// What `read` needs from git, asked before the load reads the files so that git runs
    /// beside the reading: nothing outside a repository or in a shallow clone, and no process
    /// while HEAD is where the last answer was made.
    struct Asking {
        var key: UInt64?
        var log: GitHistory.PendingLog?
    }

    static func ask(root: String, cache: HistoryCache) -> Asking {
        guard let git = GitHistory(root: root), !git.isShallow else { return Asking() }
        let key = git.key
        return Asking(key: key, log: cache.key == key ? nil : git.startLog())
    }

    /// The dates of the content files `paths`, with the signatures the load read them by.
    static func read(_ asked: Asking, paths: [String], signatures: [FileSignature?], cache: inout HistoryCache)
        -> FileDates
    {
        var dates = FileDates()
        if let key = asked.key {
            if let log = asked.log { cache = HistoryCache(key: key, times: log.wait()) }
            if let times = cache.times {
                dates.committed = times
                dates.fromHistory = true
            }
        } else {
            cache = HistoryCache()
        }
        for (path, signature) in zip(paths, signatures) where dates.committed[path] == nil {
            if let signature { dates.modified[path] = Int(signature.modified / 1_000_000_000) }
        }
        return dates
    }
}

/// The repository a site root is in, and its history of the content files.
struct GitHistory: Sendable {
    /// The repository's own folder (`.git`, or a worktree's folder inside it).
    var gitFolder: String
    /// The site root, where git runs.
    var root: String

    /// The repository `root` is in: `.git` in it or a folder above (a folder, or a worktree's
    /// file naming one). Nil outside any repository, which then costs no process.
    init?(root: String) {
        var folder = root
        while true {
            let candidate = folder + "/.git"
            if let text = FileIO.read(candidate).map({ String(decoding: $0, as: UTF8.self) }),
                text.hasPrefix("gitdir: ")
            {
                let path = text.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines)
                gitFolder = path.hasPrefix("/") ? path : folder + "/" + path
                break
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), isFolder.boolValue {
                gitFolder = candidate
                break
            }
            guard folder != "/", !folder.isEmpty else { return nil }
            folder = FileIO.parent(of: folder)
        }
        self.root = root
    }

    /// Changes whenever HEAD moves (a commit, checkout, pull or reset writes its reflog) or the
    /// clone is deepened: while it stays, the last answer stands.
    var key: UInt64 {
        var hasher = ContentHasher()
        for name in ["HEAD", "logs/HEAD", "shallow"] {
            hasher.combine(Array(name.utf8))
            hasher.combine(FileSignature(path: gitFolder + "/" + name)?.key ?? 0)
        }
        return hasher.finalized
    }

    /// A shallow clone's history stops at a commit that seems to add every file: its dates
    /// would all be that commit's.
    var isShallow: Bool { FileManager.default.fileExists(atPath: gitFolder + "/shallow") }

    /// A `git log` under way, its output read on a thread of its own (a pipe holds 64 KB).
    final class PendingLog: @unchecked Sendable {
        private let process: Process
        private var output = Data()
        private let finished = DispatchSemaphore(value: 0)

        init(_ process: Process, _ pipe: Pipe) {
            self.process = process
            DispatchQueue.global().async {
                self.output = pipe.fileHandleForReading.readDataToEndOfFile()
                self.finished.signal()
            }
        }

        /// Each file's last commit time; nil when git failed (the files' own dates stand in).
        func wait() -> [String: Int]? {
            finished.wait()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? GitHistory.parse(Array(output)) : nil
        }
    }

    /// Starts the one `git log` of the build: each file below `Content/` with its commits'
    /// times. Nil when git cannot be run.
    func startLog() -> PendingLog? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // NUL-separated names are never quoted; each commit is `\u{1}<committer time>\0` and then
        // its files, newest commit first.
        process.arguments = [
            "git", "-C", root, "-c", "core.quotePath=false", "log", "-z", "--no-renames", "--format=%x01%ct",
            "--name-only", "--relative", "--", "Content",
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(["LC_ALL": "C"]) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        return PendingLog(process, pipe)
    }

    /// Reads `git log -z --format=%x01%ct --name-only`: a file's time is its newest commit's.
    static func parse(_ bytes: [UInt8]) -> [String: Int] {
        var times: [String: Int] = [:]
        var current: Int?
        for field in bytes.split(separator: 0) {
            var text = String(decoding: field, as: UTF8.self)
            if text.first == "\u{1}" {
                current = Int(text.dropFirst())
                continue
            }
            if text.first == "\n" { text.removeFirst() }
            guard let time = current, !text.isEmpty else { continue }
            times[text] = max(times[text] ?? time, time)
        }
        return times
    }
}
