import Foundation

/// Write stage: everything goes into a temporary folder beside the output, which replaces
/// the output only once the whole site is written. A failed build leaves the previous
/// output exactly as it was.
struct SiteWriter: Sendable {
    let output: URL
    let staging: URL

    init(output: URL) {
        self.output = output.standardizedFileURL
        let name = self.output.lastPathComponent
        let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        staging = self.output.deletingLastPathComponent().appendingPathComponent(".\(name).staging-\(unique)")
    }

    /// Marks a folder as written by iclei-site: only such a folder (or an empty one, or none)
    /// is ever replaced, so `--output` pointed at the wrong folder cannot delete anything.
    static let marker = ".iclei-site-output"

    /// `buildID` goes into the marker: the build cache's snapshot names the output it describes.
    func prepare(buildID: UInt64 = 0) throws {
        try refuseForeignOutput()
        try FileIO.makeDirectories(output.deletingLastPathComponent().path)
        FileIO.removeTree(staging.path)
        try FileIO.makeDirectories(staging.path)
        try FileIO.write(
            "This folder is written by `iclei-site build`; the next build updates or replaces it.\n"
                + "build \(String(buildID, radix: 16))\n", to: staging.path + "/" + Self.marker)
    }

    /// The build ID in an output folder's marker, if it has one.
    static func buildID(of output: URL) -> UInt64? {
        guard let bytes = FileIO.read(output.standardizedFileURL.path + "/" + marker) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("build ") }) else { return nil }
        return UInt64(line.dropFirst(6), radix: 16)
    }

    /// Replaces one file of the live output: written beside it, then renamed over it, so a
    /// reader sees the old file or the new one, never a part.
    func replace(_ bytes: [UInt8], at relativePath: String) throws {
        let path = try outputPath(relativePath)
        let folder = FileIO.parent(of: path)
        try FileIO.makeDirectories(folder)
        // The live output is older than this build: a link put in it must not lead out.
        guard FileIO.isInside(output.path, folder) else {
            throw FileIO.Failure(
                path: folder, operation: "write through a symbolic link out of the output:", code: ELOOP)
        }
        let temporary = folder + "/.iclei-tmp-\(getpid())-" + path.dropFirst(folder.count + 1)
        try FileIO.write(bytes, to: temporary)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileIO.Failure(path: path, operation: "replace", code: code)
        }
    }

    /// Removes one file of the live output, and its folders when they become empty.
    func remove(_ relativePath: String) throws {
        var path = try outputPath(relativePath)
        if unlink(path) != 0 && errno != ENOENT { throw FileIO.Failure(path: path, operation: "remove", code: errno) }
        while true {
            path = FileIO.parent(of: path)
            guard path.count > output.path.count, rmdir(path) == 0 else { return }
        }
    }

    private func outputPath(_ relativePath: String) throws -> String {
        output.path + String(try stagingPath(relativePath).dropFirst(staging.path.count))
    }

    /// The output may be replaced only if it does not exist, is empty, or carries the marker.
    func refuseForeignOutput() throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw FileIO.Failure(
                path: output.path, operation: "replace (it is a file, not a site folder)", code: EEXIST)
        }
        let entries = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
        if entries.isEmpty || entries.contains(Self.marker) { return }
        throw ForeignOutput(path: output.path)
    }

    struct ForeignOutput: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "refusing to replace \(path): it holds files that iclei-site did not write (no \(SiteWriter.marker)); choose an empty or new --output folder"
        }
    }

    /// Writes one file below the staging folder; `relativePath` never climbs out of it.
    func write(_ content: String, to relativePath: String) throws {
        try write(Array(content.utf8), to: relativePath)
    }

    /// - Parameter folderExists: an earlier write made the file's folder. (A `mkdir` of a folder
    ///   that exists still locks the folder it is in, for as long as another thread creating a
    ///   file there holds that lock.)
    func write(_ bytes: [UInt8], to relativePath: String, folderExists: Bool = false) throws {
        let path = try stagingPath(relativePath)
        if !folderExists { try FileIO.makeDirectories(FileIO.parent(of: path)) }
        try FileIO.write(bytes, to: path)
    }

    func stagingPath(_ relativePath: String) throws -> String {
        guard !Self.climbs(relativePath) else {
            throw FileIO.Failure(path: relativePath, operation: "write outside the output folder:", code: EINVAL)
        }
        return staging.path + "/" + relativePath
    }

    /// True for an absolute path or one with a `.` or `..` part: a byte scan, since every file
    /// of the site is checked.
    static func climbs(_ relativePath: String) -> Bool {
        var path = relativePath
        return path.withUTF8 { bytes in
            if bytes.first == UInt8(ascii: "/") { return true }
            var partStart = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "/") {
                let length = i - partStart
                if (length == 1 || length == 2) && bytes[partStart] == UInt8(ascii: ".")
                    && bytes[i - 1] == UInt8(ascii: ".")
                {
                    return true
                }
                partStart = i + 1
            }
            return false
        }
    }

    /// Puts the staged site in place of the output and removes the old one, or, with
    /// `removingOld: false`, returns where the old one now is: deleting thousands of files
    /// takes longer than writing them on ext4, and the preview reloads the browser first.
    @discardableResult
    func commit(removingOld: Bool = true) throws -> String? {
        try refuseForeignOutput()
        if rename(staging.path, output.path) == 0 { return nil }  // no output yet (or an empty folder)
        guard errno == EEXIST || errno == ENOTEMPTY || errno == EISDIR || errno == ENOTDIR else {
            throw FileIO.Failure(path: output.path, operation: "move the new site to", code: errno)
        }
        var old = staging.path
        if !FileIO.exchange(staging.path, output.path) {
            old = staging.path + ".old"
            try FileManager.default.moveItem(atPath: output.path, toPath: old)
            try FileManager.default.moveItem(atPath: staging.path, toPath: output.path)
        }
        guard removingOld else { return old }
        FileIO.removeTree(old)
        return nil
    }

    func discard() { FileIO.removeTree(staging.path) }
}
