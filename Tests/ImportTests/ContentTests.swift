import Foundation
import Testing

@testable import SiteKit
@testable import WordPressImport

/// Issue 36 items 4 and 5: what the importer lost silently becomes content (or a counted
/// warning), and the classic editor's paragraphs are read as WordPress reads them.
@Suite struct ContentTests {
    static func image(_ upload: String) -> String {
        "https://old.example/wp-content/uploads/" + upload
    }

    @Test func galleriesMediaBlocksFeaturedImagesCaptionsAndListsAreKept() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let config = box.site.appendingPathComponent("Content/site.yaml")
        let yaml = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(
            of: "      members: {type: reference, section: members}\n  cafe:",
            with: "      members: {type: reference, section: members}\n      image: {type: image}\n  cafe:")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        for name in ["talk.mp3", "clip.mp4"] { try box.write(name, "uploads/2024/" + name) }
        let photo = ImportTests.fixtures.appendingPathComponent("uploads/2024/05/photo.jpg")
        for name in ["a.jpg", "b.jpg", "cover.jpg"] {
            try FileManager.default.copyItem(at: photo, to: box.uploads.appendingPathComponent("2024/" + name))
        }
        let content = """
            [gallery columns="2"]

            [audio \(Self.image("2024/talk.mp3"))]

            [video mp4="\(Self.image("2024/clip.mp4"))"][/video]

            <video controls><source src="\(Self.image("2024/clip.mp4"))" type="video/mp4"></video>

            <!-- wp:block {"ref":50} /-->

            [caption id="attachment_1" width="300"]<a href="https://example.org/big"><img src="\(Self.image("2024/a.jpg"))" alt="A" /></a> Caption[/caption]

            <ul><li>one</li><li>two</li></ul>
            <ul><li>three</li></ul>
            <ol><li>first</li></ol><ol><li>second</li></ol>
            """
        let report = try box.run([
            WXR.Item(id: 1, slug: "media", content: content, extra: WXR.meta("_thumbnail_id", "23")),
            WXR.attachment(21, "2024/a.jpg", parent: 1),
            WXR.attachment(22, "2024/b.jpg", parent: 1),
            WXR.attachment(23, "2024/cover.jpg"),
            WXR.Item(id: 50, title: "Block", type: "wp_block", slug: "block", content: "<p>再利用ブロックの本文</p>"),
            WXR.Item(
                id: 2, status: "future", slug: "later", date: "2031-04-01 09:30:00", gmt: "0000-00-00 00:00:00",
                extra: WXR.meta("_wp_old_slug", "earlier-name")),
        ])
        let media = try box.text("site/Content/news/2025-01-15-media.ja.md")
        // [gallery] without ids: the images attached to the post, as WordPress shows them.
        #expect(media.contains("![file 21](/site/wp-content/uploads/2024/a.jpg)"))
        #expect(media.contains("![file 22](/site/wp-content/uploads/2024/b.jpg)"))
        #expect(media.contains("\n[talk.mp3](/site/wp-content/uploads/2024/talk.mp3)\n"))
        #expect(
            media.contains(
                "\n[clip.mp4](/site/wp-content/uploads/2024/clip.mp4)\n\n[clip.mp4](/site/wp-content/uploads/2024/clip.mp4)\n"
            ))
        #expect(media.contains("\n再利用ブロックの本文\n"))
        #expect(media.contains("image: \"/site/wp-content/uploads/2024/cover.jpg\"\n"))
        // The link around a captioned image stays on the image.
        #expect(media.contains("[![A](/site/wp-content/uploads/2024/a.jpg)](https://example.org/big)"))
        // Two lists in a row stay two lists.
        #expect(media.contains("- one\n- two\n\n* three\n\n1. first\n\n1) second\n"))
        let later = try box.text("site/Content/news/2031-04-01-later.ja.md")
        #expect(later.contains("date: 2031-04-01\npublishDate: 2031-04-01T09:30\n"))
        #expect(later.contains("aliases: [\"/later\", \"/earlier-name\", \"/?p=2\"]"))
        #expect(report.skipped["drafts"] == nil && report.skipped["reusable blocks"] == 1)
        #expect(report.uploadsCopied == 5)
        let builder = SiteBuilder(options: .init(source: box.site, output: box.base.appendingPathComponent("Output")))
        #expect(builder.check().filter { $0.severity == .error } == [])
    }

    /// Item 5: classic content mixing <p> with blank-line paragraphs, <br> in <pre>, an address.
    @Test func classicParagraphsFollowWordPressAutop() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let content = """
            <p>最初の段落。</p>
            二つ目の段落。

            三つ目の段落、
            二行目。
            <pre class="wp-block-preformatted">一行目<br>二行目</pre>
            <address>横浜市西区
            みなとみらい1-1</address>
            """
        _ = try box.run([WXR.Item(id: 1, slug: "classic", content: content)])
        let text = try box.text("site/Content/news/2025-01-15-classic.ja.md")
        #expect(text.contains("\n最初の段落。\n\n二つ目の段落。\n\n三つ目の段落、\\\n二行目。\n\n```\n一行目\n二行目\n```\n\n横浜市西区\\\nみなとみらい1-1\n"))
    }

    /// WordPress embeds an address on a line of its own; the site does too, with a title.
    @Test func anEmbeddedAddressGetsTheServicesNameAsItsTitle() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let content = """
            録画です。

            http://www.youtube.com/watch?v=abcDEF12345

            [embed]https://youtu.be/abcDEF12345[/embed]

            https://example.org/page
            """
        let report = try box.run([WXR.Item(id: 1, slug: "video", content: content)])
        let text = try box.text("site/Content/news/2025-01-15-video.ja.md")
        #expect(text.contains("\n[YouTube](http://www.youtube.com/watch?v=abcDEF12345)\n"), "\(text)")
        #expect(text.contains("\n[YouTube](https://youtu.be/abcDEF12345)\n"), "\(text)")
        #expect(text.contains("\nhttps://example.org/page\n"), "an address that embeds nowhere stays as it is")
        #expect(report.warningCounts["embed without title"] == 2)
    }

    /// Every construct left out is reported with its line and counted.
    @Test func whatIsLeftOutIsReportedWithItsLine() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let report = try box.run([
            WXR.Item(
                id: 1, slug: "x",
                content: "<p>a</p><video controls></video>[audio]<!-- wp:block {\"ref\":9} /-->"
                    + "<object data=\"f.swf\"></object><iframe></iframe><p><img alt=\"x\"></p><form><input></form>"
                    + "[gallery ids=\"77\"]")
        ])
        #expect(
            report.warningCounts == [
                "video": 1, "audio": 1, "reusable block": 1, "object": 1, "iframe": 1, "img": 1, "form": 1,
                "gallery": 1,
            ])
        #expect(report.warnings.allSatisfy { $0.hasPrefix(box.export.path + ":") && $0.contains(": warning: ") })
    }

    /// An image without alt text takes the media library's (`_wp_attachment_image_alt`), also
    /// for a resized copy and on WordPress.com's upload host; one without any is reported.
    @Test func imagesTakeTheMediaLibrarysAltText() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        var bridge = WXR.attachment(21, "2024/bridge.jpg")
        bridge.extra =
            "<wp:attachment_url>https://demo.files.wordpress.com/2024/bridge.jpg</wp:attachment_url>"
            + WXR.meta("_wp_attachment_image_alt", "金門橋")
        let content = """
            <p><img src="https://demo.files.wordpress.com/2024/bridge-300x200.jpg?w=300" alt=""></p>
            <p><img src="https://demo.files.wordpress.com/2024/other.jpg"></p>
            """
        let report = try box.run([WXR.Item(id: 1, slug: "alt", content: content), bridge])
        let text = try box.text("site/Content/news/2025-01-15-alt.ja.md")
        #expect(text.contains("![金門橋](https://demo.files.wordpress.com/2024/bridge-300x200.jpg?w=300)"))
        #expect(report.warningCounts["image without alt"] == 1)
        // The upload host is the site's: the file was looked for in --uploads.
        #expect(report.warningCounts["missing upload"] == 3)
    }

    /// Bold and italics are written around the text as WordPress had them, Japanese brackets
    /// and stops included (the site reads emphasis with the CJK-friendly amendment); only what
    /// even the amended rules cannot read is left plain, and reported.
    @Test func emphasisIsWrittenSoThatMarkdownReadsIt() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let content = """
            <p>これは<strong>「強調」</strong>です。</p>
            <p><strong><img src="https://e.example/a.png" alt="図"></strong>この段落は続きます。</p>
            <p>English <em>words</em> stay, but a<strong>(b)</strong>c cannot.</p>
            <p><del>取り消し</del>と<s>旧</s>。</p>
            """
        let report = try box.run([WXR.Item(id: 1, slug: "em", content: content)])
        let text = try box.text("site/Content/news/2025-01-15-em.ja.md")
        #expect(text.contains("\nこれは**「強調」**です。\n"), "\(text)")
        #expect(text.contains("\n**![図](https://e.example/a.png)**この段落は続きます。\n"), "\(text)")
        #expect(text.contains("\nEnglish *words* stay, but a(b)c cannot.\n"), "\(text)")
        #expect(text.contains("\n~~取り消し~~と~~旧~~。\n"), "\(text)")
        #expect(report.warningCounts["emphasis"] == 1)
        let builder = SiteBuilder(options: .init(source: box.site, output: box.base.appendingPathComponent("Output")))
        #expect(!builder.check().contains { $0.message.contains("was not read as emphasis") })
    }

    /// HTML → Markdown → HTML: every `<strong>`, `<em>` and `<del>` beside Japanese text and
    /// punctuation comes back (issue 32), as the site's own Markdown renders the file.
    @Test func aRoundTripKeepsEveryStrongBesideJapanesePunctuation() throws {
        let cases = [
            "<strong>「東京」</strong>です", "これは<strong>私のやりたかったこと。</strong>だからするの。",
            "正解は<strong>④</strong>です", "<strong><a href=\"https://example.com\">リンク</a></strong>も注意",
            "<em>（注）</em>を参照", "「<strong>重要</strong>」と<del>書いた</del>。", "<strong>2025年1月15日</strong>（水）",
            "<strong>『白書』</strong>、<em>第3章</em>。",
        ]
        let box = try Sandbox()
        defer { box.cleanUp() }
        let items = cases.enumerated().map { n, html in WXR.Item(id: n + 1, slug: "rt\(n)", content: "<p>\(html)</p>") }
        let report = try box.run(items)
        #expect(report.warningCounts["emphasis"] == nil)
        let renderer = MarkdownRenderer()
        for (n, html) in cases.enumerated() {
            let file = try box.text("site/Content/news/2025-01-15-rt\(n).ja.md")
            let body = String(file.split(separator: "---\n", maxSplits: 2, omittingEmptySubsequences: false)[2])
            let back = String(decoding: renderer.render(body, file: "x").html, as: UTF8.self)
            for tag in ["<strong>", "<em>", "<del>"] {
                #expect(
                    back.components(separatedBy: tag).count == html.components(separatedBy: tag).count,
                    "\(html) → \(body) → \(back)")
            }
        }
    }

    /// Without --uploads the links to uploads keep their old address, counted once, not
    /// warned about one by one (the Theme Unit Test gave 428 warnings).
    @Test func withoutUploadsLinksKeepTheirAddressAndAreCountedOnce() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let links = (1...5).map { "<p><a href=\"\(Self.image("2024/f\($0).pdf"))\">f</a></p>" }.joined()
        try WXR.export([WXR.Item(id: 1, slug: "x", content: links)]).write(
            to: box.export, atomically: false, encoding: .utf8)
        let report = try WordPressImporter(options: .init(export: box.export.path, site: box.site)).run()
        #expect(report.warningCounts["missing upload"] == nil)
        #expect(report.uploadLinksKept == 5)
        #expect(try box.text("site/Content/news/2025-01-15-x.ja.md").contains("(\(Self.image("2024/f3.pdf")))"))
    }

    /// HTML nested deeper than libxml2 reads (256 elements) lost everything inside it without
    /// a word: its text is kept, and the loss of markup reported.
    @Test func htmlTooDeepToReadKeepsItsTextAndSaysSo() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let content = String(repeating: "<div>", count: 300) + "深いところの本文 &amp; more" + "<p>二段落目</p>"
        let report = try box.run([WXR.Item(id: 1, slug: "deep", content: content)])
        let text = try box.text("site/Content/news/2025-01-15-deep.ja.md")
        #expect(text.contains("\n深いところの本文 & more\n\n二段落目\n"))
        #expect(report.warningCounts["unreadable HTML"] == 1)
        // The excerpt too (it becomes the summary).
        var excerpt = WXR.Item(id: 2, slug: "deep-excerpt")
        excerpt.extra = "<excerpt:encoded><![CDATA[\(String(repeating: "<b>", count: 300))要約]]></excerpt:encoded>"
        _ = try box.run([excerpt])
        #expect(try box.text("site/Content/news/2025-01-15-deep-excerpt.ja.md").contains("\nsummary: \"要約\"\n"))
    }

    /// `<ol start>` keeps its numbers, and a nested list stays in a tight list.
    @Test func listsKeepTheirStartAndStayTight() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let content = """
            <ol start="8"><li>eight</li><li>nine</li></ol>
            <ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul>
            """
        _ = try box.run([WXR.Item(id: 1, slug: "lists", content: content)])
        let text = try box.text("site/Content/news/2025-01-15-lists.ja.md")
        #expect(text.contains("\n8. eight\n9. nine\n\n- one\n  - inner\n- two\n"))
    }

    /// A category and a tag that differ only in case are one tag.
    @Test func categoriesAndTagsDifferingInCaseAreOneTag() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let terms = """
            <category domain="category" nicename="markup"><![CDATA[Markup]]></category>
            <category domain="post_tag" nicename="markup-2"><![CDATA[markup]]></category>
            """
        _ = try box.run([WXR.Item(id: 1, slug: "tags", extra: terms)])
        #expect(try box.text("site/Content/news/2025-01-15-tags.ja.md").contains("\ntags: [\"Markup\"]\n"))
    }
}
