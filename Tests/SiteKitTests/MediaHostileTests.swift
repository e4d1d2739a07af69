import Foundation
import Testing

@testable import SiteKit

/// Media files made to hurt the build or the reader (issue 38): each is made in the test.
@Suite struct MediaHostileTests {
    static let page = "Content/news/2021-02-02-media.ja.md"

    /// A PDF of `width`×`height` points and nothing else: a few hundred bytes.
    static func pdf(width: Int, height: Int) -> Data {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (n, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(n + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    func site(_ files: [String: Data], markdown: String) throws -> FixtureSite {
        let site = try FixtureSite()
        for (path, data) in files {
            let url = site.root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try site.write(Self.page, "---\ntitle: 資料\ndate: 2021-02-02\n---\n\n" + markdown)
        return site
    }

    /// A 418-byte PDF with a huge page drove the build to 11.4 GB: its cover is sized from the
    /// page before anything is rendered.
    @Test(arguments: [(1, 1_000_000), (1000, 10_000_000), (20, 160_000)])
    func aPDFWhoseFirstPageCannotBeAPictureIsAnErrorWhereItIsLinked(width: Int, height: Int) throws {
        let site = try site(
            ["Public/docs/bomb.pdf": Self.pdf(width: width, height: height)], markdown: "[報告書](/site/docs/bomb.pdf)\n")
        defer { site.cleanUp() }
        #expect(Self.pdf(width: width, height: height).count < 420)
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "\(Self.page):6:1: error: document `docs/bomb.pdf`: its first page is \(width)×\(height) points")
            },
            "\(errors)")
    }

    @Test func anOrdinaryPageKeepsItsCover() throws {
        let site = try site(
            ["Public/docs/a4.pdf": Self.pdf(width: 595, height: 842)], markdown: "[報告書](/site/docs/a4.pdf)\n")
        defer { site.cleanUp() }
        try site.build()
        #expect(site.exists("docs/a4.cover.webp"))
    }

    /// A 200 KB SVG with nested entities ran past 180 s and 1.2 GB.
    @Test func anSVGWithADoctypeIsRefusedBeforeAnyParserSeesIt() throws {
        var bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"aaaaaaaaaa\">\n"
        for (n, name) in "bcdefghij".enumerated() {
            let previous = String(Array("abcdefghij")[n])
            bomb += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        bomb += "]>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>&j;</text></svg>\n"
        let site = try site(["Public/images/bomb.svg": Data(bomb.utf8)], markdown: "![会場の地図](/site/images/bomb.svg)\n")
        defer { site.cleanUp() }
        let start = Date()
        let errors = site.buildErrors().map(\.description)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(
            errors.contains {
                $0.hasPrefix("Public/images/bomb.svg:2:1: error: SVG: an SVG with a DOCTYPE is not published")
            }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("\(Self.page):6:1: error: image `images/bomb.svg`") }, "\(errors)")
    }

    /// libvips picks its loader by content: an SVG named .png or .pdf would reach the SVG loader.
    @Test func aFileIsOpenedOnlyAsWhatItsNameSays() throws {
        let svg = Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".utf8)
        let site = try site(
            ["Public/images/fake.png": svg, "Public/docs/fake.pdf": svg],
            markdown: "![会場の地図](/site/images/fake.png)\n\n[資料](/site/docs/fake.pdf)\n")
        defer { site.cleanUp() }
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors == ["\(Self.page):6:1: error: image `images/fake.png`: its name says png but its content is svg"],
            "\(errors)")
    }

