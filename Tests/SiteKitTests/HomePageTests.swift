import Foundation
import Testing

@testable import SiteKit

/// The home page's map of the members and dates known only to the month.
@Suite struct HomePageTests {
    /// Two prefectures as squares, and the basic fixture's members placed in them.
    static func mapSite() throws -> FixtureSite {
        let site = try EventTests.eventSite()
        try site.write(
            "Content/data/outlines.json",
            #"""
            {"prefectures": [
              {"code": 13, "name": "東京都", "outline": [[139.0, 35.5], [140.0, 35.5], [140.0, 36.0], [139.0, 36.0]]},
              {"code": 26, "name": "京都府", "outline": [[135.0, 34.8], [136.0, 34.8], [136.0, 35.6], [135.0, 35.6]]}
            ]}
            """#)
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "      head: {type: mapping}\n",
                with: "      head: {type: mapping}\n      location: {type: list, role: location}\n")
                + "map:\n  outlines: data/outlines.json\n  section: members\n"
        }
        for (slug, place) in [("kyoto", "[35.0116, 135.7681]"), ("adachi", "[35.7750, 139.8045]")] {
            for lang in ["ja", "en"] {
                try site.replace("Content/members/\(slug).\(lang).md") { "---\nlocation: \(place)\n" + $0.dropFirst(4) }
            }
        }
        return site
    }

    @Test func theMapMarksEachPlacedMemberWithALinkAndListsThemAll() throws {
        let site = try Self.mapSite()
        defer { site.cleanUp() }
        try EventTests.build(site, now: "2025-01-10")
        let home = try site.read("ja/index.html")
        let map = try #require(home.range(of: "<div class=\"map\"")).lowerBound
        let end = try #require(home.range(of: "</section>", range: map..<home.endIndex)).lowerBound
        let section = String(home[map..<end])
        // One marker per member with a location, a link named by the member.
        #expect(section.components(separatedBy: "<circle ").count - 1 == 2)
        #expect(section.contains(#"<a href="/site/ja/members/kyoto/" aria-label="京都市">"#))
        // The text alternative: the same members as a list of links.
        #expect(section.contains(#"<ul class="map-list">"#) && section.contains("足立区"))
        let svg = try site.read("assets/japan-map.svg")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 "))
        #expect(svg.components(separatedBy: "<path ").count - 1 == 2)
        // Every marker lies inside the view box.
        let box = try #require(svg.split(separator: "\"").dropFirst(3).first).split(separator: " ").compactMap {
            Double($0)
        }
        for match in section.matches(of: /cx="([0-9.]+)" cy="([0-9.]+)"/) {
            let (x, y) = (Double(match.1)!, Double(match.2)!)
            #expect(x >= 0 && x <= box[2] && y >= 0 && y <= box[3], "\(x), \(y)")
        }
        // Moving a member moves its marker: the home page follows, incrementally too.
        try site.replace("Content/members/kyoto.ja.md") { $0.replacingOccurrences(of: "135.7681", with: "135.2") }
        try EventTests.build(site, now: "2025-01-10")
        let clean = site.root.appendingPathComponent("Clean")
        try EventTests.build(site, now: "2025-01-10", cache: false, output: clean)
        #expect(try site.snapshot() == site.snapshot(clean))
        #expect(try site.read("ja/index.html") != home)
    }

    @Test func unreadableOutlinesAndBadLocationsAreErrors() throws {
        let site = try Self.mapSite()
        defer { site.cleanUp() }
        try site.replace("Content/members/kyoto.en.md") {
            $0.replacingOccurrences(of: "location: [35.0116, 135.7681]", with: "location: [135.7681, 235.0116]")
        }
        #expect(
            site.buildErrors().map(\.description).contains(
                "Content/members/kyoto.en.md:2:1: error: `location` must be [latitude, longitude] in degrees, like [35.4437, 139.638]"
            ))
        try site.replace("Content/members/kyoto.en.md") {
            $0.replacingOccurrences(of: "location: [135.7681, 235.0116]", with: "location: [35.0116, 135.7681]")
        }
        try site.write("Content/data/outlines.json", "{\"prefectures\": [{\"code\": 1}]}")
        let errors = site.buildErrors().map(\.description)
        #expect(errors.contains { $0.hasPrefix("Content/data/outlines.json:1:1: error: not the outlines of a map") })
        try site.remove("Content/data/outlines.json")
        #expect(
            site.buildErrors().map(\.description).contains {
                $0.hasPrefix("Content/site.yaml:1:1: error: `map.outlines` names Content/data/outlines.json")
            })
    }

    @Test func aDateKnownOnlyToTheMonthIsWrittenAsAMonth() throws {
        let month = try #require(SiteDate.parse("2020-12"))
        #expect(month.isMonthOnly && !month.hasTime && month.iso == "2020-12")
        #expect(DateText.long(month, japanese: true) == "2020年12月")
        #expect(DateText.long(month, japanese: false) == "December 2020")
        #expect(month.fiscalYear == 2020 && SiteDate.parse("2021-03")?.fiscalYear == 2020)
        #expect(SiteDate.parse("2020-13") == nil && SiteDate.parse("2020-1") == nil)
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/news/2020-12-month.ja.md", "---\ntitle: 月だけ\ndate: 2020-12\n---\n\n本文。\n")
        try site.build()
        #expect(
            try site.read("ja/news/2020-12-month/index.html").contains("<time datetime=\"2020-12\">2020年12月</time>"))
    }
}

/// The bundled site itself (Content/, Templates/, Public/), built at a fixed moment.
@Suite struct BundledSiteTests {
    @Test func theENewsArchiveHasItsPageFeedAndSignUpLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "iclei-site-bundled-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Content", "Templates", "Public"] {
            try FileManager.default.copyItem(
                at: EventTests.repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        var options = SiteBuilder.Options(source: root)
        options.cacheFolder = nil
        options.now = SiteBuilder.instant("2026-12-01T05:00+09:00")
        try SiteBuilder(options: options).build()
        func read(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent("Output/" + path), encoding: .utf8)
        }
        let archive = try read("ja/newsletter/index.html")
        #expect(archive.contains("<h1>イクレイ日本 e-News</h1>"))
        #expect(archive.contains("href=\"mailto:iclei-japan@iclei.org?subject="))
        #expect(archive.contains("href=\"/ja/newsletter/feed.xml\""))
        #expect(try read("en/newsletter/feed.xml").contains("<title>ICLEI Japan e-News – ICLEI Japan</title>"))
        for lang in ["ja", "en"] {
            let home = try read("\(lang)/index.html")
            #expect(home.contains("href=\"/\(lang)/newsletter/\""), "footer and home of \(lang)")
            #expect(home.components(separatedBy: "class=\"map-list\"").count == 2)
        }
        // Every session of the bundled site has passed by then: the calendar holds them all.
        let calendar = try read("ja/cafe/calendar.ics")
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count - 1 == 11)
        #expect(try read("ja/cafe/2025-01-cafe-4/index.html").contains("このイベントは終了しました。"))
    }
}
