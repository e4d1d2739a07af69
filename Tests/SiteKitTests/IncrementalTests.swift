import Foundation
import Testing

@testable import SiteKit

/// After every edit, the incrementally updated output must equal a clean build's, byte for byte.
@Suite struct IncrementalTests {
    /// One edit of the series and whether the build may use the incremental path for it.
    struct Edit: Sendable {
        var name: String
        var incremental: Bool
        var apply: @Sendable (FixtureSite) throws -> Void
    }

    static let edits: [Edit] = [
        Edit(name: "body of a news item", incremental: true) { site in
            try site.append("Content/news/2021-01-28-agreement.ja.md", "\n追記しました。\n")
        },
        Edit(name: "three headings make a table of contents", incremental: true) { site in
            try site.append("Content/news/2021-01-28-agreement.ja.md", "\n## 背景\n\n## 内容\n\n### 詳細\n\n## 今後\n")
        },
        Edit(name: "a section's title, which its pages' breadcrumbs show", incremental: true) { site in
            try site.replace("Content/news/_index.ja.md") {
                $0.replacingOccurrences(of: "title: ニュース一覧", with: "title: お知らせ")
            }
        },
        Edit(name: "body of the home page and of a section's _index", incremental: true) { site in
            try site.append("Content/index.ja.md", "\nホームに追記。\n")
            try site.append("Content/news/_index.ja.md", "\nお知らせ一覧の説明。\n")
        },
        Edit(name: "first paragraph (summary in lists)", incremental: true) { site in
            try site.replace("Content/news/2021-01-28-agreement.en.md") { text in
                text.replacingOccurrences(of: "\n---\n\n", with: "\n---\n\nA new opening line.\n\n")
            }
        },
        Edit(name: "title of a member other pages refer to", incremental: true) { site in
            try site.replace("Content/members/kyoto.en.md") {
                $0.replacingOccurrences(of: "title: Kyoto City", with: "title: City of Kyoto")
            }
        },
        Edit(name: "lastmod, the page's 最終更新日 in the sitemap and JSON-LD", incremental: true) { site in
            try site.replace("Content/news/2021-01-28-agreement.en.md") {
                $0.replacingOccurrences(of: "\nslug: agreement\n", with: "\nslug: agreement\nlastmod: 2021-03-01\n")
            }
        },
        Edit(name: "date moves a news item to the top", incremental: true) { site in
            try site.replace("Content/news/2019-06-03-old.ja.md") {
                $0.replacingOccurrences(of: "date: 2019-06-03", with: "date: 2026-11-01")
            }
        },
        Edit(name: "tags changed", incremental: true) { site in
            try site.replace("Content/news/2021-01-28-agreement.ja.md") {
                $0.replacingOccurrences(of: "tags: [脱炭素, 国際会議]", with: "tags: [脱炭素, 新しいタグ]")
            }
        },
        Edit(name: "new news item with a reference", incremental: true) { site in
            try site.write(
                "Content/news/2026-11-20-new.ja.md",
                "---\ntitle: 新しいお知らせ\ndate: 2026-11-20\nmembers: [gifu]\ntags: [脱炭素]\n---\n\n[京都市](@/members/kyoto.md)の話です。\n"
            )
        },
        Edit(name: "its translation added", incremental: true) { site in
            try site.write(
                "Content/news/2026-11-20-new.en.md",
                "---\ntitle: New notice\ndate: 2026-11-20\nmembers: [gifu]\n---\n\nAbout [Kyoto](@/members/kyoto.md).\n"
            )
        },
        Edit(name: "a page renamed (new URL, links follow)", incremental: true) { site in
            try site.move("Content/members/gifu.ja.md", to: "Content/members/gifu-city.ja.md")
            try site.move("Content/members/gifu.en.md", to: "Content/members/gifu-city.en.md")
            for file in ["Content/news/2026-11-20-new.ja.md", "Content/news/2026-11-20-new.en.md"] {
                try site.replace(file) { $0.replacingOccurrences(of: "members: [gifu]", with: "members: [gifu-city]") }
            }
            for file in try site.files(containing: "members/gifu.md") {
                try site.replace(file) { $0.replacingOccurrences(of: "members/gifu.md", with: "members/gifu-city.md") }
            }
        },
        Edit(name: "old addresses added to a page (aliases)", incremental: true) { site in
            try site.replace("Content/news/2021-01-28-agreement.ja.md") {
                "---\naliases: [/ja/news/iclei-communication-26, \"/ja/%E6%97%A7\", /?p=12]\n" + $0.dropFirst(4)
            }
        },
        Edit(name: "an alias removed and one renamed", incremental: true) { site in
            try site.replace("Content/news/2021-01-28-agreement.ja.md") {
                $0.replacingOccurrences(
                    of: "[/ja/news/iclei-communication-26, \"/ja/%E6%97%A7\", /?p=12]", with: "[/ja/old-agreement/]")
            }
        },
        Edit(name: "an English page gets the tag a Japanese tag page pairs with", incremental: true) { site in
            try site.replace("Content/news/2021-01-28-agreement.en.md") {
                "---\ntags: [脱炭素]\n" + $0.dropFirst(4)
            }
        },
        Edit(name: "and loses it again", incremental: true) { site in
            try site.replace("Content/news/2021-01-28-agreement.en.md") {
                $0.replacingOccurrences(of: "---\ntags: [脱炭素]\n", with: "---\n")
            }
        },
        Edit(name: "a page deleted", incremental: true) { site in
            try site.remove("Content/news/2026-11-20-new.en.md")
        },
        Edit(name: "a member deleted after its references are removed", incremental: true) { site in
            for file in try site.files(containing: "saitama") where !file.contains("members/saitama") {
                try site.replace(file) {
                    $0.replacingOccurrences(of: "saitama, ", with: "").replacingOccurrences(of: "[saitama]", with: "[]")
                }
            }
            try site.remove("Content/members/saitama.ja.md")
            try site.remove("Content/members/saitama.en.md")
        },
        Edit(name: "an event still to come added (lists, home page, calendars)", incremental: false) { site in
            try site.write(
                "Content/cafe/2099-05-cafe.ja.md",
                "---\ntitle: 未来のカフェ\nstart: 2099-05-10T15:00\nend: 2099-05-10T16:00\npresenters: [kyoto]\n---\n\n予定です。\n"
            )
        },
        Edit(name: "its time moved", incremental: true) { site in
            try site.replace("Content/cafe/2099-05-cafe.ja.md") {
                $0.replacingOccurrences(of: "T15:00\nend: 2099-05-10T16:00", with: "T14:00\nend: 2099-05-10T15:30")
            }
        },
        Edit(name: "a page held back until its publishDate", incremental: false) { site in
            try site.write(
                "Content/news/2099-01-01-later.ja.md",
                "---\ntitle: 予約\ndate: 2099-01-01\npublishDate: 2099-01-01\n---\n\nまだです。\n")
        },
        Edit(name: "a template", incremental: false) { site in
            try site.replace("Templates/single.mustache") { $0 + "\n<!-- edited -->\n" }
        },
        Edit(name: "site.yaml", incremental: false) { site in
            try site.replace("Content/site.yaml") { $0.replacingOccurrences(of: "paginate: 2", with: "paginate: 3") }
        },
        Edit(name: "the site's own feed template", incremental: false) { site in
            try site.write("Templates/feed.xml.mustache", "<feed>{{#entries}}<e>{{title}}</e>{{/entries}}</feed>\n")
        },
        Edit(name: "the browser editor turned on (admin/index.html, admin/config.yml)", incremental: false) { site in
            try site.append(
                "Content/site.yaml",
                "cms:\n  script: https://unpkg.com/@sveltia/cms@0.196.0/dist/sveltia-cms.js\n"
                    + "  backend: {repo: iclei-japan/site}\n")
        },
        Edit(name: "the accessibility page turned on (built-in template, sitemap)", incremental: false) { site in
            try site.append("Content/site.yaml", "accessibility:\n  level: AA\n")
        },
        Edit(name: "its test by a person dated (the statement and the results change)", incremental: false) { site in
            try site.replace("Content/site.yaml") {
                $0.replacingOccurrences(of: "  level: AA\n", with: "  level: AA\n  tested: 2026-11-30\n")
            }
        },
        Edit(name: "the site's own accessibility template", incremental: false) { site in
            try site.write(
                "Templates/accessibility.mustache",
                "<!DOCTYPE html><html lang=\"{{lang}}\"><title>{{page.title}}</title><main>{{> accessibility-body}}</main>\n"
            )
        },
        Edit(name: "a check turned off (one criterion fewer checked by the build)", incremental: false) { site in
            try site.append("Content/site.yaml", "checks:\n  duplicateTitles: ignore\n")
        },
        Edit(name: "a standalone page added (the editor's list of pages)", incremental: true) { site in
            try site.write("Content/contact.ja.md", "---\ntitle: お問い合わせ\n---\n\n連絡先です。\n")
        },
        Edit(name: "a field declared in the content model", incremental: false) { site in
            try site.replace("Content/site.yaml") {
                $0.replacingOccurrences(
                    of: "      venue: {type: text, role: venue}\n",
                    with: "      venue: {type: text, role: venue}\n      theme: {type: text}\n")
            }
        },
        Edit(name: "an i18n string", incremental: false) { site in
            try site.replace("Templates/i18n/en.yaml") { $0 + "\nunusedNote: edited\n" }
        },
        Edit(name: "a Public file", incremental: true) { site in
            try site.write("Public/css/extra.css", "body { color: black; }\n")
        },
        Edit(
            name: "an English page's lastmod after a Japanese page was added (the search ids moved)", incremental: true
        ) { site in
            try site.replace("Content/news/2021-01-28-agreement.en.md") {
                $0.replacingOccurrences(of: "lastmod: 2021-03-01", with: "lastmod: 2021-04-01")
            }
        },
        Edit(name: "the stylesheet every page loads, under a new fingerprinted name", incremental: false) { site in
            try site.append("Public/css/site.css", "a { color: #005f6b; }\n")
        },
        Edit(name: "robots.txt in Public", incremental: true) { site in
            try site.write("Public/robots.txt", "User-agent: *\nDisallow: /drafts/\n")
        },
        Edit(name: "footnotes, strikethrough and bold beside Japanese punctuation", incremental: true) { site in
            try site.append(
                "Content/news/2021-01-28-agreement.ja.md",
                "\n**「協定」**を~~改定~~更新しました[^1]。\n\n[^1]: 活動報告書 2020年度。\n")
        },
        Edit(name: "a photo with its metadata put in Public", incremental: true) { site in
            let photo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/media/photo-exif6.jpg")
            try FileManager.default.createDirectory(
                at: site.root.appendingPathComponent("Public/images"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: photo, to: site.root.appendingPathComponent("Public/images/p.jpg"))
        },
        Edit(name: "every English news item removed (the list says it has nothing yet)", incremental: true) { site in
            for file in try site.files(containing: "") where file.hasPrefix("Content/news/") && file.hasSuffix(".en.md")
            {
                try site.remove(file)
            }
        },
        Edit(name: "a shared member added to another page (related items on both)", incremental: true) { site in
            try site.replace("Content/news/2019-06-03-old.ja.md") {
                $0.replacingOccurrences(of: "title: 古いお知らせ\n", with: "title: 古いお知らせ\nmembers: [kyoto]\n")
            }
        },
        Edit(name: "a session added between two (their previous and next)", incremental: true) { site in
            try site.write(
                "Content/cafe/2019-10-cafe-3.ja.md",
                "---\ntitle: 第3回イクレイカフェ\ndate: 2019-10-01\nnumber: 3\npresenters: [kyoto]\n---\n\n中間の回。\n")
        },
        Edit(name: "its title and number, which its neighbours show", incremental: true) { site in
            try site.replace("Content/cafe/2019-10-cafe-3.ja.md") {
                $0.replacingOccurrences(of: "title: 第3回", with: "title: 改題 第3回").replacingOccurrences(
                    of: "number: 3", with: "number: 4")
            }
        },
        Edit(name: "a video link on a line of its own (an embed)", incremental: true) { site in
            try site.append(
                "Content/cafe/2019-10-cafe-3.ja.md", "\n[第3回の録画](https://youtu.be/abcDEF12345)\n")
        },
        Edit(name: "YouTube taken off site.yaml's embeds (the link stays a link)", incremental: false) { site in
            try site.replace("Content/site.yaml") {
                $0.replacingOccurrences(of: "embeds: [youtube, openstreetmap]", with: "embeds: [openstreetmap]")
            }
        },
        Edit(name: "nothing", incremental: true) { _ in },
    ]

    @Test func outputEqualsACleanBuildAfterEachEdit() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let clean = site.root.appendingPathComponent("Clean")
        try site.build()
        for edit in Self.edits {
            try edit.apply(site)
            let report = try site.build()
            var cleanOptions = SiteBuilder.Options(source: site.root, output: clean)
            cleanOptions.cacheFolder = nil
            try SiteBuilder(options: cleanOptions).build()
            #expect(try site.snapshot() == site.snapshot(clean), "after: \(edit.name)")
            if edit.incremental {
                #expect(report.incremental != nil, "after: \(edit.name)")
            } else {
                #expect(report.incremental == nil, "after: \(edit.name)")
            }
        }
        // The editor's files were among those compared, and followed the model and the pages.
        let config = try site.read("admin/config.yml")
        #expect(config.contains("      - name: theme\n") && config.contains("file: \"Content/contact.{{locale}}.md\""))
    }

