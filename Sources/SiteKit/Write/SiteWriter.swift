import Foundation

/// Write stage: everything goes into a temporary folder beside the output, which replaces
/// the output only once the whole site is written. A failed build leaves the previous
/// output exactly as it was.
public struct SiteWriter: Sendable {
    public let output: URL
    public let staging: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
        let name = self.output.lastPathComponent
        let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        staging = self.output.deletingLastPathComponent().appendingPathComponent(".\(name).staging-\(unique)")
    }

    public func prepare() throws {
        try FileIO.makeDirectories(output.deletingLastPathComponent().path)
        FileIO.removeTree(staging.path)
        try FileIO.makeDirectories(staging.path)
    }

    /// Writes one file below the staging folder; `relativePath` never climbs out of it.
    public func write(_ content: String, to relativePath: String) throws {
        let path = try stagingPath(relativePath)
        try FileIO.makeDirectories((path as NSString).deletingLastPathComponent)
        try FileIO.write(content, to: path)
    }

    func stagingPath(_ relativePath: String) throws -> String {
        let parts = relativePath.split(separator: "/")
        guard !relativePath.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw FileIO.Failure(path: relativePath, operation: "write outside the output folder:", code: EINVAL)
        }
        return staging.path + "/" + relativePath
    }

    /// Copies `Public/` byte for byte into the staging folder; returns how many files.
    public func copyPublic(from folder: URL) throws -> Int {
        guard FileManager.default.fileExists(atPath: folder.path) else { return 0 }
        let files = ContentTree.files(below: folder)
        try FileIO.makeDirectories(staging.path)
        for relative in files {
            let target = try stagingPath(relative)
            try FileIO.makeDirectories((target as NSString).deletingLastPathComponent)
            FileIO.removeTree(target)
            try FileManager.default.copyItem(atPath: folder.path + "/" + relative, toPath: target)
        }
        return files.count
    }

    /// Puts the staged site in place of the output and removes the old one.
    public func commit() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: output.path) {
            if FileIO.exchange(staging.path, output.path) {
                FileIO.removeTree(staging.path)
                return
            }
            let old = staging.path + ".old"
            try fm.moveItem(atPath: output.path, toPath: old)
            try fm.moveItem(atPath: staging.path, toPath: output.path)
            FileIO.removeTree(old)
        } else {
            try fm.moveItem(atPath: staging.path, toPath: output.path)
        }
    }

    public func discard() { FileIO.removeTree(staging.path) }
}

/// Regular files below a folder, as sorted relative paths; hidden files are skipped.
enum ContentTree {
    static func files(below folder: URL) -> [String] {
        let base = folder.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var result: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            if path.hasPrefix(base) { result.append(String(path.dropFirst(base.count))) }
        }
        return result.sorted()
    }
}
