import Foundation
import Testing

@testable import SiteKit

/// A link on a line of its own to an allowed service becomes its player or map, titled by the
/// link's text, with the link kept as the caption; anything else stays a link; a bare address
/// that would embed is an error at its line.
@Suite struct EmbedTests {
    func render(_ markdown: String, embeds: Set<EmbedService> = Set(EmbedService.allCases)) -> MarkdownResult {
        var renderer = MarkdownRenderer()
        renderer.embeds = embeds
        return renderer.render(markdown, file: "Content/cafe/x.ja.md", firstLine: 6)
    }

    func html(_ markdown: String, embeds: Set<EmbedService> = Set(EmbedService.allCases)) -> String {
        String(decoding: render(markdown, embeds: embeds).html, as: UTF8.self)
    }

    /// The frame's address, or nil when the line stayed a link.
    func src(_ url: String) -> String? {
        let out = html("[地図・動画](\(url))\n")
        guard let start = out.range(of: "<iframe src=\"") else { return nil }
        return String(out[start.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func aYouTubeLinkOnItsOwnLineBecomesAPrivacyEnhancedLazyPlayer() {
        let result = render("録画です。\n\n[第4回イクレイカフェ 録画](https://www.youtube.com/watch?v=abcDEF12345)\n")
        #expect(
            String(decoding: result.html, as: UTF8.self)
                == """
                <p>録画です。</p>
                <figure class="embed embed-video">
                <iframe src="https://www.youtube-nocookie.com/embed/abcDEF12345" title="第4回イクレイカフェ 録画" loading="lazy" allow="encrypted-media; picture-in-picture" allowfullscreen></iframe>
                <figcaption><a href="https://www.youtube.com/watch?v=abcDEF12345">第4回イクレイカフェ 録画</a></figcaption>
                </figure>

                """)
        #expect(result.diagnostics.isEmpty)
        #expect(result.links.map(\.url) == ["https://www.youtube.com/watch?v=abcDEF12345"], "the link is still checked")
    }

    @Test func everyYouTubeAddressFormGivesTheSamePlayer() {
        let player = "https://www.youtube-nocookie.com/embed/abcDEF12345"
        for url in [
            "https://youtu.be/abcDEF12345", "https://m.youtube.com/watch?v=abcDEF12345&feature=share",
            "https://www.youtube.com/shorts/abcDEF12345", "https://www.youtube.com/live/abcDEF12345",
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ] {
            #expect(src(url) == player, "\(url)")
        }
        #expect(src("https://youtu.be/abcDEF12345?t=90") == player + "?start=90")
        #expect(src("https://www.youtube.com/watch?v=abcDEF12345&t=1m30s") == player + "?start=90")
        #expect(src("https://www.youtube.com/watch?v=short") == nil, "not a video id")
        #expect(src("https://www.youtube.com/@iclei") == nil, "a channel is no video")
    }

    @Test func mapsAndSlidesUseTheirServicesEmbedAddresses() throws {
        let osm = try #require(
            src("https://www.openstreetmap.org/?mlat=35.66620&mlon=139.75310#map=17/35.66620/139.75310"))
        #expect(osm.hasPrefix("https://www.openstreetmap.org/export/embed.html?bbox="))
        #expect(osm.hasSuffix("&layer=mapnik&marker=35.66620%2C139.75310"))
        let box = try #require(osm.split(separator: "=")[1].split(separator: "&").first).components(separatedBy: "%2C")
            .compactMap(Double.init)
        #expect(box.count == 4 && box[0] < 139.7531 && 139.7531 < box[2] && box[1] < 35.6662 && 35.6662 < box[3])
        #expect(abs((box[2] - box[0]) - 640.0 / (256 * 131072) * 360) < 1e-4, "640 px wide at zoom 17")
        #expect(src("https://www.openstreetmap.org/node/123456") == nil, "a node's place needs a network call")
        let google = "https://www.google.com/maps/embed?pb=!1m18!1m12"
        #expect(src(google) == google)
        #expect(src("https://www.google.com/maps/place/Tokyo") == nil, "a place page needs a key or the pb code")
        #expect(src("https://speakerdeck.com/player/0123abcd") == "https://speakerdeck.com/player/0123abcd")
        #expect(src("https://speakerdeck.com/iclei/deck") == nil, "a deck page's player id needs oEmbed")
        #expect(
            src("https://www.slideshare.net/slideshow/embed_code/key/AbC123")
                == "https://www.slideshare.net/slideshow/embed_code/key/AbC123")
        #expect(src("https://www.slideshare.net/iclei/deck") == nil)
        #expect(html("[地図](https://www.openstreetmap.org/#map=12/35/139)\n").contains("class=\"embed embed-map\""))
    }

