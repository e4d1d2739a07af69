import Foundation

/// Regular files below a folder, as sorted relative paths, read with readdir (Foundation's
/// enumerator costs more than reading the files). Hidden files are skipped; a symbolic link
/// counts only if it points at a regular file inside the folder, so links cannot pull in
/// files from elsewhere or loop.
enum ContentTree {
    static func files(below folder: URL, withExtension ext: String? = nil) -> [String] {
        var listing: Listing? = nil
        return files(below: folder, withExtension: ext, reusing: &listing)
    }

    /// The same, reusing `listing` (what the last call found, and replaced by what this one
    /// finds) when no folder of it has changed: a folder whose entries change gets a new
    /// modification time, so a rebuild after an edit saved in place reads no folder.
    ///
    /// - Parameter prefix: put before each path, with a `/`.
    static func files(
        below folder: URL, withExtension ext: String?, prefix: String = "", reusing listing: inout Listing?
    ) -> [String] {
        let base = folder.standardizedFileURL.path
        if let last = listing, last.base == base, last.ext == ext, last.prefix == prefix, last.isCurrent {
            return last.files
        }
        listing = nil
        guard let realBase = realPath(base) else { return [] }
        var found = Listing(base: base, ext: ext, prefix: prefix)
        walk(base, prefix: prefix, realBase: realBase, ext: ext, into: &found)
        found.files.sort()
        if found.isReusable { listing = found }
        return found.files
    }

    /// A tree's files as one walk found them, with each folder's signature at the time.
    struct Listing: Sendable {
        var base: String
        var ext: String?
        var prefix: String
        var files: [String] = []
        var folders: [(path: String, signature: FileSignature)] = []
        /// Something below can change without any folder changing: a link (followed to its
        /// target) or a folder whose signature could not be read.
        var changesUnseen = false
        let readAt = FileSignature.now()

        /// A folder changed within a second of the walk may change again within the same
        /// tick of a coarse clock, unseen: such a listing is not kept.
        var isReusable: Bool {
            !changesUnseen && folders.allSatisfy { $0.signature.modified < readAt - 1_000_000_000 }
        }

        /// Every folder as it was when walked.
        var isCurrent: Bool { folders.allSatisfy { FileSignature(path: $0.path) == $0.signature } }
    }

    private static func walk(
        _ directory: String, prefix: String, realBase: String, ext: String?, into result: inout Listing
    ) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        var info = stat()
        if fstat(dirfd(dir), &info) == 0 {
            result.folders.append((directory, FileSignature(info)))
        } else {
            result.changesUnseen = true
        }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            let path = directory + "/" + name
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                let mode = info.st_mode & S_IFMT
                type =
                    mode == S_IFDIR
                    ? Int32(DT_DIR) : mode == S_IFREG ? Int32(DT_REG) : mode == S_IFLNK ? Int32(DT_LNK) : 0
            }
            switch type {
            case Int32(DT_DIR):
                walk(path, prefix: relative, realBase: realBase, ext: ext, into: &result)
            case Int32(DT_REG):
                if ext.map({ name.hasSuffix("." + $0) }) ?? true { result.files.append(relative) }
            case Int32(DT_LNK):
                // Links to files inside the folder count; links to folders are not followed.
                result.changesUnseen = true
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                    let real = realPath(path), real.hasPrefix(realBase + "/")
                else { continue }
                if ext.map({ name.hasSuffix("." + $0) }) ?? true { result.files.append(relative) }
            default:
                continue
            }
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
