import Foundation
import Testing

@testable import SiteKit

/// Stylesheets and scripts under names carrying their content hash, with their integrity.
@Suite struct AssetTests {
    @Test func aNameCarriesTheHashBeforeItsExtension() {
        #expect(Assets.fingerprinted("css/site.css", "cb00753f45") == "css/site.cb00753f45.css")
        #expect(Assets.fingerprinted("js/jquery.min.js", "0123456789") == "js/jquery.min.0123456789.js")
        #expect(Assets.fingerprinted("search.js", "0123456789") == "search.0123456789.js")
        // A dot in a folder's name is no extension.
        #expect(Assets.fingerprinted("v1.2/script", "0123456789") == "v1.2/script.0123456789")
    }

    @Test func theHashIsSHA384AsSubresourceIntegrityWantsIt() throws {
        var assets = Assets()
        assets.add("css/a.css", bytes: Array("abc".utf8))
        let asset = try #require(assets["css/a.css"])
        // FIPS 180-2's example: SHA-384("abc") = cb00753f45a35e8b…
        #expect(asset.fingerprinted == "css/a.cb00753f45.css")
        #expect(asset.integrity == "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn")
        #expect(
            AssetValues.value(assets, basePath: "/site/").value(at: "css/a.css")?["url"] == "/site/css/a.cb00753f45.css"
        )
        #expect(AssetValues.value(assets, basePath: "/").value(at: "css/b.css") == nil)
    }

    /// Every page loads the stylesheet by its fingerprinted name with its integrity; both names
    /// are published, byte for byte; the name holds while the file does and follows an edit.
    @Test func pagesLoadTheFingerprintedStylesheetAndAnEditRenamesIt() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let css = try String(contentsOf: site.root.appendingPathComponent("Public/css/site.css"), encoding: .utf8)
        let asset = try #require(Assets(publicFiles: ["css/site.css"], in: site.root.path + "/Public")["css/site.css"])
        let link = "<link rel=\"stylesheet\" href=\"/site/\(asset.fingerprinted)\" integrity=\"\(asset.integrity)\">"
        // Every page laid out by the fixture's layout (not the redirects, the built-in search page
        // or the root's language choice, which loads no stylesheet).
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter {
            $0.hasSuffix(".html") && $0 != "index.html"
                && ((try? site.read($0)) ?? "").contains("<link rel=\"canonical\"")
        }
        #expect(pages.count > 10)
        for page in pages { #expect(try site.read(page).contains(link), "\(page)") }
        #expect(try site.read(asset.fingerprinted) == css)
        #expect(try site.read("css/site.css") == css)

        try site.build()
        #expect(try site.read("en/index.html").contains(link), "an unchanged file keeps its name")

        try site.write("Public/css/site.css", css + "a { color: #005f6b; }\n")
        try site.build()
        let edited = try #require(
            Assets(publicFiles: ["css/site.css"], in: site.root.path + "/Public")["css/site.css"])
        #expect(edited.fingerprinted != asset.fingerprinted)
        #expect(!site.exists(asset.fingerprinted), "the old name is gone")
        for page in pages { #expect(try site.read(page).contains("href=\"/site/\(edited.fingerprinted)\""), "\(page)") }
    }

    /// The built-in search script too: the search page loads it by its fingerprinted name.
    @Test func theSearchScriptIsFingerprinted() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        var assets = Assets()
        assets.add(OutputNames.searchScript, bytes: SearchScript.bytes)
        let script = try #require(assets[OutputNames.searchScript])
        let page = try site.read("ja/search/index.html")
        #expect(page.contains("<script src=\"/site/\(script.fingerprinted)\" integrity=\"\(script.integrity)\" defer>"))
        #expect(try site.read(script.fingerprinted) == SearchScript.source)
        #expect(try site.read(OutputNames.searchScript) == SearchScript.source)
    }

    /// A template naming a file Public/ does not have is told, as any unknown name is.
    @Test func aTemplateNamingAMissingAssetIsWarnedAbout() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.replace("Templates/layout.mustache") {
            $0.replacingOccurrences(of: "assets.css/site.css}}<link", with: "assets.css/style.css}}<link")
                .replacingOccurrences(of: "{{/assets.css/site.css}}", with: "{{/assets.css/style.css}}")
        }
        let report = SiteBuilder(options: .init(source: site.root, output: site.output)).check()
        #expect(report.map(\.message).contains { $0.contains("assets.css/style.css") }, "\(report)")
    }
}
