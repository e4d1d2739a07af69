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
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                var escape: String?
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0..<0x20:
                    escape = "\\u00" + String(byte, radix: 16).leftPadded(to: 2)
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                out.append(contentsOf: escape!.utf8)
                i += byte == 0xE2 ? 3 : 1
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
