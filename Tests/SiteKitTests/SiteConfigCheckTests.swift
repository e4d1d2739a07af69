import Foundation
import Testing

@testable import SiteKit

/// site.yaml is read strictly: every key known, every value checked, every menu entry a page.
@Suite struct SiteConfigCheckTests {
    static let base = """
        baseURL: https://example.org/
        languages:
          - code: ja
            title: テスト
            menu:
              - {name: ホーム, path: ""}
          - code: en
            title: Test

        """

    func problems(_ extra: String) -> [String] {
        switch SiteConfig.parse(Self.base + extra) {
        case .success: return []
        case .failure(let failure): return failure.diagnostics.map(\.description)
        }
    }

    @Test func unknownKeysAndMisspeltValuesAreErrorsWithDidYouMean() {
        let found = problems(
            """
            paginat: 10
            sections:
              members: {order: redaing}
              cafe: {group: fiscalyear, sort: date}
            missingTranslations: hide
            markdown: {unsafeHTML: maybe}
            checks: {missingFiles: warn}
            limits: {markdownNesting: -1, yamlDeph: 5}
            paginate: many
            """)
        #expect(
            found.contains(
                "Content/site.yaml:9:1: error: unknown key `paginat` in site.yaml: did you mean `paginate`?"),
            "\(found)")
        #expect(
            found.contains(
                "Content/site.yaml:11:20: error: `sections.members.order` must be one of `date`, `reading`, `title`, not `redaing`; did you mean `reading`?"
            ), "\(found)")
        #expect(
            found.contains(
                "Content/site.yaml:12:17: error: `sections.cafe.group` must be one of `none`, `fiscalYear`, `kanaRow`, not `fiscalyear`; did you mean `fiscalYear`?"
            ), "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix(
                    "Content/site.yaml:12:29: error: unknown key `sort` in `sections.cafe`: known keys: `feed`, `fields`, `group`, `kind`, `order`"
                )
            }, "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix(
                    "Content/site.yaml:13:22: error: `missingTranslations` must be one of `notice`, `omit`, not `hide`")
            }, "\(found)")
        #expect(
            found.contains("Content/site.yaml:14:24: error: `markdown.unsafeHTML` must be true or false"), "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix(
                    "Content/site.yaml:15:24: error: `checks.missingFiles` must be one of `error`, `warning`, `ignore`, not `warn`"
                )
            }, "\(found)")
        #expect(
            found.contains(
                "Content/site.yaml:16:27: error: `limits.markdownNesting` must be a whole number from 1 to 1099511627776"
            ),
            "\(found)")
        #expect(
            found.contains(
                "Content/site.yaml:16:31: error: unknown key `yamlDeph` in `limits`: did you mean `yamlDepth`?"),
            "\(found)")
        #expect(
            found.contains("Content/site.yaml:17:11: error: `paginate` must be a whole number from 1 to 10000"),
            "\(found)")
        #expect(found.count == 10, "\(found)")
    }

    @Test func languagesAndMenusAreChecked() {
        let found = problems(
            """
            defaultLanguage: jp
            extra:
              - {code: ja}

            """
        ).joined(separator: "\n")
        #expect(found.contains("error: unknown key `extra` in site.yaml"))
        #expect(found.contains("error: defaultLanguage `jp` is not one of the languages; did you mean `ja`?"))
        let menus = SiteConfig.parse(
            """
            languages:
              - code: ja
                menu:
                  - {name: ニュース}
                  - {path: news}
                  - {name: x, path: news, target: _blank}
              - {title: no code}
              - {code: ja}
              - {code: Japanese}
            """)
        guard case .failure(let failure) = menus else {
            Issue.record("should fail")
            return
        }
        let text = failure.diagnostics.map(\.description)
        #expect(
            text.contains {
                $0.hasPrefix(
                    "Content/site.yaml:4:9: error: the menu entry `ニュース` needs either `path` (where it links) or `children`"
                )
            },
            "\(text)")
        #expect(
            text.contains { $0.hasPrefix("Content/site.yaml:5:9: error: `languages[0].menu[1]` needs `name`") },
            "\(text)")
        #expect(
            text.contains {
                $0.hasPrefix("Content/site.yaml:6:31: error: unknown key `target` in `languages[0].menu[2]`")
            }, "\(text)")
        #expect(text.contains { $0.hasPrefix("Content/site.yaml:7:5: error: `languages[1]` needs `code`") }, "\(text)")
        #expect(text.contains("Content/site.yaml:8:12: error: the language `ja` is listed twice"), "\(text)")
        #expect(
            text.contains {
                $0.hasPrefix("Content/site.yaml:9:12: error: language code `Japanese` must be a code like")
            }, "\(text)")
    }

    @Test func freeFormParamsAndContactAreAllowed() throws {
        let config = try SiteConfig.parse(Self.base + "params: {anything: [1, {b: 2}]}\n").get()
        #expect(config.params == .object(["anything": .list([.int(1), .object(["b": .int(2)])])]))
        #expect(problems("limits: {markdownNesting: 64}\n").isEmpty)
        #expect(try SiteConfig.parse(Self.base + "limits: {markdownNesting: 64}\n").get().limits.markdownNesting == 64)
    }

    @Test func aDanglingMenuEntryFailsCheckAndAnExternalOneIsWrittenAsIs() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let config = site.root.appendingPathComponent("Content/site.yaml")
        let original = try String(contentsOf: config, encoding: .utf8)
        try original.replacingOccurrences(of: "{name: ニュース, path: news}", with: "{name: ニュース, path: newz}")
            .replacingOccurrences(of: "{name: News, path: news}", with: "{name: ICLEI, path: \"https://iclei.org/\"}")
            .write(to: config, atomically: true, encoding: .utf8)
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors == [
                "Content/site.yaml:11:28: error: the menu entry `ニュース` names `newz`, which is no page or section in `ja`; did you mean `news`? (write a path below /ja/, or an absolute URL such as https://iclei.org/)"
            ], "\(errors)")
        try original.replacingOccurrences(
            of: "{name: News, path: news}", with: "{name: ICLEI, path: \"https://iclei.org/\"}"
        )
        .replacingOccurrences(of: "{name: ニュース, path: news}", with: "{name: ニュース, path: /news/}")
        .write(to: config, atomically: true, encoding: .utf8)
        try site.build()
        #expect(try site.read("en/index.html").contains("href=\"https://iclei.org/\""))
        #expect(try site.read("ja/index.html").contains("href=\"/site/ja/news/\""))
    }

    @Test func aliasesInSiteYAMLAreRefusedToo() {
        let found = problems("params: {a: &x [1, 2], b: *x}\n")
        #expect(found.first?.hasPrefix("Content/site.yaml:9:13: error: YAML anchors") == true, "\(found)")
    }
}
