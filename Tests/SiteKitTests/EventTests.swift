import Foundation
import Testing

@testable import SiteKit

/// Events in time: the build's moment (`now`), upcoming and past events, scheduled
/// publishing, and the calendars (RFC 5545).
@Suite struct EventTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The basic fixture with events in the cafe, built with the project's own templates.
    static func eventSite() throws -> FixtureSite {
        let site = try FixtureSite()
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "      venue: {type: text, role: venue}\n",
                with: """
                          venue: {type: text, role: venue}
                          online: {type: bool, role: online}
                          registration: {type: url, role: registration}

                    """)
        }
        try site.write(
            "Content/cafe/2025-01-cafe-a.ja.md",
            "---\ntitle: 冬のカフェ; 脱炭素, 再エネ\nstart: 2025-01-15T15:00\nend: 2025-01-15T16:30\nonline: true\n"
                + "registration: https://example.org/register\npresenters: [kyoto]\n---\n\nオンラインで開きます。\n")
        try site.write(
            "Content/cafe/2025-01-cafe-a.en.md",
            "---\ntitle: Winter Cafe\nstart: 2025-01-15T15:00+09:00\nend: 2025-01-15T16:30+09:00\nonline: true\n---\n\nOnline.\n"
        )
        try site.write(
            "Content/cafe/2025-02-cafe-b.ja.md",
            "---\ntitle: 会場のカフェ\nstart: 2025-02-20\nvenue: 横浜市役所\n---\n\n会場で開きます。\n")
        return site
    }

    static func options(_ site: FixtureSite, now: String, output: URL? = nil) -> SiteBuilder.Options {
        var options = SiteBuilder.Options(
            source: site.root, output: output ?? site.output,
            templates: repository.appendingPathComponent("Templates"))
        options.now = SiteBuilder.instant(now)
        return options
    }

    @discardableResult
    static func build(_ site: FixtureSite, now: String, cache: Bool = true, output: URL? = nil) throws
        -> SiteBuilder.Report
    {
        var options = options(site, now: now, output: output)
        if !cache { options.cacheFolder = nil }
        return try SiteBuilder(options: options).build()
    }

    /// The home page's section of events to come.
    static func upcomingOnHome(_ site: FixtureSite) throws -> String {
        let home = try site.read("ja/index.html")
        let start = try #require(home.range(of: "id=\"upcoming-events\""))
        let end = try #require(home.range(of: "</section>", range: start.upperBound..<home.endIndex))
        return String(home[start.upperBound..<end.lowerBound])
    }

    @Test func eventTimesAreWrittenAsEachLanguageWritesThem() throws {
        func event(_ start: String, _ end: String? = nil) -> Schedule.EventTime {
            Schedule.EventTime(start: SiteDate.parse(start)!, end: end.flatMap(SiteDate.parse))
        }
        let timed = event("2025-01-15T15:00", "2025-01-15T16:30")
        #expect(DateText.event(timed, japanese: true) == "2025年1月15日（水）15:00–16:30")
        #expect(DateText.event(timed, japanese: false) == "15 January 2025, 15:00–16:30 JST")
        #expect(DateText.event(event("2025-01-15"), japanese: true) == "2025年1月15日（水）")
        #expect(DateText.event(event("2025-01-15", "2025-01-17"), japanese: true) == "2025年1月15日（水）～17日（金）")
        #expect(DateText.event(event("2025-01-15", "2025-01-17"), japanese: false) == "15–17 January 2025")
        // An event written in UTC is shown in Japan time.
        #expect(DateText.event(event("2025-01-15T06:00:00Z"), japanese: false) == "15 January 2025, 15:00 JST")
    }

    @Test func midnightInTokyoAndTheFiscalYearBoundary() throws {
        // 15:00 UTC on 31 March is midnight on 1 April in Tokyo: the next 年度.
        let utc = try #require(SiteDate.parse("2025-03-31T15:00:00Z"))
        #expect((utc.year, utc.month, utc.day, utc.secondOfDay) == (2025, 4, 1, 0))
        #expect(utc.fiscalYear == 2025)
        #expect(SiteDate.parse("2025-03-31T23:59+09:00")?.fiscalYear == 2024)
        let late = Schedule.EventTime(
            start: SiteDate.parse("2025-03-31T23:30")!, end: SiteDate.parse("2025-04-01T00:30")!)
        #expect(DateText.event(late, japanese: true) == "2025年3月31日（月）23:30～4月1日（火）00:30")
        let page = Page(
            kind: .single, sourcePath: "Content/cafe/x.ja.md", lang: "ja", section: "cafe", fileSlug: "x",
            frontMatter: YAMLMapping(values: ["start": .string("2025-03-31T23:30"), "end": .string("2025-04-01T00:30")]
            ),
            body: "", bodyFirstLine: 1, title: "x", date: late.start, draft: false, slug: "x", translationKey: "cafe/x")
        var model = ContentModel()
        model.sections["cafe"] = .init(
            name: "cafe", kind: .sessions, settings: SectionSettings(), feed: true,
            fields: [
                .init(name: "start", type: .datetime, role: .start), .init(name: "end", type: .datetime, role: .end),
            ])
        func upcoming(at now: String) -> Bool {
            Schedule(now: SiteBuilder.instant(now)!, model: model).isUpcoming(page)
        }
        #expect(upcoming(at: "2025-03-31T23:59+09:00"))
        #expect(upcoming(at: "2025-04-01T00:29+09:00"))
        #expect(!upcoming(at: "2025-04-01T00:30+09:00"))
        #expect(!upcoming(at: "2025-03-31T15:31:00Z"))
    }

    @Test func upcomingThenPastAtTwoMomentsAndTheIncrementalBuildFollowsTime() throws {
        let site = try Self.eventSite()
        defer { site.cleanUp() }
        let clean = site.root.appendingPathComponent("Clean")
        var memory = PreviousBuild()
        let memoryOutput = site.root.appendingPathComponent("Memory")
        func memoryBuild(_ now: String) throws {
            var options = Self.options(site, now: now, output: memoryOutput)
            options.cacheFolder = nil
            try SiteBuilder(options: options).build(previous: &memory)
        }

        // 10 January: both sessions are to come, the sooner first, in a group of their own.
        try Self.build(site, now: "2025-01-10T09:00+09:00")
        try memoryBuild("2025-01-10T09:00+09:00")
        var list = try site.read("ja/cafe/index.html")
        let a = try #require(list.range(of: "冬のカフェ")).lowerBound
        let b = try #require(list.range(of: "会場のカフェ")).lowerBound
        let past = try #require(list.range(of: "第5回イクレイカフェ")).lowerBound
        #expect(a < b && b < past)
        #expect(list.contains("<h2>開催予定</h2>"))
        var page = try site.read("ja/cafe/2025-01-cafe-a/index.html")
        #expect(page.contains("2025年1月15日（水）15:00–16:30"))
        #expect(page.contains("カレンダーに追加") && page.contains("https://example.org/register"))
        #expect(page.contains("calendar.google.com/calendar/render?action=TEMPLATE"))
        #expect(page.contains("dates=20250115T150000%2F20250115T163000"))
        #expect(!page.contains("このイベントは終了しました"))
        #expect(try Self.upcomingOnHome(site).contains("冬のカフェ"))
        let kyoto = try site.read("ja/members/kyoto/index.html")
        #expect(try #require(kyoto.range(of: "冬のカフェ")).lowerBound < #require(kyoto.range(of: "第5回")).lowerBound)

        // 20 January: the first is over, the second still to come.
        try Self.build(site, now: "2025-01-20T09:00+09:00")
        try memoryBuild("2025-01-20T09:00+09:00")
        try Self.build(site, now: "2025-01-20T09:00+09:00", cache: false, output: clean)
        #expect(try site.snapshot() == site.snapshot(clean), "on-disk cache after time passed")
        #expect(try site.snapshot(memoryOutput) == site.snapshot(clean), "in-memory cache after time passed")
        page = try site.read("ja/cafe/2025-01-cafe-a/index.html")
        #expect(page.contains("このイベントは終了しました") && !page.contains("カレンダーに追加"))
        list = try site.read("ja/cafe/index.html")
        #expect(try #require(list.range(of: "会場のカフェ")).lowerBound < #require(list.range(of: "冬のカフェ")).lowerBound)
        #expect(!(try Self.upcomingOnHome(site)).contains("冬のカフェ"))
        #expect(try Self.upcomingOnHome(site).contains("会場のカフェ"))

        // An edit at the same moment is still an ordinary incremental build.
        try site.append("Content/cafe/2025-02-cafe-b.ja.md", "\n追記。\n")
        let report = try Self.build(site, now: "2025-01-20T09:00+09:00")
        #expect(report.incremental != nil)
        try Self.build(site, now: "2025-01-20T09:00+09:00", cache: false, output: clean)
        #expect(try site.snapshot() == site.snapshot(clean), "after an edit")

        // March: everything is past; the home page says so.
        try Self.build(site, now: "2025-03-01")
        try Self.build(site, now: "2025-03-01", cache: false, output: clean)
        #expect(try site.snapshot() == site.snapshot(clean), "after the last event")
        #expect(try site.read("ja/index.html").contains("現在、開催予定のイベントはありません"))
        #expect(!(try site.read("ja/cafe/index.html")).contains("<h2>開催予定</h2>"))
    }

    @Test func scheduledPagesAppearAndExpireWithTheClock() throws {
        let site = try Self.eventSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/news/2025-01-12-later.ja.md",
            "---\ntitle: 予約投稿\ndate: 2025-01-12\npublishDate: 2025-01-12T09:00+09:00\n---\n\n本文。\n")
        try site.write(
            "Content/news/2025-01-01-short.ja.md",
            "---\ntitle: 期限つき\ndate: 2025-01-01\nexpiryDate: 2025-01-11\n---\n\n本文。\n")
        let clean = site.root.appendingPathComponent("Clean")
        func check(_ now: String, future: Bool = false, expired: Bool = false, later: Bool, short: Bool) throws {
            var options = Self.options(site, now: now)
            options.includeFuture = future
            options.includeExpired = expired
            try SiteBuilder(options: options).build()
            #expect(site.exists("ja/news/2025-01-12-later/index.html") == later, "\(now) future: \(future)")
            #expect(site.exists("ja/news/2025-01-01-short/index.html") == short, "\(now) expired: \(expired)")
            #expect(try site.read("ja/news/index.html").contains("予約投稿") == later)
            #expect(try site.read("sitemap.xml").contains("2025-01-12-later") == later)
            var cleanOptions = Self.options(site, now: now, output: clean)
            cleanOptions.includeFuture = future
            cleanOptions.includeExpired = expired
            cleanOptions.cacheFolder = nil
            try SiteBuilder(options: cleanOptions).build()
            #expect(try site.snapshot() == site.snapshot(clean), "\(now)")
        }
        try check("2025-01-10T09:00+09:00", later: false, short: true)
        try check("2025-01-10T09:00+09:00", future: true, later: true, short: true)
        try check("2025-01-12T08:59+09:00", later: false, short: false)
        try check("2025-01-12T09:00+09:00", later: true, short: false)
        try check("2025-01-12T09:00+09:00", expired: true, later: true, short: true)

        var options = Self.options(site, now: "2025-01-10T09:00+09:00")
        options.cacheFolder = nil
        let soon = SiteBuilder(options: options).scheduledChanges(days: 30)
        #expect(soon.contains("Content/news/2025-01-12-later.ja.md:4: publishes 2025-01-12T09:00:00+09:00, in 2 days"))
        #expect(soon.contains("Content/news/2025-01-01-short.ja.md:4: expires 2025-01-11, within a day"))
        #expect(soon.contains("Content/cafe/2025-01-cafe-a.ja.md:4: ends 2025-01-15T16:30:00+09:00, in 6 days"))
        #expect(!soon.contains("2025-02-cafe-b") && !soon.contains("2018-07-cafe-1"))
        #expect(SiteBuilder(options: options).scheduledChanges(days: 45).contains("2025-02-cafe-b.ja.md"))
        options.now = SiteBuilder.instant("2025-03-01")
        #expect(SiteBuilder(options: options).scheduledChanges(days: 30).isEmpty)
    }

    @Test func badScheduleValuesAreErrorsAtTheirPlace() throws {
        let site = try Self.eventSite()
        defer { site.cleanUp() }
        try site.write("Content/news/2025-01-12-a.ja.md", "---\ntitle: a\ndate: 2025-01-12\npublishDate: soon\n---\n")
        try site.write(
            "Content/news/2025-01-12-b.ja.md",
            "---\ntitle: b\ndate: 2025-01-12\npublishDate: 2025-02-01\nexpiryDate: 2025-01-01\n---\n")
        try site.replace("Content/cafe/2025-02-cafe-b.ja.md") {
            $0.replacingOccurrences(of: "2025-02-20", with: "2月20日")
        }
        try site.replace("Content/cafe/2025-01-cafe-a.en.md") {
            $0.replacingOccurrences(of: "end: 2025-01-15T16:30+09:00", with: "end: 2025-01-15T14:30+09:00")
        }
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains { $0.hasPrefix("Content/news/2025-01-12-a.ja.md:4:1: error: `publishDate` must be a date") }
        )
        #expect(
            errors.contains { $0.hasPrefix("Content/news/2025-01-12-b.ja.md:5:1: error: `expiryDate` must come after") }
        )
        #expect(
            errors.contains {
                $0.hasPrefix("Content/cafe/2025-02-cafe-b.ja.md:3:1: error: `start` must be a date and time")
            })
        #expect(
            errors.contains(
                "Content/cafe/2025-01-cafe-a.en.md:4:1: error: `end` comes before `start`: an event ends after it begins"
            ))
        #expect(SiteBuilder.instant("2025-01-10T09:00+09:00") == SiteBuilder.instant("2025-01-10T00:00:00Z"))
        #expect(SiteBuilder.instant("tomorrow") == nil)
    }

    @Test func calendarsFollowRFC5545() throws {
        let site = try Self.eventSite()
        defer { site.cleanUp() }
        try Self.build(site, now: "2025-01-10T09:00+09:00")
        let bytes = try Data(contentsOf: site.output.appendingPathComponent("ja/cafe/calendar.ics"))
        let first = [UInt8](bytes)
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for (k, byte) in first.enumerated() {
            if byte == 10 {
                #expect(k > 0 && first[k - 1] == 13, "a bare LF at \(k)")
                lines.append(current.dropLast())
                current = []
            } else {
                current.append(byte)
            }
        }
        #expect(current.isEmpty, "the file ends with CRLF")
        for line in lines {
            #expect(line.count <= 75, "\(String(decoding: line, as: UTF8.self))")
            #expect(String(validating: line, as: UTF8.self) != nil, "a folded line splits a character")
        }
        // Unfolded: a line break followed by one space continues the line.
        let text = String(decoding: first, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.contains("X-WR-CALNAME:"))
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"))
        #expect(text.contains("DTSTART;TZID=Asia/Tokyo:20250115T150000\r\nDTEND;TZID=Asia/Tokyo:20250115T163000\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20250220\r\nDTEND;VALUE=DATE:20250221\r\n"))
        #expect(text.contains("SUMMARY:冬のカフェ\\; 脱炭素\\, 再エネ\r\n"))
        #expect(text.contains("UID:ja/cafe/2025-01-cafe-a@example.org\r\n"))
        #expect(text.contains("LOCATION:横浜市役所\r\n") && text.contains("LOCATION:オンライン\r\n"))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)
        let single = try site.read("ja/cafe/2025-01-cafe-a/event.ics")
        #expect(single.components(separatedBy: "BEGIN:VEVENT").count - 1 == 1)
        // The clock is not in the file: a build at another moment writes the same bytes.
        try Self.build(site, now: "2025-06-01")
        #expect(try Data(contentsOf: site.output.appendingPathComponent("ja/cafe/calendar.ics")) == bytes)
    }

    @Test func eventsAreJSONLDEventsWithTheirTimes() throws {
        let site = try Self.eventSite()
        defer { site.cleanUp() }
        try Self.build(site, now: "2025-01-10T09:00+09:00")
        let page = try site.read("ja/cafe/2025-01-cafe-a/index.html")
        #expect(page.contains(#""startDate":"2025-01-15T15:00:00+09:00","endDate":"2025-01-15T16:30:00+09:00""#))
        #expect(page.contains("OnlineEventAttendanceMode"))
        let venue = try site.read("ja/cafe/2025-02-cafe-b/index.html")
        #expect(venue.contains(#""startDate":"2025-02-20""#) && venue.contains("OfflineEventAttendanceMode"))
    }
}
