import Mustache

/// What templates see of an event (`page.event`): when, where, whether it is still to come,
/// and the links that put it in a calendar.
struct EventValues {
    let site: LinkedSite

    /// The file beside an event's page holding it alone (RFC 5545).
    static let fileName = OutputNames.event
    /// The calendar of a section's events, beside its list.
    static let calendarName = OutputNames.calendar

    /// What only some events have (an end, a venue, a registration link, each from an optional
    /// field): a template naming one is no typo when no event has it yet.
    static let namesOfSomeEvents: Set<String> = ["page.event.endISO", "page.event.venue", "page.event.registration"]

    func value(for i: PageID) -> MustacheValue? {
        let page = site.pages[i]
        guard let event = site.schedule.event(page) else { return nil }
        let japanese = site.config.isJapanese(page.lang)
        let place = Place(page, model: site.config.model)
        let upcoming = site.upcoming.contains(i)
        var object: [String: MustacheValue] = [
            "when": .string(DateText.event(event, japanese: japanese)),
            "startISO": .string(event.start.iso),
            "upcoming": .bool(upcoming), "ended": .bool(!upcoming),
            "online": .bool(place.online),
            "calendarURL": .string(page.url + Self.fileName),
            "googleCalendarURL": .string(
                googleCalendar(page: page, event: event, place: place, summary: page.summary ?? "")),
        ]
        if let end = event.end { object["endISO"] = .string(end.iso) }
        if let venue = place.venue { object["venue"] = .string(venue) }
        if let registration = place.registration { object["registration"] = .string(registration) }
        return .object(object)
    }

    /// Where an event happens and how to join it, from the fields the model gives these roles.
    struct Place {
        var venue: String?
        var online: Bool
        var registration: String?

        init(_ page: Page, model: ContentModel) {
            let section = model.section(page.section)
            func text(_ role: ContentModel.FieldRole) -> String? {
                section.field(role: role).flatMap { page.frontMatter[$0.name]?.text }.flatMap { $0.isEmpty ? nil : $0 }
            }
            venue = text(.venue)
            online =
                section.field(role: .online).map { page.frontMatter[$0.name] == .bool(true) } == true
                || text(.attendance) == "online"
            registration = text(.registration).flatMap { SafeURL.isAllowed($0) ? $0 : nil }
        }

        /// Words for a calendar's LOCATION.
        func location(japanese: Bool) -> String? {
            let online = self.online ? (japanese ? "オンライン" : "Online") : nil
            switch (venue, online) {
            case (let v?, let o?): return "\(v) / \(o)"
            case (let v?, nil): return v
            case (nil, let o): return o
            }
        }
    }

    /// Google Calendar's "add event" link: the times as written in Tokyo time, with `ctz`.
    private func googleCalendar(page: Page, event: Schedule.EventTime, place: Place, summary: String) -> String {
        let dates: String
        if event.isAllDay {
            let last = event.end ?? event.start
            let after = SiteDate(epochSeconds: last.epochSeconds + 86400)
            dates = ICSText.date(event.start) + "/" + ICSText.date(after)
        } else {
            dates = ICSText.localDateTime(event.start) + "/" + ICSText.localDateTime(event.end ?? event.start)
        }
        let permalink = site.config.origin + URLText.asciiOnly(page.url)
        var query = [
            ("action", "TEMPLATE"), ("text", page.title), ("dates", dates), ("ctz", "Asia/Tokyo"),
            ("details", summary.isEmpty ? permalink : summary + "\n" + permalink),
        ]
        if let location = place.location(japanese: site.config.isJapanese(page.lang)) {
            query.append(("location", location))
        }
        return "https://calendar.google.com/calendar/render?"
            + query.map { $0.0 + "=" + URLText.queryValue($0.1) }.joined(separator: "&")
    }
}
