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
        if japanese { return "\(date.year)年\(date.month)月\(date.day)日（\(japaneseWeekdays[date.weekday])）" }
        return "\(date.day) \(englishMonths[date.month - 1]) \(date.year)"
    }

    static func fiscalYear(_ year: Int, japanese: Bool) -> String {
        japanese ? "\(year)年度" : "FY\(year)"
    }
}
