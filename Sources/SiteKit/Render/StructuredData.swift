import Mustache

/// JSON-LD for search engines: NewsArticle for news, Event for ICLEI Cafe sessions.
/// The JSON is safe inside `<script>`: `<`, `>` and `&` are written as \u escapes.
enum StructuredData {
    static func jsonLD(for page: Page, summary: String, config: SiteConfig, event: Schedule.EventTime? = nil)
        -> MustacheValue
    {
        let kind = config.model.section(page.section).kind
        guard let date = page.date, page.kind == .single, kind == .articles || kind == .sessions else { return .null }
        let url = config.origin + URLText.asciiOnly(page.url)
        let publisher = { (json: inout JSON) in
            json.field("@type", "Organization")
            json.field("name", config.language(page.lang)?.title ?? "")
        }
        let news = kind == .articles
        var json = JSON()
        json.field("@context", "https://schema.org")
        json.field("@type", news ? "NewsArticle" : "Event")
        json.field(news ? "headline" : "name", page.title)
        json.field(news ? "datePublished" : "startDate", news ? date.rfc3339 : (event?.start ?? date).iso)
        if let end = event?.end { json.field("endDate", end.iso) }
        // The same day the page shows as 最終更新日 and the sitemap as its lastmod.
        if news, let updated = page.updated { json.field("dateModified", updated.iso) }
        json.field("description", summary)
        json.field("inLanguage", page.lang)
        json.field("url", url)
        if news {
            json.object("publisher", publisher)
        } else {
            let place = EventValues.Place(page, model: config.model)
            let mode =
                place.online
                ? (place.venue != nil ? "MixedEventAttendanceMode" : "OnlineEventAttendanceMode")
                : "OfflineEventAttendanceMode"
            json.field("eventAttendanceMode", "https://schema.org/" + mode)
            json.field("eventStatus", "https://schema.org/EventScheduled")
            json.object("organizer", publisher)
            if let venue = place.venue {
                json.object("location") {
                    $0.field("@type", "Place")
                    $0.field("name", venue)
                }
            } else if place.online {
                json.object("location") {
                    $0.field("@type", "VirtualLocation")
                    $0.field("url", place.registration.map { $0.hasPrefix("/") ? config.origin + $0 : $0 } ?? url)
                }
            }
        }
        return .html(json.text)
    }
}

/// Just enough JSON writing for JSON-LD: one object, written straight to UTF-8 with keys
/// in the order given (no tree of values built first).
struct JSON {
    private var out: [UInt8] = [UInt8(ascii: "{")]
    private var empty = true

    init() { out.reserveCapacity(512) }

    mutating func field(_ key: String, _ value: String) {
        self.key(key)
        Self.quote(value, into: &out)
    }

    mutating func field(_ key: String, _ value: Int) {
        self.key(key)
        out.append(contentsOf: String(value).utf8)
    }

    /// An array of objects, each written by its closure.
    mutating func array(_ key: String, _ elements: [(inout JSON) -> Void]) {
        self.key(key)
        out.append(UInt8(ascii: "["))
        for (n, fields) in elements.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            var inner = JSON()
            fields(&inner)
            out.append(contentsOf: inner.out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    mutating func object(_ key: String, _ fields: (inout JSON) -> Void) {
        self.key(key)
        var inner = JSON()
        fields(&inner)
        out.append(contentsOf: inner.out)
        out.append(UInt8(ascii: "}"))
    }

    private mutating func key(_ key: String) {
        if !empty { out.append(UInt8(ascii: ",")) }
        empty = false
        Self.quote(key, into: &out)
        out.append(UInt8(ascii: ":"))
    }

    var text: String { String(decoding: out + [UInt8(ascii: "}")], as: UTF8.self) }

    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Quotes on UTF-8 bytes; `<`, `>` and `&` become \u escapes so that the JSON cannot
    /// end a `<script>` element, and U+2028/2029 are escaped for old JavaScript parsers.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        quoteContent(s, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// What goes between the quotes of `quote`: several strings can make one JSON string.
    static func quoteContent(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { quoteContent($0, into: &out) }
    }

    /// The same for text already in UTF-8.
    static func quoteContent(_ bytes: [UInt8], into out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { quoteContent($0, into: &out) }
    }

    private static func quoteContent(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        do {
            escapes.withUnsafeBufferPointer { escapes in
                var runStart = 0
                var i = 0
                while i < bytes.count {
                    // Most bytes need nothing: skip them by the table before looking closer.
                    while i < bytes.count && escapes[Int(bytes[i])] == 0 { i += 1 }
                    guard i < bytes.count else { break }
                    let byte = bytes[i]
                    if byte == 0xE2 && !(i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] | 1) == 0xA9) {
                        i += 1
                        continue
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                    out.append(UInt8(ascii: "\\"))
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                    case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                    case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                    case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                    case 0xE2: out += Array((bytes[i + 2] == 0xA8 ? "u2028" : "u2029").utf8)
                    default: out += Array(("u00" + String(byte, radix: 16).leftPadded(to: 2)).utf8)
                    }
                    i += byte == 0xE2 ? 3 : 1
                    runStart = i
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
    }

    /// Bytes `quoteContent` looks at: quotes, backslashes, controls, `<>&`, and 0xE2 (which
    /// begins U+2028 and U+2029).
    private static let escapes: [UInt8] = (0..<256).map { b in
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 || b == 0xE2 ? 1 : 0
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
