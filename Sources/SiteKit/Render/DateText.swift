/// Dates and fiscal years written the way each language writes them.
///
/// Japanese: 2025年1月15日（水）. English: 15 January 2025 (day-month-year, as ICLEI's
/// international publications write dates; no comma to get wrong).
enum DateText {
    static let japaneseWeekdays = ["日", "月", "火", "水", "木", "金", "土"]
    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    static func long(_ date: SiteDate, japanese: Bool) -> String {
        if date.isMonthOnly {
            return japanese ? "\(date.year)年\(date.month)月" : "\(englishMonths[date.month - 1]) \(date.year)"
        }
        if japanese { return "\(date.year)年\(date.month)月\(date.day)日（\(japaneseWeekdays[date.weekday])）" }
        return "\(date.day) \(englishMonths[date.month - 1]) \(date.year)"
    }

    static func fiscalYear(_ year: Int, japanese: Bool) -> String {
        japanese ? "\(year)年度" : "FY\(year)"
    }

    /// When an event takes place: 2025年1月15日（水）15:00–16:30 / 15 January 2025, 15:00–16:30 JST.
    /// A second day is written in full only as far as it differs: 1月15日（水）～17日（金）.
    static func event(_ event: Schedule.EventTime, japanese: Bool) -> String {
        let start = event.start
        var text = long(start, japanese: japanese)
        guard let end = event.end else { return text + (start.hasTime ? time(start, japanese: japanese) : "") }
        let sameDay = (start.year, start.month, start.day) == (end.year, end.month, end.day)
        if sameDay {
            guard start.hasTime else { return text }
            return text
                + (japanese ? "\(start.clockTime)–\(end.clockTime)" : ", \(start.clockTime)–\(end.clockTime) JST")
        }
        if japanese {
            let endDay =
                start.year != end.year
                ? long(end, japanese: true)
                : start.month != end.month
                    ? "\(end.month)月\(end.day)日（\(japaneseWeekdays[end.weekday])）"
                    : "\(end.day)日（\(japaneseWeekdays[end.weekday])）"
            if start.hasTime { text += start.clockTime }
            return text + "～" + endDay + (end.hasTime ? end.clockTime : "")
        }
        if !start.hasTime && !end.hasTime {
            if start.year == end.year && start.month == end.month {
                return "\(start.day)–\(end.day) \(englishMonths[end.month - 1]) \(end.year)"
            }
            return text + " – " + long(end, japanese: false)
        }
        return text + (start.hasTime ? ", \(start.clockTime)" : "") + " – " + long(end, japanese: false)
            + (end.hasTime ? ", \(end.clockTime)" : "") + " JST"
    }

    private static func time(_ date: SiteDate, japanese: Bool) -> String {
        japanese ? date.clockTime : ", \(date.clockTime) JST"
    }
}
