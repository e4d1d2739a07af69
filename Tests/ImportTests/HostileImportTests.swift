import Foundation
import Testing

@testable import SiteKit
@testable import WordPressImport

/// Issue 38, the importer's items: exports, uploads copies and sites made to make the importer
/// write or read where it must not, or use unbounded memory.
@Suite struct HostileImportTests {
    static let photo = WXR.Item(
        id: 10, slug: "photo-post",
        content: "<p><img src=\"https://old.example/wp-content/uploads/2024/photo.jpg\" alt=\"p\"></p>")

    /// Item 1: a symlinked folder under Public/wp-content/uploads/ (git stores symlinks).
    @Test func aLinkedFolderInTheSiteStopsTheImportAndNothingIsWrittenThroughIt() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        try box.write("victim", "outside/photo.jpg")
        try box.link("site/Public/wp-content/uploads/2024", to: box.base.appendingPathComponent("outside").path)
        try box.write("new photo", "uploads/2024/photo.jpg")
        #expect {
            try box.run([Self.photo])
        } throws: { error in
            "\(error)".hasPrefix(box.site.path + "/Public/wp-content/uploads/2024:1:1: error: ")
                && "\(error)".contains("symbolic link")
        }
        #expect(try box.text("outside/photo.jpg") == "victim")
    }

    /// Item 1: a linked content folder and a linked manifest.
    @Test func aLinkedContentFolderOrManifestIsAnError() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        try FileManager.default.createDirectory(
            at: box.base.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: box.site.appendingPathComponent("Content/news"))
        try box.link("site/Content/news", to: box.base.appendingPathComponent("elsewhere").path)
        #expect {
            try box.run([WXR.Item(id: 1)])
        } throws: { error in
            "\(error)".hasPrefix(box.site.path + "/Content/news:1:1: error: ") && "\(error)".contains("symbolic link")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: box.base.appendingPathComponent("elsewhere").path)
                .isEmpty)

        let other = try Sandbox()
        defer { other.cleanUp() }
        try other.write("{}", "secret.json")
        try other.link("site/.iclei-import.json", to: other.base.appendingPathComponent("secret.json").path)
        #expect {
            try other.run([WXR.Item(id: 1)])
        } throws: { error in
            "\(error)".hasPrefix(other.site.path + "/.iclei-import.json:1:1: error: ")
        }
        #expect(try other.text("secret.json") == "{}")
    }

    /// Item 2 (and 15's FIFO): links in --uploads, and a FIFO, are not copied and do not hang.
    @Test(.timeLimit(.minutes(1))) func linksAndFIFOsInTheUploadsCopyAreNotCopied() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        try box.write("private key", "home/id_rsa")
        try box.write("private photo", "home/pictures/me.jpg")
        try box.link("uploads/2024/key.jpg", to: box.base.appendingPathComponent("home/id_rsa").path)
        try box.link("uploads/2023", to: box.base.appendingPathComponent("home/pictures").path)
        #expect(mkfifo(box.uploads.appendingPathComponent("2024/fifo.jpg").path, 0o644) == 0)
        try box.write("fine", "uploads/2024/ok.jpg")
        let uploads = ["2024/key.jpg", "2023/me.jpg", "2024/fifo.jpg", "2024/ok.jpg"]
        let content = uploads.map { "<p><a href=\"https://old.example/wp-content/uploads/\($0)\">f</a></p>" }.joined()
        let report = try box.run([WXR.Item(id: 1, content: content)])
        #expect(report.uploadsCopied == 1)
        #expect(try box.text("site/Public/wp-content/uploads/2024/ok.jpg") == "fine")
        for upload in uploads.dropLast() {
            #expect(!box.exists("site/Public/wp-content/uploads/" + upload), "\(upload)")
        }
        #expect(report.warnings.filter { $0.contains("not copied") }.count == 3)
    }

    /// Item 8: dates that are not dates, and a language code that is a path.
    @Test func anInvalidDateOrLanguageNeverBecomesAPathOrAFrontMatterLine() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let before = box.allPaths()
        let report = try box.run([
            WXR.Item(id: 1, slug: "one", date: "../../../x", gmt: "garbage"),
            WXR.Item(id: 2, slug: "two", date: "2024-01-01\ntitle: injected", gmt: "0000-00-00 00:00:00"),
            WXR.Item(id: 3, slug: "three", date: "2024-02-30 10:00:00", gmt: "2024-13-01 01:00:00"),
            WXR.Item(id: 4, slug: "four", extra: WXR.meta("_wpml_import_language_code", "../x")),
        ])
        let added = box.allPaths().subtracting(before).subtracting(["export.xml"])
        #expect(added.allSatisfy { $0.hasPrefix("site/") }, "\(added)")
        #expect(
            Set(report.written) == [
                "Content/news/one.ja.md", "Content/news/two.ja.md", "Content/news/three.ja.md",
            ])
        for path in report.written {
            let text = try box.text("site/" + path)
            #expect(!text.contains("injected") && !text.contains("\ndate:"), "\(path)")
        }
        #expect(report.skipped["other languages"] == 1)
        #expect(report.warningCounts["invalid date"] == 3)
    }

    /// Item 9: a small export whose one entity, used many times, is megabytes.
    @Test func anExportDeclaringEntitiesIsRefusedWithItsLine() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let entity = String(repeating: "x", count: 5000)
        let uses = String(repeating: "&big;", count: 2000)
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
            <!ENTITY big "\(entity)">
            ]>
            """ + WXR.export([WXR.Item(id: 1, content: "")]).dropFirst(WXR.head.prefix(39).count)
        try text.replacingOccurrences(of: "<![CDATA[]]></content:encoded>", with: uses + "</content:encoded>")
            .write(to: box.export, atomically: false, encoding: .utf8)
        #expect {
            try box.runExport()
        } throws: { error in
            "\(error)".hasPrefix(box.export.path + ":3:1: error: ") && "\(error)".contains("entities")
        }
        #expect(!box.exists("site/Content/news/2025-01-15-a-post.ja.md"))
    }

    /// Item 9: the same declaration in a UTF-16 export, whose bytes hide `<!ENTITY` from the
    /// byte scan. The export is read as UTF-8 whatever it declares (WordPress writes nothing
    /// else), so libxml2 never reads the declaration either: a positioned error, no file.
    @Test func entityDeclarationsInAnotherEncodingAreRefusedToo() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let text = """
            <?xml version="1.0" encoding="UTF-16"?>
            <!DOCTYPE rss [
            <!ENTITY big "\(String(repeating: "x", count: 1000))">
            ]>
            """ + WXR.export([WXR.Item(id: 1, content: "")]).dropFirst(WXR.head.prefix(39).count)
        let body = text.replacingOccurrences(
            of: "<![CDATA[]]></content:encoded>", with: String(repeating: "&big;", count: 100) + "</content:encoded>")
        try body.data(using: .utf16)!.write(to: box.export)
        #expect {
            try box.runExport()
        } throws: { error in
            "\(error)".hasPrefix(box.export.path + ":1:1: error: not a WordPress export")
        }
        #expect(!box.exists("site/Content/news/2025-01-15-a-post.ja.md"))
    }

    /// A title with a line break or a terminal escape prints no line of its own in the report.
    @Test func warningsPrintNoControlCharactersFromTheExport() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        // ESC cannot be in XML 1.0, but C1 controls (U+009B: CSI) and line breaks can.
        let title = "x\n/etc/passwd:1:1: error: fake \u{9B}2J\u{202E}"
        let report = try box.run([
            WXR.Item(id: 1, title: title, slug: "a", content: "<p style=\"color:red\">a</p>")
        ])
        #expect(report.warnings.count == 1)
        #expect(
            (report.warnings + report.unpaired).allSatisfy { line in
                !line.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{202E}" }
            })
    }
}
