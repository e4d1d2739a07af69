/// A link to another site, where it stands in the sources: what `check --links` fetches.
public struct ExternalLink: Sendable, Hashable {
    /// As written, fragment included (`https://example.jp/a#b`).
    public var url: String
    public var file: String
    public var line: Int
    public var column: Int

    public init(url: String, file: String, line: Int, column: Int) {
        self.url = url
        self.file = file
        self.line = line
        self.column = column
    }

    /// The address fetched: without its fragment, which no server sees.
    public var address: String {
        guard let hash = url.firstIndex(of: "#") else { return url }
        return String(url[..<hash])
    }

    /// `http:` and `https:` links; `mailto:` and the site's own paths are not fetched.
    static func isExternal(_ url: String) -> Bool {
        let lower = url.prefix(8).lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}

/// Every external link of the content: Markdown bodies (links and images) and the front
/// matter fields the content model declares as `url`. Templates are not read: their links are
/// the site's own chrome, checked by people when it changes, not rotting with the archive.
struct ExternalLinkCollector {
    let site: LinkedSite
    let markdown: [MarkdownResult]

    func collect() -> [ExternalLink] {
        let urlFields = site.config.model.sections.mapValues { section in
            section.fields.filter { $0.type == .url }.map(\.name)
        }
        var links: [ExternalLink] = []
        for i in site.pages.pageIDs {
            let page = site.pages[i]
            for name in urlFields[page.section] ?? [] {
                guard case .string(let url) = page.frontMatter[name], ExternalLink.isExternal(url) else { continue }
                let position = page.frontMatter.position(of: name)
                links.append(
                    ExternalLink(url: url, file: page.sourcePath, line: position.line, column: position.column))
            }
            guard i.index < markdown.count else { continue }
            let columns = SourceColumnsLazy(body: page.body, firstLine: page.bodyFirstLine)
            for link in markdown[i].links where link.page == nil && ExternalLink.isExternal(link.url) {
                links.append(
                    ExternalLink(
                        url: link.url, file: page.sourcePath, line: link.line, column: columns.column(for: link)))
            }
        }
        return links.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }
}
