import Foundation
import Testing

@testable import SiteKit

/// Images through libvips (the media stage): variants, markup, metadata, errors, rebuilds.
/// The images are in Fixtures/media (make_base.c and make_fixtures.py made them).
@Suite(.serialized) struct MediaTests {
    static let media = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/media")
    static let page = "Content/news/2021-02-02-photos.ja.md"

    func site(images: [String], markdown: String) throws -> FixtureSite {
        let site = try FixtureSite()
        let folder = site.root.appendingPathComponent("Public/images")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for image in images {
            try FileManager.default.copyItem(
                at: Self.media.appendingPathComponent(image), to: folder.appendingPathComponent(image))
        }
        try site.write(Self.page, "---\ntitle: 写真\ndate: 2021-02-02\n---\n\n" + markdown)
        return site
    }

    @Test func imagesGetVariantsSizesAndLazyLoading() throws {
        let site = try site(
            images: ["photo-exif6.jpg", "alpha.png"],
            markdown: "![会議の様子](/site/images/photo-exif6.jpg)\n\n![透過](/site/images/alpha.png)\n")
        defer { site.cleanUp() }
        try site.build()
        let html = try site.read("ja/news/2021-02-02-photos/index.html")
        // Stored 1200 × 800 with EXIF orientation 6: upright it is 800 × 1200.
        #expect(
            html.contains(
                "<picture><source type=\"image/webp\" srcset=\"/site/images/photo-exif6.480w.webp 480w, /site/images/photo-exif6.800w.webp 800w\" sizes=\"(min-width: 48rem) 46rem, 100vw\"><img src=\"/site/images/photo-exif6.800w.jpg\" srcset=\"/site/images/photo-exif6.480w.jpg 480w, /site/images/photo-exif6.800w.jpg 800w\" sizes=\"(min-width: 48rem) 46rem, 100vw\" alt=\"会議の様子\" width=\"800\" height=\"1200\" fetchpriority=\"high\" /></picture>"
            ), "\(html)")
        // The second image is lazy; a PNG keeps PNG as its fallback.
        #expect(
            html.contains(
                "<img src=\"/site/images/alpha.600w.png\" srcset=\"/site/images/alpha.480w.png 480w, /site/images/alpha.600w.png 600w\" sizes=\"(min-width: 48rem) 46rem, 100vw\" alt=\"透過\" width=\"600\" height=\"400\" loading=\"lazy\" decoding=\"async\" />"
            ))
        for (variant, size) in [("photo-exif6.480w.jpg", (480, 720)), ("photo-exif6.800w.webp", (800, 1200))] {
            let path = site.output.appendingPathComponent("images/" + variant).path
            let header = try ImageHeader.read(path).get()
            #expect((header.width, header.height) == size, "\(variant) is upright")
            #expect(header.orientation == 1, "\(variant)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            // No GPS IFD (tag 0x8825) and no camera EXIF block leaves with a variant.
            #expect(bytes.range(of: Data([0x25, 0x88])) == nil, "\(variant) has no GPS tag")
            #expect(bytes.range(of: Data("Exif\0\0".utf8)) == nil || variant.hasSuffix(".webp"), "\(variant)")
        }
        #expect(site.exists("images/alpha.480w.webp") && site.exists("images/photo-exif6.jpg"))
    }

    @Test func anSVGKeepsItsFileAndGetsItsSize() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Public/images/mark.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\"/>")
        try site.write(Self.page, "---\ntitle: 図\ndate: 2021-02-02\n---\n\n![印](/site/images/mark.svg)\n")
        try site.build()
        let html = try site.read("ja/news/2021-02-02-photos/index.html")
        #expect(
            html.contains(
                "<img src=\"/site/images/mark.svg\" alt=\"印\" width=\"120\" height=\"60\" fetchpriority=\"high\" />"),
            "\(html)")
        #expect(!site.exists("images/mark.120w.webp"))
    }

    @Test(arguments: [
        ("truncated.jpg", "the file is cut short (truncated)"),
        ("huge.png", "it is 100000×100000 pixels: the limit is 50000000 (limits.imagePixels)"),
    ])
    func anImageThatCannotBePublishedIsAnErrorWhereItIsUsed(file: String, message: String) throws {
        let site = try site(images: [file], markdown: "本文。\n\n![壊れた](/site/images/\(file))\n")
        defer { site.cleanUp() }
        let errors = site.buildErrors()
        #expect(
            errors.map(\.description).contains {
                $0.hasPrefix("\(Self.page):8:1: error: image `images/\(file)`: \(message)")
            },
            "\(errors)")
        #expect(!site.exists("index.html"))
    }

    @Test func notAnImageIsAnError() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Public/images/fake.jpg", "this is text, not a JPEG\n")
        try site.write(Self.page, "---\ntitle: 図\ndate: 2021-02-02\n---\n\n![偽物](/site/images/fake.jpg)\n")
        let errors = site.buildErrors()
        #expect(
            errors.contains {
                $0.line == 6 && $0.message.contains("its name says jpeg but its content is something else")
            }, "\(errors)")
    }

    /// A rebuild with no image change encodes nothing; a changed image gives the output a clean
    /// build would write (sizes in the page, new variants).
    @Test func rebuildsReuseTheCacheAndFollowAChangedImage() throws {
        let site = try site(images: ["photo-exif6.jpg"], markdown: "![会議の様子](/site/images/photo-exif6.jpg)\n")
        defer { site.cleanUp() }
        try site.build()
        let cache = site.root.appendingPathComponent(".iclei-cache/media")
        let encoded = try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
        #expect(encoded.count == 5, "four variants and the header cache: \(encoded)")
        #expect(encoded.contains("headers.tsv"))
        let again = try site.build()
        #expect(again.incremental?.written == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted() == encoded)
        // The photo is replaced by a smaller one (a variant of itself: 480 × 720, upright).
        let smaller = try Data(contentsOf: site.output.appendingPathComponent("images/photo-exif6.480w.jpg"))
        try smaller.write(to: site.root.appendingPathComponent("Public/images/photo-exif6.jpg"))
        let report = try site.build()
        #expect(report.incremental != nil)
        var options = SiteBuilder.Options(source: site.root, output: site.root.appendingPathComponent("Clean"))
        options.cacheFolder = nil
        try SiteBuilder(options: options).build()
        #expect(try site.snapshot() == site.snapshot(site.root.appendingPathComponent("Clean")))
        #expect(try site.read("ja/news/2021-02-02-photos/index.html").contains("width=\"480\" height=\"720\""))
    }
}

