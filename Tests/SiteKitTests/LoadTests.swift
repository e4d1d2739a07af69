import Foundation
import Testing

@testable import SiteKit

@Suite struct LoadTests {
    let splitter = FrontMatterSplitter()

    private func split(_ text: String) -> FrontMatterSplitter.Parts? {
        try? splitter.split(Array(text.utf8), file: "f.md").get()
    }

    @Test func splitsFrontMatterAndBody() {
        let parts = split("---\ntitle: x\n---\n\nBody\n")
        #expect(parts?.yaml == "title: x")
        #expect(parts?.body == "\nBody\n")
        #expect(parts?.bodyFirstLine == 4)
    }

    @Test func acceptsBOMAndCRLF() {
        let parts = split("\u{FEFF}---\r\ntitle: x\r\ndate: 2021-01-01\r\n---\r\nBody\r\nmore\r\n")
        #expect(parts?.yaml == "title: x\ndate: 2021-01-01")
        #expect(parts?.body == "Body\nmore\n")
    }

    @Test func reportsUnclosedAndMissingFrontMatter() {
        #expect(split("---\ntitle: x\n")?.bodyFirstLine == -1)
        #expect(split("# Title\n")?.yaml == nil)
        #expect(split("")?.yaml == nil)
        #expect(split("----\ntitle: x\n----\n")?.yaml == nil, "only exactly three dashes open front matter")
    }

    @Test func refusesInvalidUTF8AndBinary() {
        let invalid = splitter.split([0x61, 0x0A, 0x62, 0xC3, 0x28], file: "f.md")
        #expect(throws: Diagnostic.self) { try invalid.get() }
        if case .failure(let d) = invalid { #expect(d.line == 2) }
        let overlong = splitter.split([0xC0, 0xAF], file: "f.md")
        #expect(throws: Diagnostic.self) { try overlong.get() }
        let surrogate = splitter.split([0xED, 0xA0, 0x80], file: "f.md")
        #expect(throws: Diagnostic.self) { try surrogate.get() }
        let binary = splitter.split([0x61, 0x00, 0x62], file: "f.md")
        #expect(throws: Diagnostic.self) { try binary.get() }
        #expect(FrontMatterSplitter.firstInvalidUTF8(Array("日本語 ✓ 😀".utf8)[...]) == nil)
    }

    @Test func yamlKeepsNestedMappingsAndPositions() throws {
        let mapping = try YAMLReader.readMapping(
            "title: 横浜市\nhead:\n  title: 市長\n  name: 山中竹春\ncount: 3\nok: true\nratio: 1.5\nquoted: \"true\"\nlist: [a, b]\n",
            file: "f", lineOffset: 1
        ).get()
        #expect(mapping["head"] == .object(["title": .string("市長"), "name": .string("山中竹春")]))
        #expect(mapping["count"] == .int(3))
        #expect(mapping["ok"] == .bool(true))
        #expect(mapping["ratio"] == .double(1.5))
        #expect(mapping["quoted"] == .string("true"))
        #expect(mapping["list"] == .list([.string("a"), .string("b")]))
        #expect(mapping.position(of: "count") == SourcePosition(line: 6, column: 1))
    }

    @Test func classifiesContentPaths() throws {
        let scanner = ContentScanner(languages: ["ja", "en"], defaultLanguage: "ja")
        let news = try scanner.classify("Content/news/2021-01-28-x.en.md").get()
        #expect(news.kind == .single && news.section == "news" && news.fileSlug == "2021-01-28-x" && news.lang == "en")
        let plain = try scanner.classify("Content/news/x.md").get()
        #expect(plain.lang == "ja", "no suffix means the default language")
        #expect(try scanner.classify("Content/index.en.md").get().kind == .home)
        #expect(try scanner.classify("Content/about.ja.md").get().kind == .standalone)
        #expect(try scanner.classify("Content/cafe/_index.ja.md").get().kind == .sectionIndex)
        #expect(
            try scanner.classify("Content/news/v1.2.md").get().fileSlug == "v1.2",
            "a dot that is no language code stays in the slug")
        #expect(throws: Diagnostic.self) { try scanner.classify("Content/news/x.fr.md").get() }
        #expect(throws: Diagnostic.self) { try scanner.classify("Content/news/x.pt-BR.md").get() }
    }

