import Foundation

@testable import SiteKit

/// A site made of strings, for testing one stage on small values without a disk: site.yaml's
/// text and each content file's path and text, read as the load stage reads them.
struct InMemorySite {
    static let config = """
        baseURL: https://example.org/
        defaultLanguage: ja
        paginate: 2
        languages:
          - {code: ja, name: 日本語, locale: ja_JP, title: サイト}
          - {code: en, name: English, locale: en_US, title: Site}
        sections:
          news: {kind: articles}
        """

    var configText = Self.config
    var files: [String: String] = [:]

    func loaded() throws -> LoadedSite {
        let config = try SiteConfig.parse(configText, file: SiteConfig.path).get()
        let scanner = ContentScanner(languages: config.languageCodes, defaultLanguage: config.defaultLanguage)
        let reader = PageReader(datedSections: ["news"], limits: config.limits)
        var pages: [Page] = []
        var diagnostics: [Diagnostic] = []
        for path in files.keys.sorted() {
            switch scanner.classify(path) {
            case .failure(let problem): diagnostics.append(problem)
            case .success(let file):
                switch reader.read(file, bytes: Array(files[path]!.utf8)) {
                case .success(let page): pages.append(page)
                case .failure(let problems): diagnostics += problems.diagnostics
                }
            }
        }
        return LoadedSite(
            root: URL(fileURLWithPath: "/nonexistent"), config: config, pages: pages, diagnostics: diagnostics,
            configKey: 0)
    }

    func linked() throws -> LinkedSite { SiteLinker().link(try loaded()) }

    /// Every page's Markdown through the parse stage, as the build gives it to later stages.
    static func markdown(_ site: LinkedSite) -> [MarkdownResult] {
        let renderer = MarkdownRenderer()
        return site.pages.map { renderer.render($0.body, file: $0.sourcePath) }
    }

    /// `count` news items in both languages, dated one day apart from 2025-01-01.
    static func news(_ count: Int) -> [String: String] {
        var files: [String: String] = [:]
        for n in 1...count {
            let day = String(format: "2025-01-%02d", n)
            for lang in ["ja", "en"] {
                files["Content/news/\(day)-item-\(n).\(lang).md"] =
                    "---\ntitle: \(lang == "ja" ? "記事" : "Item") \(n)\ndate: \(day)\ntags: [climate]\n---\n\nText \(n).\n"
            }
        }
        return files
    }
}

extension SiteBuilder {
    /// The site through the checks (load → link → parse → check → media, nothing encoded),
    /// as `check` and every build make it.
    func checkedForTests() throws(BuildFailure) -> CheckedSite {
        var memory = PreviousBuild()
        var clock = StageClock()
        return try checked(&memory, clock: &clock, encodingMedia: false)
    }
}
