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
        let full = root.appendingPathComponent(path).path
        // site.yaml checked the path's shape; a link out of Content/ is refused here, and no
        // byte of such a file is ever quoted.
        guard SitePath.problem(relative) == nil, FileIO.isInside(root.appendingPathComponent("Content").path, full),
            let bytes = FileIO.readRegularFile(full, limit: maxBytes)
        else {
            return .failure(
                .error(SiteConfig.path, 1, 1, "`map.outlines` names \(path), which is not a readable file in Content/"))
        }
        guard bytes.count < maxBytes else {
            return .failure(.error(path, 1, 1, "the outlines file is over \(maxBytes >> 20) MB"))
        }
        do {
            let outlines = try JSONDecoder().decode(MapOutlines.self, from: Data(bytes))
            for prefecture in outlines.prefectures {
                for point in prefecture.outline {
                    guard point.count == 2, point.allSatisfy(\.isFinite), abs(point[0]) <= 180, abs(point[1]) <= 90
                    else {
                        return .failure(
                            .error(
                                path, 1, 1,
                                "every point of an outline must be [longitude, latitude] in degrees (\(prefecture.name) has \(point))"
                            ))
                    }
                }
            }
            return .success((outlines, bytes))
        } catch {
            return .failure(
                .error(
                    path, 1, 1,
                    "not the outlines of a map: prefectures of {code, name, outline} are expected (\(error))"))
        }
    }

    /// The outlines of Japan's prefectures take 1 MB; 32 MB is no map.
    static let maxBytes = 32 << 20
}
