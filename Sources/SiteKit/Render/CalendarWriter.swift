/// iCalendar files (RFC 5545) for the sections whose pages are events: one per event beside
/// its page (`event.ics`) and one per section and language to subscribe to (`calendar.ics`).
/// Times are in Asia/Tokyo with its VTIMEZONE; `DTSTAMP` comes from the page, not the clock,
/// so that a build is reproducible and an unchanged event keeps its bytes.
struct CalendarWriter {
    let site: LinkedSite
    let values: PageValues

    /// Every calendar file, with its path under the output folder.
    func files() -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = []
        for section in site.sections where site.config.model.section(section.name).isEvents {
            let events = site.soonestFirst(section.pages)
            guard !events.isEmpty else { continue }
            for (i, event) in events {
                files.append((relative(site.pages[i].url) + EventValues.fileName, calendar([(i, event)], name: nil)))
            }
            let title = site.title(of: section)
            let siteTitle = site.config.language(section.lang)?.title ?? ""
            files.append(
                (relative(section.url) + EventValues.calendarName, calendar(events, name: "\(title) – \(siteTitle)")))
        }
        return files
    }

    private func relative(_ url: String) -> String { String(url.dropFirst(site.config.basePath.utf8.count)) }

    private func calendar(_ events: [(id: PageID, event: Schedule.EventTime)], name: String?) -> [UInt8] {
        var ics = ICSText()
        ics.line("BEGIN:VCALENDAR")
        ics.line("VERSION:2.0")
        ics.line("PRODID:-//ICLEI Japan//iclei-site//EN")
        ics.line("CALSCALE:GREGORIAN")
        ics.line("METHOD:PUBLISH")
        if let name {
            ics.property("X-WR-CALNAME", text: name)
            ics.line("X-WR-TIMEZONE:Asia/Tokyo")
        }
        if events.contains(where: { !$0.event.isAllDay }) {
            for line in [
                "BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE",
            ] { ics.line(line) }
        }
        for (i, event) in events { add(i, event, to: &ics) }
        ics.line("END:VCALENDAR")
        return ics.bytes
    }

    private func add(_ i: PageID, _ event: Schedule.EventTime, to ics: inout ICSText) {
        let page = site.pages[i]
        let japanese = site.config.isJapanese(page.lang)
        let permalink = site.config.origin + URLText.asciiOnly(page.url)
        let host = site.config.origin.split(separator: "/").last.map(String.init) ?? "localhost"
        let stamp = page.lastmod ?? page.date ?? event.start
        ics.line("BEGIN:VEVENT")
        ics.property("UID", text: "\(page.lang)/\(page.contentPath)@\(host)")
        ics.line("DTSTAMP:" + ICSText.utc(stamp.epochSeconds))
        if event.isAllDay {
            let last = event.end ?? event.start
            ics.line("DTSTART;VALUE=DATE:" + ICSText.date(event.start))
            ics.line("DTEND;VALUE=DATE:" + ICSText.date(SiteDate(epochSeconds: last.epochSeconds + 86400)))
        } else {
            ics.line("DTSTART;TZID=Asia/Tokyo:" + ICSText.localDateTime(event.start))
            if let end = event.end {
                ics.line("DTEND;TZID=Asia/Tokyo:" + ICSText.localDateTime(end))
            }
        }
        ics.property("SUMMARY", text: page.title)
        let summary = values.summaryText(i)
        ics.property("DESCRIPTION", text: summary.isEmpty ? permalink : summary + "\n\n" + permalink)
        let place = EventValues.Place(page, model: site.config.model)
        if let location = place.location(japanese: japanese) { ics.property("LOCATION", text: location) }
        ics.line("URL:" + permalink)
        ics.line("END:VEVENT")
    }
}

/// RFC 5545's text rules: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
/// character), and `\`, `;`, `,` and line breaks escaped in text values.
struct ICSText {
    private(set) var bytes: [UInt8] = []

    mutating func property(_ name: String, text: String) { line(name + ":" + Self.escaped(text)) }

    mutating func line(_ line: String) {
        var width = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if width + size > 75 {
                bytes += [13, 10, 32]  // CRLF and the one space that continues the line
                width = 1
            }
            UTF8.encode(scalar) { bytes.append($0) }
            width += size
        }
        bytes += [13, 10]
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text.replacingOccurrences(of: "\r\n", with: "\n") {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// `20250115`.
    static func date(_ date: SiteDate) -> String { pad(date.year, 4) + pad(date.month) + pad(date.day) }

    /// `20250115T150000`: Tokyo time, for `TZID=Asia/Tokyo`.
    static func localDateTime(_ date: SiteDate) -> String { Self.date(date) + "T" + time(date.secondOfDay) }

    /// `20250115T060000Z`.
    static func utc(_ epochSeconds: Int) -> String {
        let (y, m, d, s) = SiteDate.civil(epochSeconds)
        return pad(y, 4) + pad(m) + pad(d) + "T" + time(s) + "Z"
    }

    /// `150000`.
    private static func time(_ secondOfDay: Int) -> String {
        pad(secondOfDay / 3600) + pad(secondOfDay / 60 % 60) + pad(secondOfDay % 60)
    }
}
