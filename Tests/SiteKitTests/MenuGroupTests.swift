import Foundation
import Testing

@testable import SiteKit

/// A menu entry with `children`: a group shown as a disclosure, each entry checked like any.
@Suite struct MenuGroupTests {
    static let group = """
              - name: 概要
                children:
                  - {name: このサイトについて, path: about}
                  - {name: ニュース一覧, path: news}

        """

    func site(menu: String) throws -> FixtureSite {
        let site = try FixtureSite()
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(of: "      - {name: ニュース, path: news}\n", with: menu)
        }
        // The fixture's header with the bundled one's group markup.
        try site.write(
            "Templates/partials/header.mustache",
            """
            <nav>{{#menu}}{{#hasChildren}}<details><summary{{#current}} class="current"{{/current}}>{{name}}</summary>\
            {{#children}}<a href="{{url}}"{{#current}} aria-current="page"{{/current}}>{{name}}</a>{{/children}}</details>\
            {{/hasChildren}}{{^hasChildren}}<a href="{{url}}"{{#current}} aria-current="page"{{/current}}>{{name}}</a>\
            {{/hasChildren}}{{/menu}}</nav>

            """)
        return site
    }

    @Test func aGroupIsADisclosureWhoseEntryForThePageIsCurrent() throws {
        let site = try site(menu: Self.group)
        defer { site.cleanUp() }
        try site.build()
        let about = try site.read("ja/about/index.html")
        #expect(
            about.contains(
                "<details><summary class=\"current\">概要</summary><a href=\"/site/ja/about/\" aria-current=\"page\">このサイトについて</a><a href=\"/site/ja/news/\">ニュース一覧</a></details>"
            ), "\(about)")
        let home = try site.read("ja/index.html")
        #expect(home.contains("<details><summary>概要</summary><a href=\"/site/ja/about/\">"))
        #expect(home.contains("<a href=\"/site/ja/\" aria-current=\"page\">ホーム</a>"))
        // A section named in a group still gives its list its menu name.
        #expect(try site.read("ja/news/index.html").contains("<summary class=\"current\">概要</summary>"))
    }

    @Test func anEntryOfAGroupNamingNothingIsAnErrorAtItsLine() throws {
        let site = try site(menu: Self.group.replacingOccurrences(of: "path: news}", with: "path: newz}"))
        defer { site.cleanUp() }
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.first?.hasPrefix(
                "Content/site.yaml:14:34: error: the menu entry `ニュース一覧` names `newz`, which is no page or section in `ja`; did you mean `news`?"
            ) == true, "\(errors)")
    }

    @Test func aGroupHasChildrenOrAPathNotBothAndNoDeeperLevel() throws {
        func problems(_ menu: String) -> [String] {
            let yaml = SiteConfigCheckTests.base.replacingOccurrences(
                of: "      - {name: ホーム, path: \"\"}\n", with: menu)
            switch SiteConfig.parse(yaml) {
            case .success: return []
            case .failure(let failure): return failure.diagnostics.map(\.description)
            }
        }
        #expect(
            problems("      - {name: 概要}\n") == [
                "Content/site.yaml:6:9: error: the menu entry `概要` needs either `path` (where it links) or `children` (a group of entries), not both"
            ])
        #expect(
            problems("      - {name: 概要, path: about, children: [{name: A, path: a}]}\n") == [
                "Content/site.yaml:6:9: error: the menu entry `概要` needs either `path` (where it links) or `children` (a group of entries), not both"
            ])
        let deeper = problems("      - {name: 概要, children: [{name: A, children: [{name: B, path: b}]}]}\n")
        #expect(deeper.contains { $0.contains("children") && $0.contains("error") }, "\(deeper)")
        #expect(problems("      - {name: 概要, children: [{name: A, path: a}]}\n").isEmpty)
    }
}
