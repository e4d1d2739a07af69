/// Link stage: gives every page its URL, pairs translations, gathers sections and finds
/// pages that claim the same URL.
public struct SiteLinker: Sendable {
    public var includeDrafts: Bool

    public init(includeDrafts: Bool = false) { self.includeDrafts = includeDrafts }

    public func link(_ loaded: LoadedSite) -> LinkedSite {
        let config = loaded.config
        var diagnostics = loaded.diagnostics
        var pages = loaded.pages.filter { includeDrafts || !$0.draft }
        pages.sort { $0.sourcePath < $1.sourcePath }
        for i in pages.indices {
            let page = pages[i]
            let tail = page.relativeURLPath
            pages[i].url = config.basePath + page.lang + "/" + (tail.isEmpty ? "" : tail + "/")
        }
        diagnostics += duplicateURLs(pages)

        var byContentPath: [String: [String: Int]] = [:]
        var byTranslationKey: [String: [String: Int]] = [:]
        for (i, page) in pages.enumerated() {
            byContentPath[page.contentPath, default: [:]][page.lang] = i
            if let other = byTranslationKey[page.translationKey]?[page.lang] {
                let position = page.frontMatter.positions["translationKey"] ?? SourcePosition(line: 1, column: 1)
                diagnostics.append(.error(page.sourcePath, position.line, position.column,
                    "translation key `\(page.translationKey)` in `\(page.lang)` is already used by \(pages[other].sourcePath)"))
            }
            byTranslationKey[page.translationKey, default: [:]][page.lang] = i
        }
        let sections = collectSections(pages, config: config)
        return LinkedSite(root: loaded.root, config: config, pages: pages, sections: sections,
                          byContentPath: byContentPath, byTranslationKey: byTranslationKey,
                          diagnostics: diagnostics)
    }

    private func duplicateURLs(_ pages: [Page]) -> [Diagnostic] {
        var claims: [String: [Int]] = [:]
        for (i, page) in pages.enumerated() { claims[page.url, default: []].append(i) }
        var result: [Diagnostic] = []
        for (url, owners) in claims where owners.count > 1 {
            for i in owners {
                let others = owners.filter { $0 != i }.map { pages[$0].sourcePath }.joined(separator: ", ")
                let position = pages[i].frontMatter.positions["slug"] ?? SourcePosition(line: 1, column: 1)
                result.append(.error(pages[i].sourcePath, position.line, position.column,
                                     "two pages claim the URL \(url): this one and \(others)"))
            }
        }
        return result
    }

    private func collectSections(_ pages: [Page], config: SiteConfig) -> [Section] {
        var sections: [String: Section] = [:]
        for (i, page) in pages.enumerated() where page.kind == .single || page.kind == .sectionIndex {
            let id = page.lang + "\u{0}" + page.section
            var section = sections[id] ?? Section(name: page.section, lang: page.lang,
                                                  url: config.basePath + page.lang + "/" + page.section + "/",
                                                  indexPage: nil, pages: [])
            if page.kind == .sectionIndex { section.indexPage = i } else { section.pages.append(i) }
            sections[id] = section
        }
        return sections.values.map { section in
            var section = section
            section.pages.sort { Self.newestFirst(pages[$0], pages[$1]) }
            return section
        }.sorted { ($0.lang, $0.name) < ($1.lang, $1.name) }
    }

    /// Newest first; undated pages after dated ones, by title; the source path breaks ties
    /// so that the order never depends on the file system.
    static func newestFirst(_ a: Page, _ b: Page) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return (a.title, a.sourcePath) < (b.title, b.sourcePath)
        }
    }
}
