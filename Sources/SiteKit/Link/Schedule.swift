/// The site at one moment, the build's "now": which pages are published (`publishDate`,
/// `expiryDate`, an article's `date`) and which events are still to come. Every answer
/// depends on `now`, so a build at a given `--now` is reproducible, and `key` tells the
/// incremental build when the passage of time has changed anything.
struct Schedule: Sendable {
    /// Seconds since 1970-01-01T00:00Z.
    var now: Int
    /// Build pages whose publication moment has not come (`--future`).
    var includeFuture = false
    /// Build pages whose `expiryDate` has passed (`--expired`).
    var includeExpired = false
    var model = ContentModel()

    /// When an event begins and ends. Without `end`, an event with a time ends when it begins
    /// and an all-day one at the end of its day (or of its end day).
    struct EventTime: Sendable, Hashable {
        var start: SiteDate
        var end: SiteDate?

        var isAllDay: Bool { !start.hasTime }

        /// The moment it is over.
        var endsAt: Int {
            guard let end else { return isAllDay ? start.epochSeconds + 86400 : start.epochSeconds }
            return end.hasTime ? end.epochSeconds : end.epochSeconds + 86400
        }
    }

    func event(_ page: Page) -> EventTime? {
        guard page.kind == .single, let section = model.sections[page.section] else { return nil }
        func date(_ role: ContentModel.FieldRole) -> SiteDate? {
            section.field(role: role).flatMap { page.frontMatter[$0.name]?.text.flatMap(SiteDate.parse) }
        }
        guard let start = date(.start) else { return nil }
        return EventTime(start: start, end: date(.end))
    }

    /// An event not yet over: lists show it first, its page offers it for calendars.
    func isUpcoming(_ page: Page) -> Bool {
        guard let event = event(page) else { return false }
        return now < event.endsAt
    }

    /// The moment a page appears: its `publishDate`. Unlike Hugo, a `date` in the future does
    /// not hold a page back: an event's date is when it happens, and a news item may be dated
    /// by what it reports; holding back is asked for in words.
    func publishesAt(_ page: Page) -> SiteDate? { page.publishDate }

    /// Whether the page is built at `now`.
    func isPublished(_ page: Page) -> Bool {
        if !includeFuture, let publish = publishesAt(page), publish.epochSeconds > now { return false }
        if !includeExpired, let expiry = page.expiryDate, expiry.epochSeconds <= now { return false }
        return true
    }

    /// The pages held back by the clock and the events still to come: it changes when a page
    /// appears or goes, or an event passes, which the incremental build treats as a change of
    /// every page (lists, home pages and member pages show both). A page published as usual
    /// or a past event is not in it, so adding one is an ordinary edit.
    func key(_ pages: [Page]) -> UInt64 {
        var hasher = ContentHasher()
        for page in pages where !isPublished(page) {
            hasher.combine(page.sourcePath)
            hasher.combine(0)
        }
        for page in pages where isUpcoming(page) {
            hasher.combine(page.sourcePath)
            hasher.combine(1)
        }
        return hasher.finalized
    }

    /// A page published, expiring or an event ending within `days` of `now`, for `check`.
    struct Change: Sendable, Hashable {
        enum Kind: String, Sendable { case publishes, expires, ends }
        var file: String
        var line: Int
        var kind: Kind
        var at: SiteDate
    }

    func changes(_ pages: [Page], days: Int) -> [Change] {
        let horizon = now + days * 86400
        var changes: [Change] = []
        func add(_ page: Page, _ kind: Change.Kind, _ key: String?, _ date: SiteDate) {
            guard date.epochSeconds > now, date.epochSeconds <= horizon else { return }
            let line = key.flatMap { page.frontMatter.positions[$0]?.line } ?? 1
            changes.append(Change(file: page.sourcePath, line: line, kind: kind, at: date))
        }
        for page in pages where !page.draft {
            if let publish = publishesAt(page) { add(page, .publishes, "publishDate", publish) }
            if let expiry = page.expiryDate { add(page, .expires, "expiryDate", expiry) }
            if let event = event(page) {
                let field = model.section(page.section).field(role: event.end != nil ? .end : .start)?.name
                add(page, .ends, field, SiteDate(epochSeconds: event.endsAt))
            }
        }
        return changes.sorted { ($0.at, $0.file) < ($1.at, $1.file) }
    }
}