/// The card social networks show: the page's image field, else its section page's, else the
/// site's (site.yaml `image`); without any, a plain summary card.
@Suite struct SocialCardTests {
    @Test func pageSectionAndSiteImagesInThatOrder() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Public/images/card.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"/>")
        try site.write(
            "Public/images/own.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"400\"/>")
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "      venue: {type: text, role: venue}\n",
                with: "      venue: {type: text, role: venue}\n      image: {type: image}\n")
                + "\nimage: /site/images/card.svg\n"
        }
        let cafe = "Content/cafe/2021-02-cafe-5.ja.md"
        try site.replace(cafe) { "---\nimage: /site/images/own.svg\n" + $0.dropFirst(4) }
        try site.build()
        let own = try site.read("ja/cafe/2021-02-cafe-5/index.html")
        #expect(
            own.contains("<meta property=\"og:image\" content=\"https://example.org/site/images/own.svg\">"), "\(own)")
        #expect(own.contains("<meta property=\"og:image:width\" content=\"800\">"))
        #expect(own.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        let other = try site.read("ja/news/2021-01-28-agreement/index.html")
        #expect(other.contains("<meta property=\"og:image\" content=\"https://example.org/site/images/card.svg\">"))
        #expect(other.contains("<meta property=\"og:image:height\" content=\"630\">"))
    }

    @Test func withoutAnyImageASummaryCard() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let page = try site.read("ja/news/2021-01-28-agreement/index.html")
        #expect(!page.contains("og:image"))
        #expect(page.contains("<meta name=\"twitter:card\" content=\"summary\">"))
    }

    @Test func aMissingImageIsAnErrorAtItsField() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "      venue: {type: text, role: venue}\n",
                with: "      venue: {type: text, role: venue}\n      image: {type: image}\n")
        }
        let cafe = "Content/cafe/2021-02-cafe-5.ja.md"
        try site.replace(cafe) { "---\nimage: /site/images/none.jpg\n" + $0.dropFirst(4) }
        let errors = site.buildErrors()
        #expect(
            errors.contains {
                $0.file == cafe && $0.line == 2 && $0.message.contains("no file /site/images/none.jpg in Public/")
            }, "\(errors)")
    }
}