    @Test func contentEditRendersOnlyWhatShowsIt() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let first = try site.build()
        let total = first.pagesPerLanguage.map(\.count).reduce(0, +)
        try site.append("Content/members/adachi.en.md", "\nMore about Adachi.\n")
        let report = try site.build()
        let incremental = try #require(report.incremental)
        #expect(incremental.rendered == 1)
        #expect(total > 20)
        // The page, and of the search index only its excerpt and the shards whose keys it gained.
        #expect(incremental.changedPaths.first == "en/members/adachi/index.html")
        let index = incremental.changedPaths.dropFirst()
        #expect(index.allSatisfy { $0.hasPrefix("en/search/") }, "\(index)")
        #expect(index.contains { $0.hasPrefix("en/search/f/") } && index.count <= 4, "\(index)")
    }

    @Test func aFailedIncrementalBuildTouchesNothingAndTheNextOneRecovers() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let before = try site.snapshot()
        try site.append("Content/members/adachi.en.md", "\n[broken](@/members/nowhere.md)\n")
        #expect(throws: BuildFailure.self) { try site.build() }
        #expect(try site.snapshot() == before)
        try site.replace("Content/members/adachi.en.md") {
            $0.replacingOccurrences(of: "[broken](@/members/nowhere.md)", with: "fixed")
        }
        try site.build()
        var cleanOptions = SiteBuilder.Options(source: site.root, output: site.root.appendingPathComponent("Clean"))
        cleanOptions.cacheFolder = nil
        try SiteBuilder(options: cleanOptions).build()
        #expect(try site.snapshot() == site.snapshot(site.root.appendingPathComponent("Clean")))
    }

    @Test func theCacheKeepsSnapshotsOfTheMostRecentOutputsOnly() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let cache = site.root.appendingPathComponent(".iclei-cache")
        let snapshots = {
            try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".snapshot") }
        }
        for n in 1...(SnapshotStore.kept + 3) {
            try site.build(output: site.root.appendingPathComponent("Out\(n)"))
        }
        #expect(try snapshots().count == SnapshotStore.kept)
        // The newest output's snapshot survived: a small edit there is incremental.
        let newest = site.root.appendingPathComponent("Out\(SnapshotStore.kept + 3)")
        try site.append("Content/members/kyoto.en.md", "\nEdited.\n")
        #expect(try site.build(output: newest).incremental != nil)
        #expect(try site.build(output: site.root.appendingPathComponent("Out1")).incremental == nil, "pruned")
    }

    @Test func anOutputWrittenByAnotherBuildIsRewrittenWhole() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        // Another build into the same folder without the cache: the snapshot no longer matches.
        var options = SiteBuilder.Options(source: site.root, output: site.output)
        options.cacheFolder = nil
        try site.append("Content/members/adachi.en.md", "\nChanged elsewhere.\n")
        try SiteBuilder(options: options).build()
        try site.append("Content/members/kyoto.en.md", "\nChanged here.\n")
        let report = try site.build()
        #expect(report.incremental == nil)
        #expect(try site.read("en/members/adachi/index.html").contains("Changed elsewhere."))
    }

    @Test func aDeferredRemovalLeavesTheNewSiteInPlaceAndTheOldOneUntilAsked() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        var options = SiteBuilder.Options(source: site.root, output: site.output)
        options.cacheFolder = nil
        options.deferRemovingOldOutput = true
        var cache = PreviousBuild()
        try SiteBuilder(options: options).build(previous: &cache)
        try site.append("Templates/layout.mustache", "\n<!-- template edit -->\n")
        let report = try SiteBuilder(options: options).build(previous: &cache)
        #expect(report.incremental == nil)
        #expect(try site.read("en/members/adachi/index.html").contains("<!-- template edit -->"))
        let parent = site.output.deletingLastPathComponent().path
        func asides() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.hasPrefix(".Output.staging-") }
        }
        let left = try asides()
        #expect(left.count == 1)
        #expect(FileManager.default.fileExists(atPath: parent + "/" + left[0] + "/en/members/adachi/index.html"))
        cache.removeReplacedOutputs()
        #expect(try asides().isEmpty)
    }

    @Test func inMemoryCacheRebuildsMatchCleanBuilds() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        var options = SiteBuilder.Options(source: site.root, output: site.output)
        options.cacheFolder = nil
        var cache = PreviousBuild()
        try SiteBuilder(options: options).build(previous: &cache)
        for edit in Self.edits {
            try edit.apply(site)
            let report = try SiteBuilder(options: options).build(previous: &cache)
            let clean = site.root.appendingPathComponent("Clean")
            var cleanOptions = SiteBuilder.Options(source: site.root, output: clean)
            cleanOptions.cacheFolder = nil
            try SiteBuilder(options: cleanOptions).build()
            let (a, b) = (try site.snapshot(), try site.snapshot(clean))
            #expect(
                a == b,
                "after: \(edit.name): \(Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted().prefix(8)) \(report.incremental?.changedPaths.prefix(20) ?? [])"
            )
            #expect((report.incremental != nil) == edit.incremental, "after: \(edit.name)")
        }
    }
}

extension FixtureSite {
    func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    func append(_ relativePath: String, _ text: String) throws {
        try write(relativePath, try self.text(relativePath) + text)
    }

    /// Rewrites a file through `change`; fails the test when nothing changed.
    func replace(_ relativePath: String, _ change: (String) -> String) throws {
        let before = try text(relativePath)
        let after = change(before)
        guard after != before else { throw EditDidNothing(path: relativePath) }
        try write(relativePath, after)
    }

    func move(_ from: String, to: String) throws {
        try FileManager.default.moveItem(at: root.appendingPathComponent(from), to: root.appendingPathComponent(to))
    }

    /// Source files (relative paths) under Content/ whose text contains `needle`.
    func files(containing needle: String) throws -> [String] {
        try ContentTree.files(below: root.appendingPathComponent("Content")).map { "Content/" + $0 }
            .filter { try text($0).contains(needle) }
    }

    struct EditDidNothing: Error { var path: String }
}
