import Foundation

/// A WordPress date, `YYYY-MM-DD HH:MM:SS`, parsed into numbers. File names and front matter
/// are formatted from these numbers only: an export's date text never reaches a path (a
/// "date" of `../../x` once named a file above the site).
struct WPDate: Equatable {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    /// Nil for anything but a real date and time; WordPress writes `0000-00-00 00:00:00` for
    /// drafts that were never dated.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[from..<from + count] {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), year >= 1, (1...12).contains(month),
            (1...Self.days(year, month)).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (
            year, month, day, hour, minute, second
        )
    }

    static func days(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The same moment `hours` later (0...23), carried into the day, month and year.
    func adding(hours: Int) -> WPDate {
        var date = self
        date.hour += hours
        if date.hour >= 24 {
            date.hour -= 24
            date.day += 1
            if date.day > Self.days(date.year, date.month) {
                date.day = 1
                date.month += 1
                if date.month > 12 {
                    date.month = 1
                    date.year += 1
                }
            }
        }
        return date
    }

    /// `2025-01-15`
    var day10: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// `2025-01-15T15:00`, a local time without offset (SiteKit reads it as Japan time).
    var minuteText: String { day10 + String(format: "T%02d:%02d", hour, minute) }

    /// The item's moment in Japan time: the GMT date plus nine hours, else the site's own
    /// local date (exports of sites set to Japan time, and scheduled posts, have only that).
    static func japan(_ item: WXRItem) -> WPDate? {
        if let gmt = WPDate(item.dateGMT) { return gmt.adding(hours: 9) }
        return WPDate(item.date)
    }
}
