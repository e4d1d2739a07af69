import Foundation

/// Writes the imported files, never over one an editor changed since the last import: the
/// manifest (`.iclei-import.json` at the site root) holds a hash of each file as written.
/// Every path is opened name by name without following links (`SafeFolder`), so nothing the
/// importer writes can land outside the site.
struct FileWriter {
    let site: URL
    let force: Bool
    private let folder: SafeFolder

    static let manifestName = ".iclei-import.json"

    init(site: URL, force: Bool) {
        self.site = site
        self.force = force
        folder = SafeFolder(root: site.path)
    }

    func loadManifest() throws -> [String: String] {
        switch try folder.read(Self.manifestName) {
        case .data(let data):
            return (try? JSONSerialization.jsonObject(with: data) as? [String: String]) ?? [:]
        case .missing:
            return [:]
        case .refused(let reason):
            throw SafeFolder.Failure(description: "\(site.path)/\(Self.manifestName):1:1: error: \(reason)")
        }
    }

    func saveManifest(_ manifest: [String: String]) throws {
        let data = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted])
        try folder.write(data, to: Self.manifestName)
    }

    enum Outcome {
        case written
        /// Edited since the import wrote it (and no --force).
        case edited
        /// Not written by an import at all: an editor's own page, never overwritten.
        case notImported
    }

    /// Writes the file unless an editor changed it since the import wrote it (`force`
    /// overrides that) or made it themselves; an error when a link or a folder is in the way.
    func write(_ text: String, to path: String, manifest: inout [String: String]) throws -> Outcome {
        switch try folder.read(path) {
        case .data(let existing):
            guard let hash = manifest[path] else { return .notImported }
            guard force || hash == Self.hash(existing) else { return .edited }
        case .missing:
            break
        case .refused(let reason):
            throw SafeFolder.Failure(description: "\(site.path)/\(path):1:1: error: \(reason)")
        }
        let data = Data(text.utf8)
        try folder.write(data, to: path)
        manifest[path] = Self.hash(data)
        return .written
    }

    /// Copies a regular file of the uploads copy to `Public/wp-content/uploads/`; nil when
    /// done, else why not (missing, a link, not a regular file). Read and written name by name
    /// without following links: a link in the uploads copy could point anywhere on the
    /// operator's disk.
    func copyUpload(from uploads: SafeFolder, _ relative: String) throws -> String? {
        guard (try? uploads.components(relative)) != nil else { return "is not a plain path" }
        let result: SafeFolder.Opened
        do {
            result = try uploads.open(relative)
        } catch let failure as SafeFolder.Failure {
            // A linked folder on the way: the operator's copy, so a warning, not a stop.
            return "in --uploads is not copied: " + failure.reason
        }
        switch result {
        case .file(let fd):
            defer { close(fd) }
            try folder.copy(from: fd, to: "Public/wp-content/uploads/" + relative)
            return nil
        case .missing:
            return "is not in --uploads"
        case .refused(let reason):
            return "in --uploads is not copied: \(reason)"
        }
    }

    /// 64-bit FNV-1a, in hex.
    static func hash(_ data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
