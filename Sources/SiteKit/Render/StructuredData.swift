import Mustache

/// JSON-LD for search engines: NewsArticle for news, Event for ICLEI Cafe sessions.
/// The JSON is safe inside `<script>`: `<`, `>` and `&` are written as \u escapes.
enum StructuredData {
    static func jsonLD(for page: Page, summary: String, config: SiteConfig) -> MustacheValue {
        let url = config.origin + page.url
        let publisher: JSON = .object([("@type", .string("Organization")),
                                       ("name", .string(config.language(page.lang)?.title ?? ""))])
        switch page.section {
        case "news":
            guard let date = page.date else { return .null }
            return .html(JSON.object([
                ("@context", .string("https://schema.org")), ("@type", .string("NewsArticle")),
                ("headline", .string(page.title)), ("datePublished", .string(date.rfc3339)),
                ("description", .string(summary)), ("inLanguage", .string(page.lang)),
                ("url", .string(url)), ("publisher", publisher),
            ]).text)
        case "cafe":
            guard let date = page.date else { return .null }
            let online = page.frontMatter["format"]?.text == "online"
            var fields: [(String, JSON)] = [
                ("@context", .string("https://schema.org")), ("@type", .string("Event")),
                ("name", .string(page.title)), ("startDate", .string(date.iso)),
                ("description", .string(summary)), ("inLanguage", .string(page.lang)), ("url", .string(url)),
                ("eventAttendanceMode", .string(online ? "https://schema.org/OnlineEventAttendanceMode"
                                                       : "https://schema.org/OfflineEventAttendanceMode")),
                ("organizer", publisher),
            ]
            if online {
                fields.append(("location", .object([("@type", .string("VirtualLocation")), ("url", .string(url))])))
            } else if let venue = page.frontMatter["venue"]?.text {
                fields.append(("location", .object([("@type", .string("Place")), ("name", .string(venue))])))
            }
            return .html(JSON.object(fields).text)
        default:
            return .null
        }
    }
}

/// Just enough JSON writing for JSON-LD, with keys in the order given.
indirect enum JSON {
    case string(String)
    case object([(String, JSON)])

    var text: String {
        switch self {
        case .string(let s): return Self.quote(s)
        case .object(let fields): return "{" + fields.map { Self.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if c.value < 0x20 { out += "\\u" + pad(Int(c.value), 4) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}