    @Test func datesInJapanTime() throws {
        let plain = try #require(SiteDate.parse("2025-01-15"))
        #expect(plain.iso == "2025-01-15")
        #expect(plain.weekday == 3, "15 January 2025 was a Wednesday")
        #expect(DateText.long(plain, japanese: true) == "2025年1月15日（水）")
        #expect(DateText.long(plain, japanese: false) == "15 January 2025")
        let utc = try #require(SiteDate.parse("2025-01-14T20:30:00Z"))
        #expect((utc.year, utc.month, utc.day) == (2025, 1, 15), "20:30 UTC is the next morning in Tokyo")
        #expect(utc.iso == "2025-01-15T05:30:00+09:00")
        let offset = try #require(SiteDate.parse("2021-03-31T23:00:00-05:00"))
        #expect((offset.month, offset.day, offset.fiscalYear) == (4, 1, 2021))
        #expect(SiteDate.parse("2021-01-28")?.fiscalYear == 2020)
        #expect(SiteDate.parse("2021-04-01")?.fiscalYear == 2021)
        #expect(SiteDate.parse("2024-02-29") != nil)
        for bad in ["2023-02-29", "2021-13-01", "2021-1-5", "yesterday", "2021-01-01T25:00", "2021-01-01T10:00+0"] {
            #expect(SiteDate.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func siteConfigReadsLanguagesAndBasePath() throws {
        let config = try SiteConfig.parse(
            """
            baseURL: https://japan.iclei.org/sub
            languages:
              - {code: ja, name: 日本語, title: イクレイ日本, menu: [{name: ニュース, path: news}]}
              - {code: en, name: English, title: ICLEI Japan}
            markdown: {unsafeHTML: true}
            """
        ).get()
        #expect(config.basePath == "/sub/")
        #expect(config.origin == "https://japan.iclei.org")
        #expect(config.defaultLanguage == "ja")
        #expect(config.allowRawHTML)
        #expect(config.languages[0].menu.map { [$0.name, $0.path] } == [["ニュース", "news"]])
        #expect(config.languages[0].menu[0].position == SourcePosition(line: 3, column: 68))
        #expect(throws: BuildFailure.self) { try SiteConfig.parse("baseURL: /\n").get() }
        #expect(throws: BuildFailure.self) {
            try SiteConfig.parse("languages: [{code: ja}]\ndefaultLanguage: en\n").get()
        }
    }
}

@Suite struct FolderHandleTests {
    @Test func filesAreCheckedThroughAtMostALimitedNumberOfOpenFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("iclei-folders-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var files: [String] = []
        for n in 0..<(FolderHandles.limit + 6) {
            let folder = root.appendingPathComponent("Content/s\(n)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("---\ntitle: \(n)\n---\n".utf8).write(to: folder.appendingPathComponent("p.md"))
            files.append("Content/s\(n)/p.md")
        }
        let handles = FolderHandles(root: root.path, files: files)
        defer { handles.close() }
        let opened = files.filter { handles.signature(of: $0) != nil }
        #expect(opened.count == FolderHandles.limit, "the rest are left to a stat of the whole path")
        for file in opened { #expect(handles.signature(of: file) == FileSignature(path: root.path + "/" + file)) }
        #expect(handles.signature(of: "Content/s0/missing.md") == nil)
    }
}

@Suite struct ContentListingTests {
    /// Sets the times of `news` and of its parent an hour back, as if they had not changed for a while.
    func age(_ news: URL) {
        for folder in [news, news.deletingLastPathComponent()] {
            var times = [
                timespec(tv_sec: time(nil) - 3600, tv_nsec: 0), timespec(tv_sec: time(nil) - 3600, tv_nsec: 0),
            ]
            #expect(utimensat(AT_FDCWD, folder.path, &times, 0) == 0)
        }
    }

    /// A site root with `Content/news/a.ja.md`, `more` done to the news folder before its
    /// folders are aged.
    func site(_ more: (URL) throws -> Void = { _ in }) throws -> (root: URL, news: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("iclei-listing-\(UUID().uuidString)")
        let news = root.appendingPathComponent("Content/news")
        try FileManager.default.createDirectory(at: news, withIntermediateDirectories: true)
        try Data("a".utf8).write(to: news.appendingPathComponent("a.ja.md"))
        try more(news)
        age(news)
        return (root, news)
    }

    @Test func aListingIsReusedUntilAFolderChanges() throws {
        let (root, news) = try site()
        defer { try? FileManager.default.removeItem(at: root) }

        var listing: ContentTree.Listing? = nil
        let first = ContentScanner.markdownFiles(root: root, reusing: &listing)
        #expect(first == ["Content/news/a.ja.md"])
        #expect(listing != nil, "folders unchanged for an hour: the listing is kept")

        // An edit saved in place changes no folder: the listing stands.
        try Data("edited".utf8).write(to: news.appendingPathComponent("a.ja.md"))
        let second = ContentScanner.markdownFiles(root: root, reusing: &listing)
        #expect(second == first)
        #expect(listing != nil)

        // A new file changes its folder: the folder is read again, and the listing, made within
        // a second of the change, is not kept.
        try Data("b".utf8).write(to: news.appendingPathComponent("b.en.md"))
        let third = ContentScanner.markdownFiles(root: root, reusing: &listing)
        #expect(third == ["Content/news/a.ja.md", "Content/news/b.en.md"])
        #expect(listing == nil)

        // A new folder changes its parent.
        age(news)
        _ = ContentScanner.markdownFiles(root: root, reusing: &listing)
        #expect(listing != nil)
        let cafe = root.appendingPathComponent("Content/cafe")
        try FileManager.default.createDirectory(at: cafe, withIntermediateDirectories: true)
        try Data("c".utf8).write(to: cafe.appendingPathComponent("c.ja.md"))
        #expect(ContentScanner.markdownFiles(root: root, reusing: &listing).contains("Content/cafe/c.ja.md"))
    }

    @Test func aListingWithALinkIsNotKept() throws {
        let (root, _) = try site { news in
            #expect(
                symlink(news.appendingPathComponent("a.ja.md").path, news.appendingPathComponent("b.ja.md").path) == 0)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        var listing: ContentTree.Listing? = nil
        #expect(ContentScanner.markdownFiles(root: root, reusing: &listing).count == 2)
        #expect(listing == nil, "a link's target can change without its folder changing")
    }
}
