import Foundation

@testable import WordPressImport

/// Minimal WordPress exports written by the tests, one `<item>` per call.
enum WXR {
    struct Item {
        var id: Int
        var title = "Title"
        var type = "post"
        var status = "publish"
        var slug = "a-post"
        var date = "2025-01-15 10:00:00"
        var gmt = "2025-01-15 01:00:00"
        var content = "<p>Text.</p>"
        var link: String?
        var parent = 0
        /// Raw XML added inside the item (postmeta, categories, attachment URL).
        var extra = ""

        var xml: String {
            """
            <item>
            <title><![CDATA[\(title)]]></title>
            <link>\(link ?? "https://old.example/\(slug)/")</link>
            <content:encoded><![CDATA[\(content)]]></content:encoded>
            <excerpt:encoded><![CDATA[]]></excerpt:encoded>
            <wp:post_id>\(id)</wp:post_id>
            <wp:post_date><![CDATA[\(date)]]></wp:post_date>
            <wp:post_date_gmt><![CDATA[\(gmt)]]></wp:post_date_gmt>
            <wp:post_name><![CDATA[\(slug)]]></wp:post_name>
            <wp:status><![CDATA[\(status)]]></wp:status>
            <wp:post_parent>\(parent)</wp:post_parent>
            <wp:post_type><![CDATA[\(type)]]></wp:post_type>
            \(extra)
            </item>
            """
        }
    }

    static let head = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
        xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <link>https://old.example</link>
        <wp:base_site_url>https://old.example</wp:base_site_url>

        """

    static func export(_ items: [Item]) -> String {
        head + items.map(\.xml).joined(separator: "\n") + "\n</channel>\n</rss>\n"
    }

    static func meta(_ key: String, _ value: String) -> String {
        "<wp:postmeta><wp:meta_key><![CDATA[\(key)]]></wp:meta_key><wp:meta_value><![CDATA[\(value)]]></wp:meta_value></wp:postmeta>"
    }

    static func attachment(_ id: Int, _ upload: String, parent: Int = 0) -> Item {
        Item(
            id: id, title: "file \(id)", type: "attachment", status: "inherit", slug: "file-\(id)", content: "",
            parent: parent,
            extra: "<wp:attachment_url><![CDATA[https://old.example/wp-content/uploads/\(upload)]]></wp:attachment_url>"
        )
    }
}

/// A folder of its own for one test: `site` (a copy of the SiteKit tests' basic site, so that
/// it builds), the export, the uploads copy, and room around them to see that nothing was
/// written outside the site.
struct Sandbox {
    let base: URL
    var site: URL { base.appendingPathComponent("site") }
    var export: URL { base.appendingPathComponent("export.xml") }
    var uploads: URL { base.appendingPathComponent("uploads") }

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("iclei-import-\(UUID().uuidString)")
        let basic = ImportTests.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SiteKitTests/Fixtures/basic")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: basic, to: site)
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
    }

    /// This repository's own site (Content/, Templates/, Public/) in place of the test fixture.
    func useRepositorySite() throws {
        let repo = ImportTests.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try FileManager.default.removeItem(at: site)
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        for folder in ["Content", "Templates", "Public"] {
            try FileManager.default.copyItem(
                at: repo.appendingPathComponent(folder), to: site.appendingPathComponent(folder))
        }
    }

    func write(_ text: String, _ path: String) throws {
        let url = base.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: base.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isDirectory)
    }

    func link(_ path: String, to target: String) throws {
        let url = base.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func run(_ items: [WXR.Item], map: ImportMap = ImportMap(), force: Bool = false) throws -> WordPressImporter.Report
    {
        try WXR.export(items).write(to: export, atomically: false, encoding: .utf8)
        return try runExport(map: map, force: force)
    }

    func runExport(map: ImportMap = ImportMap(), force: Bool = false) throws -> WordPressImporter.Report {
        var options = WordPressImporter.Options(export: export.path, site: site, uploads: uploads.path)
        options.map = map
        options.force = force
        return try WordPressImporter(options: options).run()
    }

    /// Every path below `base`, relative to it.
    func allPaths() -> Set<String> {
        let enumerator = FileManager.default.enumerator(atPath: base.path)
        var paths: Set<String> = []
        while let path = enumerator?.nextObject() as? String { paths.insert(path) }
        return paths
    }

    func cleanUp() { try? FileManager.default.removeItem(at: base) }
}
