import Foundation
import Testing

@testable import SiteKit

/// The third round of hostile input (issue 38): each test is one attack, made in the test.
@Suite struct HostileRound3Tests {
    /// `registration: "javascript://%0Aalert(1)"` became a live button.
    @Test(arguments: [
        "javascript://%0Aalert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)", "//evil.example/", "java\tscript:alert(1)", " javascript:alert(1)", "https:/\\evil",
    ])
    func urlFieldsTakeWebAddressesMailAndPathsOnly(_ hostile: String) throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "      end: {type: datetime, role: end}\n",
                with: "      end: {type: datetime, role: end}\n      registration: {type: url, role: registration}\n")
        }
        let quoted = hostile.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
        try site.replace("Content/cafe/2021-02-cafe-5.ja.md") { "---\nregistration: \"\(quoted)\"\n" + $0.dropFirst(4) }
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix("Content/cafe/2021-02-cafe-5.ja.md:2:1: error: `registration` must be a URL")
            },
            "\(errors)")
    }

    @Test func urlFieldsKeepWebMailAndSitePaths() {
        for good in ["https://example.org/form", "HTTP://example.org", "mailto:info@example.org", "/ja/cafe/"] {
            #expect(SafeURL.isAllowed(good), "\(good)")
        }
        for bad in ["javascript:alert(1)", "//example.org", "ftp://example.org", "https://", "", "mailto:", "/\\x"] {
            #expect(!SafeURL.isAllowed(bad), "\(bad)")
        }
    }

    /// `map.outlines: ../../../etc/passwd` was read and its first line quoted in the error.
    @Test(arguments: ["../../../etc/passwd", "/etc/passwd", "/proc/self/environ", "data/../../x.json"])
    func siteYAMLPathsStayInsideTheSite(_ path: String) throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.append("Content/site.yaml", "map: {outlines: \"\(path)\", section: members}\n")
        let errors = site.buildErrors()
        #expect(errors.count == 1 && errors[0].description.contains("`map.outlines` must be a path inside the site"))
        #expect(errors.first?.file == "Content/site.yaml" && (errors.first?.line ?? 0) > 1, "\(errors)")
        let printed = DiagnosticPrinter(root: site.root).format(errors, as: .text)
        #expect(!printed.contains("root:"), "\(printed)")
    }

    @Test func aLinkOutOfContentIsNotReadNorQuoted() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let outside = site.root.deletingLastPathComponent().appendingPathComponent("secret-\(UUID().uuidString).json")
        try "SECRET=hunter2\n".write(to: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("Content/outlines.json"), withDestinationURL: outside)
        try site.append("Content/site.yaml", "map: {outlines: outlines.json, section: members}\n")
        let errors = site.buildErrors()
        #expect(errors.map(\.message).contains { $0.contains("not a readable file in Content/") }, "\(errors)")
        // Nor does the printer quote a file outside the root that a diagnostic names.
        let printed = DiagnosticPrinter(root: site.root).format(
            errors + [
                Diagnostic.error("../" + outside.lastPathComponent, 1, 1, "x"),
                Diagnostic.error("Content/outlines.json", 1, 1, "y"),
            ],
            as: .text)
        #expect(!printed.contains("hunter2"), "\(printed)")
    }

    @Test func aMapPointOutOfRangeIsAnErrorNotACrash() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/data/map.json",
            #"{"prefectures":[{"code":1,"name":"北海道","outline":[[140,43],[1e308,43],[141,44]]}]}"#)
        try site.append("Content/site.yaml", "map: {outlines: data/map.json, section: members}\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains { $0.contains("Content/data/map.json:1:1: error: every point of an outline") }, "\(errors)")
    }

    /// `paginate: 9223372036854775807` and limits near Int.max crashed with SIGILL.
    @Test(arguments: [
        "paginate: 9223372036854775807\n", "limits: {imagePixels: 9223372036854775807}\n",
        "limits: {yamlDepth: 9223372036854775806}\n",
    ])
    func hugeNumbersInSiteYAMLAreErrors(_ line: String) throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace("Content/site.yaml") { $0.replacingOccurrences(of: "paginate: 2\n", with: "") + line }
        let errors = site.buildErrors().map(\.description)
        #expect(errors.contains { $0.contains("must be a whole number from 1 to") }, "\(errors)")
    }

    /// Numbers in content are bounded where they are read: a time zone of +99:00 is no date.
    @Test func datesTakeRealOffsetsOnly() {
        #expect(SiteDate.parse("2021-02-18T15:00:00+99:00") == nil)
        #expect(SiteDate.parse("2021-02-18T15:00:00+09:75") == nil)
        #expect(SiteDate.parse("2021-02-18T15:00:00+14:00") != nil)
        #expect(SiteDate.parse("2021-02-18T15:00:00-12:00") != nil)
    }

    /// An alias `/ja/news/page/2` silently replaced a list page; WordPress pages named `news`,
    /// `tags`, `search` or `feed.xml` replaced a list or vanished.
    @Test(arguments: [
        ("aliases: [/ja/news/page/2]", "Content/about.ja.md", "page 2 of the list of news (ja)"),
        ("aliases: [/ja/feed.xml]", "Content/about.ja.md", "the ja feed"),
        ("aliases: [/sitemap.xml/x]", "Content/about.ja.md", "the site's sitemap.xml"),
        ("aliases: [/ja/search/f]", "Content/about.ja.md", "the ja search index"),
        ("slug: news", "Content/about.ja.md", "the list of news (ja)"),
        ("slug: tags", "Content/about.ja.md", "the ja tag index"),
        ("slug: search", "Content/about.ja.md", "the ja search page"),
        ("slug: feed.xml", "Content/about.ja.md", "the ja feed"),
    ])
    func nothingClaimsAnAddressTheBuildWrites(_ line: String, _ file: String, _ what: String) throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace(file) { $0.replacingOccurrences(of: "title:", with: line + "\ntitle:") }
        let errors = site.buildErrors().filter { $0.file == file }.map(\.message)
        #expect(errors.contains { $0.contains(what) }, "\(errors)")
    }

    /// U+FFFE and U+FFFF in a title made the Atom feeds invalid XML.
    @Test func noncharactersNeverReachAnXMLOutput() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace("Content/news/2021-01-28-agreement.ja.md") {
            $0.replacingOccurrences(of: "title: ", with: "title: " + Self.noncharacters)
        }
        try site.build()
        let feed = try site.read("ja/feed.xml")
        #expect(!feed.unicodeScalars.contains { !XMLText.isAllowed($0) && $0 != "\r" })
        #expect(XMLText.escape("a" + Self.noncharacters + "b<") == "ab&lt;")
    }

    static let noncharacters = String(
        String.UnicodeScalarView([0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE].compactMap(Unicode.Scalar.init)))

    /// A source line starting with `::add-mask::` would act as a GitHub Actions command in a
    /// log; so would a message line.
    @Test func quotedLinesNeverStartAWorkflowCommand() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("iclei-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "---\n  ::add-mask::secret\n::set-env name=A::b\n".write(
            to: root.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        let text = DiagnosticPrinter(root: root).format(
            [Diagnostic.error("a.md", 2, 3, "bad"), Diagnostic.error("a.md", 3, 1, "x\n::warning::y")], as: .text)
        for line in text.split(separator: "\n") {
            #expect(!line.drop { $0 == " " }.hasPrefix("::"), "\(line)")
        }
        #expect(text.contains("add-mask::secret"))
    }

    /// A diagnostic that names a FIFO must not hang the printer.
    @Test func thePrinterNeverReadsAFIFO() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("iclei-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(mkfifo(root.appendingPathComponent("pipe.md").path, 0o644) == 0)
        let text = DiagnosticPrinter(root: root).format([Diagnostic.error("pipe.md", 1, 1, "x")], as: .text)
        #expect(text == "pipe.md:1:1: error: x\n")
    }
}

