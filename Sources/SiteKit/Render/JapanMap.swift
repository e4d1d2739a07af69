import Foundation
import Mustache

/// The map of Japan with the members, drawn at build time: the prefectures from
/// `MapOutlines` as one SVG file every language shares (`JapanMap.fileName`), and per language
/// an overlay of markers, each a link to its member's profile, over the same view box.
/// Okinawa is moved north-east into an inset, as maps of Japan usually draw it.
struct JapanMap {
    let outlines: MapOutlines
    private let bounds: (minX: Double, minY: Double, scale: Double, height: Double)

    init(outlines: MapOutlines) {
        self.outlines = outlines
        bounds = Self.bounds(of: outlines)
    }

    static let fileName = OutputNames.map
    /// The map's width in SVG units; the height follows from Japan's shape.
    static let width = 1000.0
    /// Degrees of longitude are shorter than degrees of latitude at Japan's latitudes.
    private static let longitudeScale = cos(36.0 * .pi / 180)
    private static let okinawaCode = 47
    private static let okinawaShift = (longitude: 4.5, latitude: 5.0)

    /// A place on the map.
    struct Marker {
        var title: String
        var url: String
        var latitude: Double
        var longitude: Double
    }

    /// The bounds of every outline, moved as drawn.
    private static func bounds(of outlines: MapOutlines) -> (minX: Double, minY: Double, scale: Double, height: Double)
    {
        var minX = Double.infinity
        var maxX = -Double.infinity
        var minY = Double.infinity
        var maxY = -Double.infinity
        for prefecture in outlines.prefectures {
            for point in prefecture.outline {
                let (x, y) = plane(point[0], point[1], okinawa: prefecture.code == okinawaCode)
                minX = min(minX, x)
                maxX = max(maxX, x)
                minY = min(minY, y)
                maxY = max(maxY, y)
            }
        }
        let margin = 0.3
        let scale = width / (maxX - minX + 2 * margin)
        return (minX - margin, minY - margin, scale, ((maxY - minY + 2 * margin) * scale).rounded(.up))
    }

    var height: Int { Int(bounds.height) }

    private static func plane(_ longitude: Double, _ latitude: Double, okinawa: Bool = false) -> (Double, Double) {
        let lon = okinawa ? longitude + okinawaShift.longitude : longitude
        let lat = okinawa ? latitude + okinawaShift.latitude : latitude
        return (lon * longitudeScale, -lat)
    }

    private func point(_ longitude: Double, _ latitude: Double, okinawa: Bool = false) -> (Double, Double) {
        let b = bounds
        let (x, y) = Self.plane(longitude, latitude, okinawa: okinawa)
        return ((x - b.minX) * b.scale, (y - b.minY) * b.scale)
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The prefectures: a file of its own, cached by browsers across pages and languages.
    func baseSVG() -> [UInt8] {
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(height)\">"
            + "<g fill=\"#dfe9e2\" stroke=\"#ffffff\" stroke-width=\"1.5\" stroke-linejoin=\"round\">"
        for prefecture in outlines.prefectures where !prefecture.outline.isEmpty {
            var d = ""
            for (k, p) in prefecture.outline.enumerated() {
                let (x, y) = point(p[0], p[1], okinawa: prefecture.code == Self.okinawaCode)
                d += (k == 0 ? "M" : "L") + Self.number(x) + " " + Self.number(y)
            }
            svg += "<path d=\"\(d)Z\"/>"
        }
        svg += "</g>"
        // The inset's frame around Okinawa.
        if let okinawa = outlines.prefectures.first(where: { $0.code == Self.okinawaCode }), !okinawa.outline.isEmpty {
            let xs = okinawa.outline.map { point($0[0], $0[1], okinawa: true).0 }
            let ys = okinawa.outline.map { point($0[0], $0[1], okinawa: true).1 }
            let pad = 12.0
            svg +=
                "<rect x=\"\(Self.number(xs.min()! - pad))\" y=\"\(Self.number(ys.min()! - pad))\" "
                + "width=\"\(Self.number(xs.max()! - xs.min()! + 2 * pad))\" height=\"\(Self.number(ys.max()! - ys.min()! + 2 * pad))\" "
                + "fill=\"none\" stroke=\"#9aa8a0\" stroke-width=\"1.5\"/>"
        }
        return Array((svg + "</svg>\n").utf8)
    }

    /// The markers, as inline SVG over the base map: each a link named by its member.
    func overlay(_ markers: [Marker]) -> String {
        var svg = "<svg class=\"map-markers\" viewBox=\"0 0 \(Int(Self.width)) \(height)\">"
        for marker in markers {
            let (x, y) = point(marker.longitude, marker.latitude)
            let name = HTMLEscape.attribute(marker.title)
            let shape = "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"9\"/>"
            svg +=
                "<a href=\"\(HTMLEscape.attribute(marker.url))\" aria-label=\"\(name)\"><title>\(name)</title>\(shape)</a>"
        }
        return svg + "</svg>"
    }
}