    @Test func aHostOffTheAllowListOrALinkInASentenceStaysALink() {
        let youtube = "[録画](https://youtu.be/abcDEF12345)\n"
        #expect(html(youtube, embeds: [.openstreetmap]) == "<p><a href=\"https://youtu.be/abcDEF12345\">録画</a></p>\n")
        #expect(html(youtube, embeds: []) == "<p><a href=\"https://youtu.be/abcDEF12345\">録画</a></p>\n")
        #expect(html("[録画](https://vimeo.com/123456)\n") == "<p><a href=\"https://vimeo.com/123456\">録画</a></p>\n")
        #expect(!html("録画は[こちら](https://youtu.be/abcDEF12345)です。\n").contains("<iframe"))
        #expect(!html("> [録画](https://youtu.be/abcDEF12345)\n").contains("<iframe"), "only a paragraph of the page")
        #expect(!html("- [録画](https://youtu.be/abcDEF12345)\n").contains("<iframe"))
        #expect(render("https://vimeo.com/123456\n").diagnostics.isEmpty, "a bare address that would not embed is fine")
    }

    @Test func aBareAddressThatWouldEmbedIsAnErrorAtItsLine() {
        for line in [
            "https://youtu.be/abcDEF12345", "<https://youtu.be/abcDEF12345>", "[](https://youtu.be/abcDEF12345)",
            "[https://youtu.be/abcDEF12345](https://youtu.be/abcDEF12345)",
        ] {
            let result = render("前文。\n\n\(line)\n")
            #expect(result.diagnostics.count == 1, "\(line)")
            let problem = result.diagnostics.first
            #expect(problem?.severity == .error && problem?.line == 8 && problem?.column == 1, "\(line)")
            #expect(problem?.message.contains("write it as [title](https://youtu.be/abcDEF12345)") == true)
            #expect(!String(decoding: result.html, as: UTF8.self).contains("<iframe"))
        }
    }

    @Test func theTitleIsEscapedInItsAttribute() {
        let out = html("[A & B < C > D `\"e\"`](https://youtu.be/abcDEF12345)\n")
        #expect(out.contains("title=\"A &amp; B &lt; C &gt; D &quot;e&quot;\" loading"), "\(out)")
    }

    @Test func embedsInSiteYAMLAreCheckedWordByWord() {
        let base = "baseURL: https://example.org/\nlanguages:\n  - {code: ja, title: テスト}\n"
        let good = try? SiteConfig.parse(base + "embeds: [youtube, openstreetmap]\n").get()
        #expect(good?.embeds == [.youtube, .openstreetmap])
        #expect((try? SiteConfig.parse(base).get())?.embeds == [], "none unless listed")
        guard case .failure(let failure) = SiteConfig.parse(base + "embeds: [youtube, vimeo]\n") else {
            Issue.record("an unknown service was accepted")
            return
        }
        #expect(failure.diagnostics.map(\.line) == [4] && failure.diagnostics.first?.severity == .error)
        #expect(failure.diagnostics.first?.message.contains("vimeo") == true, "\(failure.diagnostics)")
    }

    @Test func theParsedPageIsParsedAgainWhenTheAllowListChanges() throws {
        var cache = MarkdownCache()
        let files = [
            "Content/news/2025-01-01-a.ja.md":
                "---\ntitle: A\ndate: 2025-01-01\n---\n\n[録画](https://youtu.be/abcDEF12345)\n"
        ]
        let site = try InMemorySite(files: files).linked()
        var renderer = MarkdownRenderer()
        renderer.embeds = [.youtube]
        let first = cache.render(site, renderer: renderer)
        renderer.embeds = []
        let second = cache.render(site, renderer: renderer)
        #expect(String(decoding: first[0].html, as: UTF8.self).contains("<iframe"))
        #expect(!String(decoding: second[0].html, as: UTF8.self).contains("<iframe"))
    }
}
