import Foundation
import Testing

@testable import SiteKit

/// What the browser editors write, the build reads. `Fixtures/cms-written/` holds files as
/// Sveltia CMS and Decap CMS save them, put over the basic site: both write front matter with
/// the `yaml` package (eemeli/yaml: block lists, single quotes only where needed, a long
/// plain string folded over lines at 80 columns, `null`, `''` and `[]` for fields left empty,
/// every field of the form written), datetimes as ISO strings with milliseconds and `Z`
/// (Decap's `toISOString`) or an offset (Sveltia), and Markdown escaped where a character
/// would otherwise mean something (`\*`, `\_`, `\#`, `\[`), with hard breaks as `<br>` or a
/// backslash, and tables with or without their outer pipes.
@Suite struct CMSWrittenContentTests {
    static let files = [
        "Content/news/2025-01-15-sveltia-item.ja.md", "Content/news/2025-01-15-sveltia-item.en.md",
        "Content/news/_index.en.md", "Content/cafe/2025-02-cafe-9.ja.md", "Content/cafe/2025-02-cafe-9.en.md",
        "Content/members/tsukuba.ja.md", "Content/members/tsukuba.en.md",
    ]

    static func site() throws -> FixtureSite {
        let site = try FixtureSite()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/cms-written")
        for file in files {
            try site.write(file, try String(contentsOf: fixture.appendingPathComponent(file), encoding: .utf8))
        }
        return site
    }

    @Test func theStrictCheckFindsNothingInThem() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let diagnostics = SiteBuilder(options: .init(source: site.root, output: site.output)).check()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        // `check --strict` fails on warnings too: none is about these files.
        #expect(diagnostics.filter { Self.files.contains($0.file) } == [])
    }

    @Test func emptyValuesAreNotSet() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.build()
        // `slug: ''` and `slug:` leave the file's name as the URL; `expiryDate: ''` and `null`
        // expire nothing; `summary: ''` leaves the first paragraph as the summary.
        #expect(site.exists("ja/news/2025-01-15-sveltia-item/index.html"))
        #expect(site.exists("en/news/2025-01-15-sveltia-item/index.html"))
        #expect(site.exists("ja/members/tsukuba/index.html"))
        let list = try site.read("ja/news/index.html")
        #expect(list.contains("強調ではありません"), "the first paragraph is the summary in the list")
    }

    @Test func datesWithMillisecondsAndOffsetsAreTheSameMoment() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.build()
        // 06:00Z (Decap) and 15:00+09:00 (Sveltia) are 15:00 in Japan on 15 February.
        for lang in ["ja", "en"] {
            let page = try site.read("\(lang)/cafe/2025-02-cafe-9/index.html")
            #expect(page.contains("\"startDate\":\"2025-02-15T15:00:00+09:00\""), "\(lang)")
            let calendar = try site.read("\(lang)/cafe/2025-02-cafe-9/event.ics")
            #expect(calendar.contains("DTSTART;TZID=Asia/Tokyo:20250215T150000\r\n"), "\(lang)")
        }
        #expect(try site.read("en/cafe/2025-02-cafe-9/event.ics").contains("DTEND;TZID=Asia/Tokyo:20250215T163000\r\n"))
    }

    @Test func escapedMarkdownBreaksAndTablesRenderAsMeant() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.build()
        let ja = try site.read("ja/news/2025-01-15-sveltia-item/index.html")
        #expect(ja.contains("<p>*強調ではありません*。_下線_でもなく、# 見出しでもありません。</p>"))
        #expect(ja.contains("<p>一行目<br />\n二行目<br />\n三行目</p>"))
        #expect(ja.contains("<td>横浜市</td>"))
        let en = try site.read("en/news/2025-01-15-sveltia-item/index.html")
        #expect(en.contains("<p>First line<br />\nsecond line, after a hard break.</p>"))
        #expect(en.contains("<p>A literal *star*, an _underscore_ and a [bracket].</p>"))
        #expect(en.contains("<td>Yokohama</td>"))
        // The summary folded over two lines reads as one line.
        #expect(
            en.contains(
                "A summary long enough for the YAML writer to fold it over two lines, as the editors’ writer does past eighty columns."
            ) || en.contains("as the editors&#39; writer does past eighty columns."), "\(en)")
        #expect(try site.read("en/news/index.html").contains("What ICLEI Japan has been doing."))
    }

    @Test func aRawTagOtherThanALineBreakStaysOut() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.append("Content/news/2025-01-15-sveltia-item.ja.md", "\n危険<br onclick=\"x()\">な<script>タグ</script>\n")
        try site.build()
        let ja = try site.read("ja/news/2025-01-15-sveltia-item/index.html")
        #expect(ja.contains("<p>危険なタグ</p>"), "\(ja)")
    }

    @Test func anUpcomingSessionWithoutItsOptionalFieldsPassesTheStrictCheck() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        // A template that shows the registration link and the venue of the events that have them.
        try site.replace("Templates/cafe/single.mustache") {
            $0.replacingOccurrences(
                of: "{{{content}}}",
                with:
                    "{{#page.event.registration}}<a href=\"{{page.event.registration}}\">→</a>{{/page.event.registration}}"
                    + "<p>{{page.event.venue}} {{#page.event.venu}}x{{/page.event.venu}}</p>"
                    + "{{{content}}}")
        }
        try site.write(
            "Content/cafe/2099-05-cafe.ja.md",
            "---\ntitle: 未来のカフェ\nstart: 2099-05-10T15:00:00.000+09:00\nend: ''\nvenue: ''\npresenters: []\n---\n")
        let warnings = SiteBuilder(options: .init(source: site.root)).check()
            .filter { $0.message.contains("never defined") }.map(\.message)
        // No event has a registration link or a venue yet: no typo; a misspelt name still is one.
        #expect(
            warnings.count == 1 && warnings.first?.hasPrefix("`page.event.venu` is never defined") == true,
            "\(warnings)")
    }

    @Test func aRequiredFieldLeftEmptyIsMissingAtItsLine() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.replace("Content/members/tsukuba.ja.md") {
            $0.replacingOccurrences(of: "reading: つくばし", with: "reading: ''")
        }
        let errors = site.buildErrors()
        #expect(!errors.isEmpty)
        #expect(
            errors.allSatisfy {
                $0.file == "Content/members/tsukuba.ja.md" && $0.line == 3 && $0.message.hasPrefix("missing `reading`")
            }, "\(errors)")
    }
}
