import Foundation
import Testing

@testable import SiteKit

/// Whatever an editor's disk holds gives a clear diagnostic or safe output: never a crash,
/// a hang, or a file written outside the output folder.
@Suite struct HostileInputTests {
    @Test func nfdFileNamesBecomeNFCAndCollideWithTheirNFCTwins() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        // き + combining dakuten, as macOS writes ぎ in file names
        try site.write(
            "Content/news/\("ぎ".decomposedStringWithCanonicalMapping)-page.ja.md",
            "---\ntitle: NFD\ndate: 2021-01-01\n---\n")
        try site.build()
        #expect(site.exists("ja/news/ぎ-page/index.html"), "the output folder name is NFC")
        try site.write(
            "Content/news/\("ぎ".precomposedStringWithCanonicalMapping)-page.ja.md",
            "---\ntitle: NFC\ndate: 2021-01-01\n---\n")
        let errors = site.buildErrors().map(\.description)
        #expect(errors.filter { $0.contains("two pages claim the URL /site/ja/news/ぎ-page/") }.count == 2, "\(errors)")
    }

    @Test func hugeFilesAndDeepNestingBuildWhenTheSiteRaisesItsLimits() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.append(
            "Content/site.yaml", "limits: {fileBytes: 134217728, markdownBytes: 134217728, markdownNesting: 20000}\n")
        let paragraph = "イクレイ日本の**活動**について。Local governments act on climate. [link](https://example.org)\n\n"
        let big = String(repeating: paragraph, count: 20_000_000 / paragraph.utf8.count)
        try site.write("Content/big.ja.md", "---\ntitle: 大きなページ\n---\n\n" + big)
        try site.write(
            "Content/deep.ja.md",
            "---\ntitle: 深い入れ子\n---\n\n" + String(repeating: "> ", count: 10_000) + "quote\n\n"
                + (0..<10_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n") + "\n")
        try site.build()
        #expect(try site.read("ja/big/index.html").utf8.count > 20_000_000)
        #expect(try site.read("ja/deep/index.html").contains("quote"))
    }

    @Test func symlinkLoopsAndLinksOutOfContentAreIgnored() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let content = site.root.appendingPathComponent("Content")
        try FileManager.default.createSymbolicLink(
            at: content.appendingPathComponent("news/loop"), withDestinationURL: content)
        let outside = site.root.appendingPathComponent("outside.ja.md")
        try "---\ntitle: outside\n---\n".write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: content.appendingPathComponent("outside.ja.md"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: content.appendingPathComponent("dangling.ja.md"),
            withDestinationURL: site.root.appendingPathComponent("nothing"))
        try site.build()
        #expect(!site.exists("ja/outside/index.html"))
        #expect(!site.exists("ja/news/loop/news/index.html"))
    }

    @Test func scriptInTitlesAndSummariesIsEscapedEverywhere() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/news/2021-04-01-xss.en.md",
            """
            ---
            title: "<script>alert('t')</script> & co"
            date: 2021-04-01
            summary: "<script>alert('s')</script>"
            tags: ["<b>tag</b>"]
            ---

            <script>alert('body')</script>

            [x](javascript:alert(1)) <img src=x onerror=alert(1)>
            """)
        try site.build()
        let outputs = [
            "en/news/2021-04-01-xss/index.html", "en/news/index.html", "en/feed.xml", "sitemap.xml", "en/index.html",
        ]
        for path in outputs {
            let text = try site.read(path)
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("<b>tag</b>"), "\(path)")
            #expect(!text.contains("onerror="), "\(path)")
        }
        let page = try site.read("en/news/2021-04-01-xss/index.html")
        // Escaped, with the title's quotes made typographic as bodies' are.
        #expect(page.contains("&lt;script&gt;alert(‘t’)&lt;/script&gt; &amp; co"))
        #expect(page.contains("\\u003cscript\\u003e"), "JSON-LD escapes < and >")
        #expect(!page.contains("javascript:"))
        #expect(XMLElement.parse(try site.read("en/feed.xml")) != nil, "the feed stays well-formed")
    }

    @Test func binaryAndControlCharacters() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]).write(
            to: site.root.appendingPathComponent("Content/image.ja.md"))
        let errors = site.buildErrors().map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("Content/image.ja.md:1:1: error:") == true)
    }

    @Test func nothingIsWrittenOutsideTheOutputFolder() throws {
        let writer = SiteWriter(
            output: FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)"))
        for path in ["../x.html", "/etc/x", "a/../../x", "a/./b", "..", "./x", "a/..", "a/.", "a//../x"] {
            #expect(throws: (any Error).self) { try writer.stagingPath(path) }
        }
        for path in [".well-known/x", "a/.b", "...", "a..b/c", "x.", "a/b.."] {
            #expect(try writer.stagingPath(path).hasSuffix("/" + path))
        }
        #expect(try writer.stagingPath("ja/news/index.html").hasSuffix("/ja/news/index.html"))
    }
}

@Suite struct FuzzTests {
    @Test(arguments: Fuzz.Target.allCases)
    func parsersHoldTheirPropertiesOnRandomInput(_ target: Fuzz.Target) throws {
        // A long run on demand: FUZZ_SECONDS=600 FUZZ_SEED=7 swift test --filter FuzzTests
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["FUZZ_SECONDS"].flatMap(Double.init)
        let seed = environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_124
        let runs = try Fuzz.run(target, seed: seed, iterations: seconds == nil ? 3_000 : .max, seconds: seconds ?? 30)
        #expect(seconds != nil || runs == 3_000)
    }

    @Test func regressionFromFuzzingCRLFTemplate() {
        // Found by a long fuzz run: errors in templates with CRLF line endings must point inside them.
        let input = Array("{{{## %>\r\n{{#a}}%>...{{!c}}<script>&amp;{{=<% %>=}}## }}}<%{{.}}}}".utf8)
        #expect(Fuzz.check(input, target: .template) == nil)
    }
}
