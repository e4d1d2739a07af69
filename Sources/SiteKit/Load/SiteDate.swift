/// A page date as the editor wrote it, interpreted in Japan time (Asia/Tokyo, UTC+9, no DST).
///
/// Dates are computed by arithmetic rather than DateFormatter: no locale or time zone of the
/// machine can leak in, and nothing costly is created per page.
struct SiteDate: Sendable, Hashable, Comparable {
    var year: Int
    var month: Int
    var day: Int
    /// Seconds since midnight, Tokyo time.
    var secondOfDay: Int
    /// The value as written, kept for `<time datetime>` when it had a time.
    var original: String

    static let tokyoOffsetSeconds = 9 * 3600

    static func < (a: SiteDate, b: SiteDate) -> Bool {
        (a.year, a.month, a.day, a.secondOfDay) < (b.year, b.month, b.day, b.secondOfDay)
    }

    /// Accepts `YYYY-MM`, `YYYY-MM-DD` and ISO 8601 date-times (`2025-01-15T10:00:00+09:00`, `…Z`).
    static func parse(_ text: String) -> SiteDate? {
        let s = Array(text.trimmingSpaces.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= s.count else { return nil }
            var n = 0
            for i in range {
                guard (48...57).contains(s[i]) else { return nil }
                n = n * 10 + Int(s[i] - 48)
            }
            return n
        }
        // `2020-12`: a month, for what the sources date no closer (shown as 2020年12月).
        if s.count == 7, s[4] == UInt8(ascii: "-"), let y = number(0..<4), let m = number(5..<7), (1...12).contains(m) {
            return SiteDate(year: y, month: m, day: 1, secondOfDay: 0, original: String(decoding: s, as: UTF8.self))
        }
        guard s.count >= 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
            let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
            (1...12).contains(m), d >= 1, d <= daysInMonth(y, m)
        else { return nil }
        if s.count == 10 {
            return SiteDate(year: y, month: m, day: d, secondOfDay: 0, original: String(decoding: s, as: UTF8.self))
        }
        guard s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " "),
            let hh = number(11..<13), s.count >= 16, s[13] == UInt8(ascii: ":"), let mm = number(14..<16),
            hh < 24, mm < 60
        else { return nil }
        var i = 16
        var ss = 0
        if i < s.count, s[i] == UInt8(ascii: ":") {
            guard let sec = number(17..<19), sec < 61 else { return nil }
            ss = sec
            i = 19
            if i < s.count, s[i] == UInt8(ascii: ".") {
                i += 1
                while i < s.count, (48...57).contains(s[i]) { i += 1 }
            }
        }
        var offset = tokyoOffsetSeconds
        if i < s.count {
            if s[i] == UInt8(ascii: "Z") && i + 1 == s.count {
                offset = 0
            } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                guard let oh = number(i + 1..<i + 3) else { return nil }
                var j = i + 3
                if j < s.count, s[j] == UInt8(ascii: ":") { j += 1 }
                // Real offsets run from −12:00 to +14:00.
                guard let om = number(j..<j + 2), j + 2 == s.count, oh <= 14, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        let utc = daysFromCivil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss - offset
        let tokyo = civil(utc + tokyoOffsetSeconds)
        return SiteDate(
            year: tokyo.year, month: tokyo.month, day: tokyo.day, secondOfDay: tokyo.second,
            original: String(decoding: s, as: UTF8.self))
    }

    /// Whether the value was written with a time of day (an event at 15:00, not all day).
    var hasTime: Bool { original.utf8.count > 10 }

    /// Written as a month only (`2020-12`): the day is not known.
    var isMonthOnly: Bool { original.utf8.count == 7 }

    /// Seconds since 1970-01-01T00:00Z: the instant, for comparing with the build's clock.
    var epochSeconds: Int {
        SiteDate.daysFromCivil(year, month, day) * 86400 + secondOfDay - SiteDate.tokyoOffsetSeconds
    }

    /// `HH:MM`, Tokyo time.
    var clockTime: String { "\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60))" }

    /// ISO form for `<time datetime>` and feeds: the date, or the date-time in +09:00.
    var iso: String {
        let date = "\(pad(year, 4))-\(pad(month))-\(pad(day))"
        if isMonthOnly { return String(date.prefix(7)) }
        return hasTime ? rfc3339 : date
    }

    /// RFC 3339 date-time, as Atom and sitemaps want.
    var rfc3339: String {
        "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))+09:00"
    }

    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int {
        let days = SiteDate.daysFromCivil(year, month, day)
        return ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
    }

    /// The Japanese fiscal year (年度), April to March: 2021-01-28 is in 2020年度.
    var fiscalYear: Int { month >= 4 ? year : year - 1 }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The day and the second of the day of a count of seconds since 1970-01-01T00:00 (UTC,
    /// or Tokyo time when the offset has been added).
    static func civil(_ seconds: Int) -> (year: Int, month: Int, day: Int, second: Int) {
        let days = Int((Double(seconds) / 86400).rounded(.down))
        let (y, m, d) = civilFromDays(days)
        return (y, m, d, seconds - days * 86400)
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension SiteDate {
    /// The Tokyo date-time of an instant, written with its +09:00 offset.
    init(epochSeconds: Int) {
        let (y, m, d, second) = SiteDate.civil(epochSeconds + SiteDate.tokyoOffsetSeconds)
        let written = SiteDate(year: y, month: m, day: d, secondOfDay: second, original: "").rfc3339
        self.init(year: y, month: m, day: d, secondOfDay: second, original: written)
    }
}

func pad(_ n: Int, _ width: Int = 2) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
