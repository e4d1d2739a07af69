import Foundation
import Testing

@testable import SiteKit
@testable import WordPressImport

/// Issue 38 item 16: with `unsafeHTML: true` raw HTML in Markdown is published as it is, so
/// whatever WordPress showed as text (`&lt;script&gt;`) must come out of the importer as text
/// in every place Markdown could read it as markup.
@Suite struct EscapingTests {
    static let vectors: [(String, String)] = [
        ("text", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("code", "<p><code>a`` &lt;script&gt;alert(2)&lt;/script&gt;</code></p>"),
        ("pre", "<pre>```\n~~~\n&lt;script&gt;alert(3)&lt;/script&gt;</pre>"),
        ("href", "<p><a href=\"x &lt;script&gt;alert(4)&lt;/script&gt;\">link</a></p>"),
        ("alt", "<p><img src=\"a.png\" alt=\"&lt;script&gt;alert(5)&lt;/script&gt;\"></p>"),
        ("src", "<p><img src=\"a b&gt;&lt;script&gt;alert(6)&lt;/script&gt;\" alt=\"x\"></p>"),
        ("split", "<p>a <b>&lt;</b>script&gt;alert(7)&lt;/script&gt;</p>"),
        ("cell", "<table><tr><td>&lt;script&gt;alert(8)&lt;/script&gt;</td></tr></table>"),
        ("iframe", "<iframe src=\"https://e.example/\" title=\"&lt;script&gt;alert(9)&lt;/script&gt;\"></iframe>"),
        ("entity", "<p>&amp;lt;b&amp;gt; is how a tag is written</p>"),
    ]

    @Test func textEscapedInWordPressStaysTextWithUnsafeHTML() throws {
        let box = try Sandbox()
        defer { box.cleanUp() }
        let config = box.site.appendingPathComponent("Content/site.yaml")
        try (try String(contentsOf: config, encoding: .utf8) + "markdown:\n  unsafeHTML: true\n")
            .write(to: config, atomically: true, encoding: .utf8)
        let items = Self.vectors.enumerated().map { n, vector in
            WXR.Item(id: 100 + n, title: "&lt;script&gt;alert(0)&lt;/script&gt;", slug: vector.0, content: vector.1)
        }
        let report = try box.run(items)
        #expect(report.written.count == Self.vectors.count)
        let output = box.base.appendingPathComponent("Output")
        try SiteBuilder(options: .init(source: box.site, output: output)).build()
        for (name, _) in Self.vectors {
            let html = try String(
                contentsOf: output.appendingPathComponent("ja/news/\(name)/index.html"), encoding: .utf8)
            #expect(!html.lowercased().contains("<script>alert"), "\(name)")
            #expect(!html.contains("onerror"), "\(name)")
        }
        let entity = try String(contentsOf: output.appendingPathComponent("ja/news/entity/index.html"), encoding: .utf8)
        #expect(entity.contains("&amp;lt;b&amp;gt; is how a tag is written"))
    }
}
