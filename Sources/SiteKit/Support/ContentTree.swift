import Foundation

/// Regular files below a folder, as sorted relative paths, read with readdir (Foundation's
/// enumerator costs more than reading the files). Hidden files are skipped; a symbolic link
/// counts only if it points at a regular file inside the folder, so links cannot pull in
/// files from elsewhere or loop.
enum ContentTree {
    static func files(below folder: URL, withExtension ext: String? = nil) -> [String] {
        let base = folder.standardizedFileURL.path
        guard let realBase = realPath(base) else { return [] }
        var result: [String] = []
        walk(base, prefix: "", realBase: realBase, ext: ext, into: &result)
        return result.sorted()
    }

    private static func walk(
        _ directory: String, prefix: String, realBase: String, ext: String?, into result: inout [String]
    ) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
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
                if ext.map({ name.hasSuffix("." + $0) }) ?? true { result.append(relative) }
            case Int32(DT_LNK):
                // Links to files inside the folder count; links to folders are not followed.
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                    let real = realPath(path), real.hasPrefix(realBase + "/")
                else { continue }
                if ext.map({ name.hasSuffix("." + $0) }) ?? true { result.append(relative) }
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
