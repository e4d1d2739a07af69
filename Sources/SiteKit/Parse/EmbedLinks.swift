import Foundation

/// What an embed is made of, derived from a link alone (no network call): the service's own
/// documented embed address, and the player's shape. A link that gives no embed address
/// (a Speaker Deck or SlideShare deck page, whose player is named by an id only their oEmbed
/// answer gives; a Google Maps place page, whose embed needs an API key or the `pb=` code of
/// the Share → Embed a map dialog) is nil: it stays a link.
struct EmbedLink: Equatable {
    var service: EmbedService
    /// The frame's address.
    var src: String
    /// `video`, `map` or `slides`: the class that gives the frame its aspect ratio in CSS.
    var shape: String

    static func of(_ url: String, allowed: Set<EmbedService>) -> EmbedLink? {
        guard !allowed.isEmpty, let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
            scheme == "https" || scheme == "http", var host = parts.host?.lowercased()
        else { return nil }
        for prefix in ["www.", "m."] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
        let path = parts.path.split(separator: "/").map(String.init)
        let query = Dictionary(
            (parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        switch host {
        case "youtube.com", "youtu.be", "youtube-nocookie.com":
            guard allowed.contains(.youtube), let id = youtubeID(host: host, path: path, query: query) else {
                return nil
            }
            let start = (query["t"] ?? query["start"]).flatMap(seconds).map { "?start=\($0)" } ?? ""
            return EmbedLink(
                service: .youtube, src: "https://www.youtube-nocookie.com/embed/\(id)\(start)", shape: "video")
        case "google.com", "maps.google.com":
            // Only the Share → Embed a map address (or the Maps Embed API's, with its key) is one.
            guard allowed.contains(.googlemaps), path.starts(with: ["maps", "embed"]) else { return nil }
            return EmbedLink(service: .googlemaps, src: url, shape: "map")
        case "openstreetmap.org":
            guard allowed.contains(.openstreetmap) else { return nil }
            if path == ["export", "embed.html"], query["bbox"] != nil {
                return EmbedLink(service: .openstreetmap, src: url, shape: "map")
            }
            return openStreetMap(fragment: parts.fragment ?? "", query: query).map {
                EmbedLink(service: .openstreetmap, src: $0, shape: "map")
            }
        case "speakerdeck.com":
            guard allowed.contains(.speakerdeck), path.count == 2, path[0] == "player", isToken(path[1]) else {
                return nil
            }
            return EmbedLink(service: .speakerdeck, src: "https://speakerdeck.com/player/\(path[1])", shape: "slides")
        case "slideshare.net":
            guard allowed.contains(.slideshare), path.count == 4, path[0...2] == ["slideshow", "embed_code", "key"],
                isToken(path[3])
            else { return nil }
            return EmbedLink(
                service: .slideshare, src: "https://www.slideshare.net/slideshow/embed_code/key/\(path[3])",
                shape: "slides")
        default:
            return nil
        }
    }

    /// An id in an address: ASCII letters, digits, `-` and `_`.
    private static func isToken(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// `watch?v=ID`, `youtu.be/ID`, `shorts/ID`, `live/ID`, `embed/ID`: a video id is 11 of
    /// `A–Z a–z 0–9 - _`.
    private static func youtubeID(host: String, path: [String], query: [String: String]) -> String? {
        let id: String?
        if host == "youtu.be" {
            id = path.count == 1 ? path[0] : nil
        } else if path == ["watch"] {
            id = query["v"]
        } else if path.count == 2, ["shorts", "live", "embed"].contains(path[0]) {
            id = path[1]
        } else {
            id = nil
        }
        guard let id, id.utf8.count == 11, isToken(id) else { return nil }
        return id
    }

    /// YouTube's `t=`: `90`, `90s` or `1h2m3s`.
    private static func seconds(_ t: String) -> Int? {
        if let whole = Int(t.hasSuffix("s") ? String(t.dropLast()) : t), whole >= 0 { return whole }
        var total = 0
        var number = ""
        for c in t {
            if c.isASCII, c.isNumber {
                number.append(c)
            } else if let unit = ["h": 3600, "m": 60, "s": 1][c], let n = Int(number) {
                total += n * unit
                number = ""
            } else {
                return nil
            }
        }
        return number.isEmpty && total > 0 ? total : nil
    }

    /// The map as OpenStreetMap's Share → HTML gives it: `export/embed.html` with the box a
    /// 640 × 480 frame shows around `#map=zoom/lat/lon`, and a marker where `mlat`/`mlon` say.
    private static func openStreetMap(fragment: String, query: [String: String]) -> String? {
        guard fragment.hasPrefix("map=") else { return nil }
        let numbers = fragment.dropFirst(4).split(separator: "&").first?.split(separator: "/").compactMap {
            Double($0)
        }
        guard let numbers, numbers.count == 3, (0...19).contains(numbers[0]), abs(numbers[1]) <= 85,
            abs(numbers[2]) <= 180
        else { return nil }
        let (zoom, lat, lon) = (Int(numbers[0]), numbers[1], numbers[2])
        let worldPixels = 256 * pow(2, Double(zoom))
        let halfLon = 320 / worldPixels * 360
        // Web Mercator: y in pixels of the world at this zoom.
        func mercatorY(_ lat: Double) -> Double { (1 - log(tan(.pi / 4 + lat * .pi / 360)) / .pi) / 2 * worldPixels }
        func latitude(_ y: Double) -> Double { (2 * atan(exp((1 - 2 * y / worldPixels) * .pi)) - .pi / 2) * 180 / .pi }
        let centre = mercatorY(lat)
        let box = [lon - halfLon, latitude(centre + 240), lon + halfLon, latitude(centre - 240)]
        var src =
            "https://www.openstreetmap.org/export/embed.html?bbox="
            + box.map { String(format: "%.5f", $0) }.joined(separator: "%2C") + "&layer=mapnik"
        if let mlat = query["mlat"].flatMap(Double.init), let mlon = query["mlon"].flatMap(Double.init),
            abs(mlat) <= 90, abs(mlon) <= 180
        {
            src += "&marker=" + String(format: "%.5f", mlat) + "%2C" + String(format: "%.5f", mlon)
        }
        return src
    }
}