/// Links to documents show their format, size and pages (DocumentMarkup).
@Suite struct DocumentLinkTests {
    @Test func aPDFLinkSaysItsFormatSizeAndPagesInThePageLanguage() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let pdf = MediaTests.media.appendingPathComponent("report.pdf")
        try FileManager.default.createDirectory(
            at: site.root.appendingPathComponent("Public/docs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: pdf, to: site.root.appendingPathComponent("Public/docs/活動報告.pdf"))
        try site.write(
            "Content/news/2021-02-04-report.ja.md",
            "---\ntitle: 報告書\ndate: 2021-02-04\ntranslationKey: report\n---\n\n[活動報告 2020年度](/site/docs/活動報告.pdf)をご覧ください。\n"
        )
        try site.write(
            "Content/news/2021-02-04-report.en.md",
            "---\ntitle: Report\ndate: 2021-02-04\ntranslationKey: report\n---\n\nRead the [activity report FY2020](/site/docs/活動報告.pdf).\n"
        )
        try site.build()
        #expect(
            try site.read("ja/news/2021-02-04-report/index.html").contains(
                "活動報告 2020年度<span class=\"document-info\">（PDF・1 KB・3ページ）</span></a>"))
        #expect(
            try site.read("en/news/2021-02-04-report/index.html").contains(
                "activity report FY2020<span class=\"document-info\"> (PDF, 1 KB, 3 pages)</span></a>"))
        // Over the configured size: a warning where it is linked.
        try site.replace("Content/site.yaml") { $0 + "\nlimits: {documentBytes: 100}\n" }
        let warnings = SiteBuilder(options: .init(source: site.root, output: site.output)).check()
        #expect(
            warnings.contains {
                $0.file == "Content/news/2021-02-04-report.ja.md" && $0.line == 7 && $0.severity == .warning
                    && $0.message.contains("over limits.documentBytes (100)")
            }, "\(warnings)")
    }

    @Test func aPDFLinkAloneInItsParagraphShowsItsFirstPage() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try FileManager.default.copyItem(
            at: MediaTests.media.appendingPathComponent("report.pdf"),
            to: site.root.appendingPathComponent("Public/report.pdf"))
        try site.write(
            "Content/news/2021-02-04-report.ja.md",
            "---\ntitle: 報告書\ndate: 2021-02-04\n---\n\n[活動報告 2020年度](/site/report.pdf)\n\n本文中の[報告書](/site/report.pdf)。\n"
        )
        try site.build()
        let html = try site.read("ja/news/2021-02-04-report/index.html")
        #expect(
            html.contains(
                "<p class=\"document\"><a href=\"/site/report.pdf\"><img src=\"/site/report.cover.webp\" width=\"320\" height=\"453\" alt=\"\" loading=\"lazy\" decoding=\"async\" />活動報告 2020年度<span class=\"document-info\">（PDF・1 KB・3ページ）</span></a></p>"
            ), "\(html)")
        // Inside a sentence, only the words.
        #expect(html.contains("本文中の<a href=\"/site/report.pdf\">報告書<span class=\"document-info\">"))
        let cover = try ImageHeader.read(site.output.appendingPathComponent("report.cover.webp").path).get()
        #expect((cover.width, cover.height) == (320, 453))
    }

    @Test(arguments: [(999, "1 KB"), (820_400, "820 KB"), (3_240_000, "3.2 MB"), (40_000_000, "40 MB"), (12, "1 KB")])
    func sizesReadAsAPhoneShowsThem(bytes: Int, text: String) {
        #expect(DocumentMarkup.size(bytes) == text)
    }
}
