import Foundation

/// The outlines a map of Japan is drawn from, read from the file site.yaml's `map.outlines`
/// names under Content/ (`data/japan-prefectures.json`: prefectures as [longitude, latitude]
/// rings; its source and licence are in the file).
struct MapOutlines: Sendable, Decodable {
    struct Prefecture: Sendable, Decodable {
        var code: Int
        var name: String
        var outline: [[Double]]
    }

    var prefectures: [Prefecture]

    /// The outlines with their bytes (for the configuration's key), or a diagnostic.
    static func read(_ relative: String, root: URL) -> Result<(MapOutlines, [UInt8]), Diagnostic> {
        let path = "Content/" + relative
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
            return .failure(
                .error(SiteConfig.path, 1, 1, "`map.outlines` names \(path), which cannot be read"))
        }
        do {
            let outlines = try JSONDecoder().decode(MapOutlines.self, from: data)
            guard outlines.prefectures.allSatisfy({ $0.outline.allSatisfy { $0.count == 2 } }) else {
                return .failure(.error(path, 1, 1, "every point of an outline must be [longitude, latitude]"))
            }
            return .success((outlines, [UInt8](data)))
        } catch {
            return .failure(
                .error(
                    path, 1, 1,
                    "not the outlines of a map: prefectures of {code, name, outline} are expected (\(error))"))
        }
    }
}
