import Foundation
import Testing

@testable import SiteKit

/// Sections, their kinds and their front matter come from site.yaml alone.
@Suite struct ContentModelTests {
    static let events = """
          events:
            kind: sessions
            fields:
              startDate: {type: date, required: true}
              speakers: {type: reference, section: members}
              mode: {type: choice, values: [online, hybrid]}
              capacity: {type: int}
              signup: {type: url}
              episode: {type: int, role: sequence}
              place: {type: text, role: venue}
              mode2: {type: choice, role: attendance, values: [online, onsite]}

        """

    func siteWithEvents() throws -> FixtureSite {
        let site = try FixtureSite()
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(of: "sections:\n", with: "sections:\n" + Self.events)
        }
        return site
    }

    @Test func aSectionDeclaredOnlyInYAMLValidatesScaffoldsAndRenders() throws {
        let site = try siteWithEvents()
        defer { site.cleanUp() }
        // 2021-02-20 in Tokyo.
        let created = try Scaffold(root: site.root, now: Date(timeIntervalSince1970: 1_613_790_000)).create(
            "events", slug: "forum")
        #expect(created == ["Content/events/forum.ja.md", "Content/events/forum.en.md"])
        let skeleton = try String(contentsOf: site.root.appendingPathComponent(created[0]), encoding: .utf8)
        #expect(
            skeleton.contains(
                "date: 2021-02-20\nstartDate: 2021-02-20\nspeakers: []\nmode: online\ncapacity: 0\n# signup: https://…\nepisode: 1\nplace: \"\"\nmode2: online\n"
            ),
            "\(skeleton)")
        // An optional URL is shown commented out: the skeleton builds as written.
        #expect(site.buildErrors().isEmpty, "\(site.buildErrors())")
        // A value of the wrong type is an error: the model's types are checked.
        try site.replace(created[0]) {
            $0.replacingOccurrences(of: "# signup: https://…", with: "signup: \"ftp://example.org/\"")
        }
        #expect(
            site.buildErrors().map(\.description) == [
                "Content/events/forum.ja.md:8:1: error: `signup` must be a URL, https://… or /… (https:, http:, mailto: or a path from the site root), not `ftp://example.org/`"
            ])
        try site.write(
            "Content/events/forum.ja.md",
            """
            ---
            title: 脱炭素フォーラム
            date: 2021-02-20
            startDate: 2021-03-01
            speakers: [yokohama]
            mode: hybrid
            capacity: 120
            signup: https://example.org/signup
            episode: 1
            place: 横浜市役所
            mode2: onsite
            ---

            フォーラムのご案内。
            """)
        try site.remove("Content/events/forum.en.md")
        try site.build()
        let page = try site.read("ja/events/forum/index.html")
        #expect(page.contains("フォーラムのご案内。"))
        #expect(page.contains("\"@type\":\"Event\""), "a sessions section gets Event JSON-LD")
        #expect(
            page.contains("\"location\":{\"@type\":\"Place\",\"name\":\"横浜市役所\"}"),
            "the `role: venue` field is the event's place, whatever its name")
        #expect(try site.read("ja/feed.xml").contains("脱炭素フォーラム"), "a dated kind is in the feed")
        #expect(site.exists("ja/events/index.html"))
    }

    @Test func missingRequiredFieldsWrongTypesAndUnknownKeysAreReported() throws {
        let site = try siteWithEvents()
        defer { site.cleanUp() }
        try site.write(
            "Content/events/bad.ja.md",
            """
            ---
            title: x
            date: 2021-02-20
            mode: hibrid
            capacity: many
            speakrs: [yokohama]
            ---
            """)
        let all = site.buildErrors().map(\.description)
        #expect(
            all.contains(
                "Content/events/bad.ja.md:1:1: error: missing `startDate`: pages in `events` need one (a date, YYYY-MM-DD)"
            ), "\(all)")
        #expect(
            all.contains(
                "Content/events/bad.ja.md:4:1: error: `mode` must be one of `online`, `hybrid`, not `hibrid`; did you mean `hybrid`?"
            ), "\(all)")
        #expect(all.contains("Content/events/bad.ja.md:5:1: error: `capacity` must be a whole number"), "\(all)")
        #expect(
            all.contains {
                $0.hasPrefix(
                    "Content/events/bad.ja.md:6:1: warning: unknown front matter key `speakrs` in `events`: did you mean `speakers`?"
                )
            }, "\(all)")
        // A page without a date in a dated kind.
        try site.write("Content/events/bad.ja.md", "---\ntitle: x\nstartDate: 2021-03-01\n---\n")
        #expect(
            site.buildErrors().map(\.description).contains(
                "Content/events/bad.ja.md:1:1: error: missing `date`: pages in `events` need one (YYYY-MM-DD)"))
    }

    @Test func modelMistakesInSiteYAMLArePositioned() {
        let yaml = """
            languages: [{code: ja}]
            sections:
              events:
                kind: event
                fields:
                  who: {type: reference, section: member}
                  how: {type: choice}
                  when: {typ: date}
                  title: {type: text}
            """
        guard case .failure(let failure) = SiteConfig.parse(yaml) else {
            Issue.record("should fail")
            return
        }
        let found = failure.diagnostics.map(\.description)
        #expect(
            found.contains {
                $0.hasPrefix(
                    "Content/site.yaml:4:11: error: `sections.events.kind` must be one of `articles`, `sessions`, `profiles`, `pages`, not `event`"
                )
            }, "\(found)")
        #expect(
            found.contains {
                $0.contains("the reference field `who` names the section `member`, which site.yaml does not declare")
            }, "\(found)")
        #expect(found.contains { $0.contains("the choice field `how` needs `values`") }, "\(found)")
        #expect(
            found.contains { $0.contains("unknown key `typ` in `sections.events.fields.when`: did you mean `type`?") },
            "\(found)")
        #expect(found.contains { $0.contains("`sections.events.fields.when` needs `type`") }, "\(found)")
        #expect(found.contains { $0.contains("`title` is a key every page has") }, "\(found)")
    }

    @Test func japaneseBehaviourFollowsTheLocaleNotTheCode() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        // The same site with its Japanese language under another code.
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(of: "defaultLanguage: ja", with: "defaultLanguage: jp")
                .replacingOccurrences(of: "  - code: ja\n", with: "  - code: jp\n")
        }
        for path in ContentTree.files(below: site.root.appendingPathComponent("Content"), withExtension: "md")
        where path.hasSuffix(".ja.md") {
            let from = site.root.appendingPathComponent("Content/" + path)
            try FileManager.default.moveItem(
                at: from,
                to: from.deletingLastPathComponent()
                    .appendingPathComponent(from.lastPathComponent.replacingOccurrences(of: ".ja.md", with: ".jp.md")))
        }
        let i18n = site.root.appendingPathComponent("Templates/i18n")
        try FileManager.default.moveItem(
            at: i18n.appendingPathComponent("ja.yaml"), to: i18n.appendingPathComponent("jp.yaml"))
        try site.build()
        let news = try site.read("jp/news/2021-01-28-agreement/index.html")
        #expect(news.contains("2021年1月28日（木）"))
        #expect(news.contains("2020年度"))
    }

    @Test func rolesGiveFieldsTheirMeaningWhateverTheirNames() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "sections:\n",
                with: """
                    sections:
                      events:
                        kind: sessions
                        group: fiscalYear
                        fields:
                          episode: {type: int, role: sequence}
                      people:
                        kind: profiles
                        order: reading
                        fields:
                          kana: {type: text, role: reading}

                    """)
        }
        for (name, episode) in [("a", 3), ("b", 3)] {
            try site.write(
                "Content/events/\(name).ja.md", "---\ntitle: \(name)\ndate: 2021-05-01\nepisode: \(episode)\n---\n")
        }
        try site.write("Content/people/p.ja.md", "---\ntitle: 横浜\nkana: ヨコハマ\n---\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains(
                "Content/events/b.ja.md:4:1: error: episode 3 is used twice in 2021年度 / FY2021: also by Content/events/a.ja.md"
            ),
            "\(errors)")
        #expect(
            errors.contains("Content/people/p.ja.md:3:1: error: `kana` must be hiragana only, not `ヨコハマ`"), "\(errors)")
    }

    @Test func anOrderByReadingNeedsAReadingField() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "sections:\n",
                with:
                    "sections:\n  people:\n    order: reading\n  places:\n    fields:\n      kana: {type: int, role: reading}\n"
            )
        }
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains { $0.contains("error: `order: reading` needs a field with `role: reading`") }, "\(errors)")
        #expect(
            errors.contains { $0.contains("error: a field with `role: reading` must have `type: text`") }, "\(errors)")
    }
}
