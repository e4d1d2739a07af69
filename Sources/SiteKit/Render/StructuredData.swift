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
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (n, field) in fields.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(field.0, into: &out)
                out.append(UInt8(ascii: ":"))
                field.1.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Quotes on UTF-8 bytes; `<`, `>` and `&` become \u escapes so that the JSON cannot
    /// end a `<script>` element, and U+2028/2029 are escaped for old JavaScript parsers.
    static func quote(_ s: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        var bytes = Array(s.utf8)[...]
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0..<0x20:
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            case 0xE2 where bytes.first == 0x80 && (bytes.dropFirst().first == 0xA8 || bytes.dropFirst().first == 0xA9):
                out += Array("\\u202".utf8) + [bytes.dropFirst().first == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                bytes = bytes.dropFirst(2)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