    /// An SVG opened directly is a page of the site's origin: a script in it runs there.
    @Test(arguments: [
        ("<script>alert(1)</script>", "`<script>` is not allowed"),
        ("<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(1)</svg:script>", "`<script>` is not allowed"),
        ("<rect width=\"5\" height=\"5\" onload=\"alert(1)\"/>", "the event attribute `onload`"),
        ("<a href=\"javascript:alert(1)\"><text>x</text></a>", "refers outside the SVG"),
        ("<use href=\"https://evil.example/x.svg#a\"/>", "refers outside the SVG"),
        (
            "<image xlink:href=\"https://tracker.example/p.png\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"/>",
            "refers outside the SVG"
        ),
        (
            "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>",
            "`<foreignObject>` is not allowed"
        ),
        ("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>", "may not change `href`"),
        ("<style>@import url(https://evil.example/a.css);</style>", "`@import`"),
        ("<rect style=\"fill: url(https://evil.example/p)\"/>", "`url(…)`"),
    ])
    func anSVGThatCouldRunOrLoadAnythingIsAnErrorAtItsFile(_ inside: String, _ message: String) throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n\(inside)\n</svg>\n"
        // Not even used by a page: Public/ is published whole.
        let site = try site(["Public/images/logo.svg": Data(svg.utf8)], markdown: "本文。\n")
        defer { site.cleanUp() }
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains { $0.hasPrefix("Public/images/logo.svg:2:1: error: SVG: ") && $0.contains(message) },
            "\(errors)")
    }

    @Test func aPlainSVGWithInternalReferencesIsPublished() throws {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
            <defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>
            <style>.a { fill: url(#g); }</style>
            <rect class="a" width="5" height="5" style="fill: url('#g')"/><use xlink:href="#g"/>
            <a href="https://iclei.org/"><text>ICLEI</text></a>
            </svg>
            """
        let site = try site(["Public/images/logo.svg": Data(svg.utf8)], markdown: "![ロゴ](/site/images/logo.svg)\n")
        defer { site.cleanUp() }
        try site.build()
        #expect(site.exists("images/logo.svg"))
    }
}

/// Originals of photos were published beside their stripped variants, with GPS, camera and
/// author one predictable URL away.
@Suite struct PhotoMetadataTests {
    static let photo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/media/photo-exif6.jpg")

    @Test func theOriginalIsPublishedWithoutItsMetadataButUpright() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try FileManager.default.createDirectory(
            at: site.root.appendingPathComponent("Public/images"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.photo, to: site.root.appendingPathComponent("Public/images/p.jpg"))
        let original = [UInt8](try Data(contentsOf: Self.photo))
        #expect(Self.contains(original, [0x25, 0x88]), "the fixture has a GPS IFD")
        try site.build()
        let published = [UInt8](try Data(contentsOf: site.output.appendingPathComponent("images/p.jpg")))
        #expect(!Self.contains(published, [0x25, 0x88]), "no GPS tag")
        #expect(PhotoMetadata.exifOrientation(Array(published.dropFirst(6))) == 6, "still turned by EXIF 6")
        // The same pixels: everything from the first scan on is byte for byte the original's.
        let scan = { (bytes: [UInt8]) in bytes.indices.first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA }! }
        #expect(published[scan(published)...] == original[scan(original)...])
        #expect(published.count < original.count)
        // libvips still reads it, upright.
        let header = try ImageHeader.read(site.output.appendingPathComponent("images/p.jpg").path).get()
        #expect(header.orientation == 6 && header.loader.hasPrefix("jpegload"))
    }

    @Test func aSiteMayKeepTheMetadata() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.append("Content/site.yaml", "images: {keepMetadata: true}\n")
        try FileManager.default.createDirectory(
            at: site.root.appendingPathComponent("Public/images"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.photo, to: site.root.appendingPathComponent("Public/images/p.jpg"))
        try site.build()
        #expect(
            try Data(contentsOf: site.output.appendingPathComponent("images/p.jpg")) == Data(contentsOf: Self.photo))
    }

    @Test func pngTextAndWebPMetadataChunksGo() {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8)
                + data + [0, 0, 0, 0]
        }
        let png =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", Array(repeating: 0, count: 13))
            + chunk("tEXt", Array("Author\u{0}Someone".utf8)) + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
        let stripped = PhotoMetadata.stripped(png)
        #expect(!Self.contains(stripped, Array("Someone".utf8)) && Self.contains(stripped, Array("IDAT".utf8)))
        func riff(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return Array(type.utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), 0, 0] + data + (n % 2 == 1 ? [0] : [])
        }
        let chunks =
            riff("VP8X", [0x0C] + Array(repeating: 0, count: 9)) + riff("VP8 ", [1, 2, 3])
            + riff("EXIF", Array("GPS here".utf8)) + riff("XMP ", Array("<x/>".utf8))
        let size = chunks.count + 4
        let webp = Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8), 0, 0] + Array("WEBP".utf8) + chunks
        let clean = PhotoMetadata.stripped(webp)
        #expect(!Self.contains(clean, Array("GPS here".utf8)) && !Self.contains(clean, Array("XMP ".utf8)))
        #expect(clean[20] == 0x00, "the EXIF and XMP flags are cleared")
        #expect(Int(clean[4]) | Int(clean[5]) << 8 == clean.count - 8, "the RIFF size is the new one")
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
