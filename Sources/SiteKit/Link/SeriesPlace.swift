/// The sessions of an events section (the cafe) as a series in each language: each session's
/// previous and next by start (at the same start, by file), for the links between them and
/// `rel=prev/next`. Drafts and pages not yet published are not in the site, so not in the series.
struct SeriesPlace: Sendable, Equatable {
    var previous: PageID?
    var next: PageID?

    static func collect(_ pages: [Page], schedule: Schedule) -> [PageID: SeriesPlace] {
        var series: [LanguageKey: [(start: Int, id: PageID)]] = [:]
        for i in pages.pageIDs where pages[i].kind == .single && schedule.model.section(pages[i].section).isEvents {
            // A session's date is its start's; one written without `start` is placed by its date.
            guard let start = schedule.event(pages[i])?.start ?? pages[i].date else { continue }
            series[LanguageKey(lang: pages[i].lang, name: pages[i].section), default: []].append(
                (start.epochSeconds, i))
        }
        var places: [PageID: SeriesPlace] = [:]
        for sessions in series.values {
            // Page indices follow source paths: they break ties between equal starts.
            let ordered = sessions.sorted { ($0.start, $0.id) < ($1.start, $1.id) }.map(\.id)
            for (n, i) in ordered.enumerated() {
                places[i] = SeriesPlace(
                    previous: n > 0 ? ordered[n - 1] : nil, next: n + 1 < ordered.count ? ordered[n + 1] : nil)
            }
        }
        return places
    }
}
