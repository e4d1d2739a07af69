import Foundation

/// Folders of the content files, each opened once, so that checking whether a file changed
/// resolves one name (`fstatat`) instead of its whole path: that was half of the load stage
/// of a rebuild in which one file changed.
struct FolderHandles: Sendable {
    private var handles: [Substring: Int32] = [:]

    /// Content lives in a few section folders; a site with many more keeps its file
    /// descriptors for reading files, and the rest are checked by their whole path.
    static let limit = 64

    init(root: String, files: [String]) {
        for file in files {
            guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
            let folder = file[..<slash]
            if handles[folder] == nil, handles.count < Self.limit {
                handles[folder] = open(root + "/" + folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
        }
    }

    /// nil when the folder could not be opened (the caller then uses the whole path).
    func signature(of file: String) -> FileSignature? {
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")),
            let handle = handles[file[..<slash]], handle >= 0
        else { return nil }
        var info = stat()
        let name = file[file.utf8.index(after: slash)...]
        let found = name.withCString { fstatat(handle, $0, &info, 0) } == 0
        return found ? FileSignature(info) : nil
    }

    func close() {
        for handle in handles.values where handle >= 0 { _ = Glibc.close(handle) }
    }
}
