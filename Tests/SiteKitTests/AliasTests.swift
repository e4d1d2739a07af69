import Foundation
import Testing

@testable import SiteKit

/// Old addresses (front matter `aliases`): redirect pages, host redirect files, WordPress
/// query links, and the errors a wrong alias gets.
@Suite struct AliasTests {
    static let page = "Content/news/2021-01-28-agreement.ja.md"

    func site(aliases: String) throws -> FixtureSite {
        let site = try FixtureSite()
        let path = site.root.appendingPathComponent(Self.page).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try site.write(Self.page, "---\naliases: \(aliases)\n" + text.dropFirst(4))
        return site
    }

    @Test func eachOldAddressIsARedirectPageToThePage() throws {
        let site = try site(aliases: #"[/ja/news/iclei-communication-26, "/ja/news/%E6%97%A5%E6%9C%AC/", /?p=123]"#)
        defer { site.cleanUp() }
        try site.build()
        let target = "/site/ja/news/2021-01-28-agreement/"
        for path in ["ja/news/iclei-communication-26/index.html", "ja/news/日本/index.html"] {
            let html = try site.read(path)
            #expect(html.contains(#"<meta http-equiv="refresh" content="0; url=\#(target)">"#), "\(path)")
            #expect(html.contains(#"<link rel="canonical" href="https://example.org\#(target)">"#), "\(path)")
            #expect(html.contains(#"<meta name="robots" content="noindex">"#))
            #expect(html.contains(#"<a href="\#(target)">協定の締結</a>"#))
            #expect(html.contains(#"<html lang="ja">"#))
        }
        #expect(
            try site.read("_redirects").contains(
                "/site/ja/news/iclei-communication-26 \(target) 301\n/site/ja/news/%E6%97%A5%E6%9C%AC \(target) 301\n"))
        let nginx = try site.read("redirects.nginx")
        #expect(nginx.contains(#"    "/site/ja/news/日本/" "\#(target)";"#))
        #expect(nginx.contains(#"    "/site/ja/news/iclei-communication-26" "\#(target)";"#))
        #expect(try site.read("redirects.json") == #"{"p=123":"\#(target)"}"#)
        // The root page asks the map before it goes to the default language.
        let root = try site.read("index.html")
        #expect(
            root.contains("fetch(\"/site/redirects.json\")") && root.contains("<noscript><meta http-equiv=\"refresh\""))
        // Redirects are not content: not in the sitemap, not counted.
        #expect(!(try site.read("sitemap.xml")).contains("iclei-communication-26"))
    }

    @Test func aSiteWithoutAliasesHasNoRedirectFiles() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        #expect(!site.exists("_redirects") && !site.exists("redirects.nginx") && !site.exists("redirects.json"))
        #expect(try site.read("index.html").contains(#"<meta http-equiv="refresh" content="0; url=/site/ja/">"#))
    }

    @Test(arguments: [
        ("[/ja/news/2021-01-28-agreement]", "is the address of Content/news/2021-01-28-agreement.ja.md"),
        ("[/ja/news/]", "is the address of the list of news (ja)"),
        ("[/ja/]", "is the address of"),
        ("[/old, /old/]", "is listed twice"),
        ("[ja/old]", "starts with `/`"),
        ("[/ja/../x]", "`.` and `..` are not allowed"),
        ("[/?s=x]", "the only queries an alias takes are WordPress links"),
        ("[/a#b]", "no `#` part"),
        ("[/ja/a b]", "it has a space"),
        ("{a: 1}", "`aliases` must be a list of old paths"),
        ("[/]", "the site root cannot be an alias"),
    ])
    func aWrongAliasIsAnErrorAtItsKey(aliases: String, message: String) throws {
        let site = try site(aliases: aliases)
        defer { site.cleanUp() }
        let errors = site.buildErrors()
        #expect(
            errors.contains { $0.file == Self.page && $0.line == 2 && $0.column == 1 && $0.message.contains(message) },
            "\(errors)")
        #expect(!site.exists("index.html"), "nothing is written")
    }

    @Test func anAliasClaimedByTwoPagesIsAnErrorForTheSecond() throws {
        let site = try site(aliases: "[/ja/old/]")
        defer { site.cleanUp() }
        let other = "Content/news/2021-01-28-agreement.en.md"
        let text = try String(contentsOfFile: site.root.appendingPathComponent(other).path, encoding: .utf8)
        try site.write(other, "---\naliases: [/ja/old]\n" + text.dropFirst(4))
        let errors = site.buildErrors()
        #expect(
            errors.contains { $0.file == Self.page && $0.message.contains("is also an alias of \(other)") }, "\(errors)"
        )
    }

    @Test func aLinkToAnOldAddressIsNotBroken() throws {
        let site = try site(aliases: "[/ja/old-agreement]")
        defer { site.cleanUp() }
        try site.write(
            "Content/news/2021-02-01-link.ja.md",
            "---\ntitle: リンク\ndate: 2021-02-01\n---\n\n[旧](/site/ja/old-agreement/)\n")
        #expect(site.buildErrors().isEmpty)
    }
}
