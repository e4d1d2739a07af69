import Foundation
import Testing

@testable import SiteKit

/// The site is ICLEI Japan's public record: every row of the event tables in its activity reports
/// (FY2018 and FY2020) is kept as data in `Content/data/report-events.yaml`, and these tests check
/// that each row is on the real site in both languages, at its date and linked to its members.
@Suite struct RecordTests {
    /// One row of a report's table, as the data file gives it.
    struct Row: CustomStringConvertible {
        let report: String
        let table: String
        let start: String?
        let event: [String: String]
        let members: [String]
        /// The content path (without language and extension) of the page that carries the row.
        let page: String
        /// True when `page` is a news item of its own, false when it is a line on another page.
        let isItem: Bool

        var description: String { "\(report) \(table) \(start ?? "undated") \(event["ja"] ?? "?")" }
    }

    static let languages = ["ja", "en"]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    /// How many rows each table of the reports has (seed 000 and seed 001).
    static let tableSizes = [
        "international": 14, "domestic": 6, "cop24": 4, "participation": 24, "other": 14, "lectures": 12,
    ]

    static var content: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content")
    }

    static func rows() throws -> [Row] {
        let file = content.appendingPathComponent("data/report-events.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let mapping = try YAMLReader.readMappingWithYams(text, file: file.path).get()
        return try (mapping.values["rows"]?.items ?? []).map { value in
            let event = try #require(value["event"])
            let item = value["item"]?.text
            return Row(
                report: value["report"]?.text ?? "", table: value["table"]?.text ?? "", start: value["start"]?.text,
                event: ["ja": event["ja"]?.text ?? "", "en": event["en"]?.text ?? ""],
                members: value["members"]?.items.compactMap(\.text) ?? [], page: item ?? value["line"]?.text ?? "",
                isItem: item != nil)
        }
    }

    static func text(_ page: String, _ lang: String) throws -> String {
        try String(contentsOf: content.appendingPathComponent("\(page).\(lang).md"), encoding: .utf8)
    }

    /// A page's front matter, read as the site reads it.
    static func frontMatter(_ text: String) throws -> YAMLMapping {
        let parts = text.components(separatedBy: "---\n")
        try #require(parts.count >= 3 && parts[0].isEmpty, "no front matter")
        return try YAMLReader.readMapping(parts[1], file: "front matter").get()
    }

    /// The ways a page writes the day `date` (YYYY-MM-DD): 「7月6日」 in Japanese; in English the
    /// month's name and the day as a number of its own ("6–8 July", "On 6 July").
    static func mentions(_ text: String, date: String, lang: String) -> Bool {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return false }
        if lang == "ja" { return text.contains("\(parts[1])月\(parts[2])日") }
        let words = text.split(whereSeparator: { !$0.isNumber && !$0.isLetter }).map(String.init)
        return words.contains(months[parts[1] - 1]) && words.contains(String(parts[2]))
    }

    @Test func theDataHasEveryRowOfTheReportsTables() throws {
        let rows = try Self.rows()
        var counts: [String: Int] = [:]
        for row in rows { counts[row.table, default: 0] += 1 }
        #expect(counts == Self.tableSizes)
        for row in rows {
            #expect(["FY2018", "FY2020"].contains(row.report), "\(row)")
            #expect(!row.page.isEmpty, "\(row) names no page")
            for lang in Self.languages { #expect(!(row.event[lang] ?? "").isEmpty, "\(row) has no \(lang) name") }
            if let start = row.start {
                #expect(SiteDate.parse(start) != nil, "\(row): \(start) is not a date")
            }
        }
    }

    @Test func everyRowIsOnTheSiteInBothLanguages() throws {
        let rows = try Self.rows()
        #expect(!rows.isEmpty)
        for row in rows {
            for lang in Self.languages {
                let text = try Self.text(row.page, lang)
                let name = row.event[lang] ?? ""
                #expect(text.contains(name), "\(row.page).\(lang).md does not name \(name)")
                guard row.isItem else { continue }
                let front = try Self.frontMatter(text)
                let members = front.values["members"]?.items.compactMap(\.text) ?? []
                for member in row.members {
                    #expect(members.contains(member), "\(row.page).\(lang).md is not linked to \(member)")
                }
                if let start = row.start {
                    #expect(front.values["date"]?.text == start, "\(row.page).\(lang).md is not dated \(start)")
                    #expect(
                        Self.mentions(text, date: start, lang: lang), "\(row.page).\(lang).md does not say \(start)")
                }
            }
        }
    }

    @Test func theReportsPageListsEveryRowInBothLanguages() throws {
        let rows = try Self.rows()
        for lang in Self.languages {
            let lines = try Self.text("reports", lang).split(separator: "\n").filter { $0.hasPrefix("|") }
            for row in rows {
                let name = row.event[lang] ?? ""
                // A row whose line is the reports page itself has no link to give.
                let link = row.page == "reports" ? "" : "(@/\(row.page).md)"
                #expect(
                    lines.contains { $0.contains(name) && (link.isEmpty || $0.contains(link)) },
                    "reports.\(lang).md has no table row naming \(name) with a link to \(row.page)")
            }
        }
    }
}