/// Symbolic links where the build writes (issue 38, 1): a repository can hold them.
@Suite struct BuildWritesInsideTheSiteTests {
    func outsideFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: [".iclei-cache", ".iclei-cache/media"])
    func aCacheFolderThatIsALinkIsAnError(_ link: String) throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let outside = try outsideFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(
            at: site.root.appendingPathComponent(link).deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent(link), withDestinationURL: outside)
        var options = SiteBuilder.Options(source: site.root, output: site.output)
        options.cacheFolder = site.root.appendingPathComponent(".iclei-cache")
        #expect(throws: BuildFailure.self) { try SiteBuilder(options: options).build() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    @Test func aFileOfTheCacheThatIsALinkIsNeverWrittenThrough() throws {
        let outside = try outsideFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let victim = outside.appendingPathComponent("authorized_keys")
        try "ssh-ed25519 AAAA me\n".write(to: victim, atomically: true, encoding: .utf8)
        let root = try outsideFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("file"), withDestinationURL: victim)
        #expect(throws: FileIO.Failure.self) { try FileIO.write("x", to: root.appendingPathComponent("file").path) }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "ssh-ed25519 AAAA me\n")
    }

    @Test func anOutputThatIsALinkIsAnError() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let outside = try outsideFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(at: site.output, withDestinationURL: outside)
        #expect(site.buildErrors().contains { $0.message.contains("is a symbolic link") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    /// An incremental build replaces files of the live output one by one: a folder of it that
    /// became a link must not lead the new file out.
    @Test func anIncrementalBuildNeverWritesThroughALinkInTheOutput() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let outside = try outsideFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        var options = SiteBuilder.Options(source: site.root, output: site.output)
        options.cacheFolder = site.root.appendingPathComponent(".iclei-cache")
        try SiteBuilder(options: options).build()
        let folder = site.output.appendingPathComponent("ja/news/2021-01-28-agreement")
        try FileManager.default.removeItem(at: folder)
        try FileManager.default.createSymbolicLink(at: folder, withDestinationURL: outside)
        try site.append("Content/news/2021-01-28-agreement.ja.md", "\n追記。\n")
        _ = try? SiteBuilder(options: options).build()
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }
}
