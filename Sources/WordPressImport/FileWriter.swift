import Foundation

/// Writes the imported files, never over one an editor changed since the last import: the
/// manifest (`.iclei-import.json` at the site root) holds a hash of each file as written.
struct FileWriter {
    let site: URL
    let force: Bool

    static let manifestName = ".iclei-import.json"

    func loadManifest() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: site.appendingPathComponent(Self.manifestName).path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: String]
        else { return [:] }
        return object
    }

    func saveManifest(_ manifest: [String: String]) throws {
        let data = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted])
        try data.write(to: site.appendingPathComponent(Self.manifestName), options: .atomic)
    }

    /// False when the file was edited since it was written and `force` is off.
    func write(_ text: String, to path: String, manifest: inout [String: String]) -> Bool {
        let url = site.appendingPathComponent(path)
        if !force, let existing = FileManager.default.contents(atPath: url.path) {
            guard manifest[path] == Self.hash(existing) else { return false }
        }
        let data = Data(text.utf8)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            return false
        }
        manifest[path] = Self.hash(data)
        return true
    }

    func copyUpload(from source: String, to relative: String) throws {
        let target = site.appendingPathComponent("Public/wp-content/uploads/" + relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
        try FileManager.default.copyItem(atPath: source, toPath: target.path)
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
