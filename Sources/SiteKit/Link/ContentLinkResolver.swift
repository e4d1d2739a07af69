/// Resolves links written in Markdown to other content files, such as
/// `@/members/yokohama.md` or `../members/yokohama.md#profile`, to the target page's URL in the
/// linking page's language (the other language's page when that one has no translation).
///
/// A class, so that the per-link closures share one reference instead of copying the site.
final class ContentLinkResolver: Sendable {
    let site: LinkedSite

    init(site: LinkedSite) { self.site = site }

    func resolve(_ url: String, from page: Page) -> LinkResolution {
        resolve(url, fromSource: page.sourcePath, lang: page.lang)
    }

    func resolve(_ url: String, fromSource sourcePath: String, lang: String) -> LinkResolution {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || url.hasPrefix("/") { return .unchanged }
        if let colon = url.firstIndex(of: ":"), !url.hasPrefix("@/"),
            !url[..<colon].contains("/")
        {
            return .unchanged
        }  // has a scheme: mailto:, https:, …
        var path = url
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = String(path[..<hash])
        }
        let isContentLink = path.hasPrefix("@/") || path.hasSuffix(".md")
        guard isContentLink else { return .unchanged }
        guard let contentPath = normalize(path, fromSource: sourcePath) else {
            return .broken("link to `\(url)` points outside Content/")
        }
        var target = contentPath
        guard target.hasSuffix(".md") else { return .broken("link to `\(url)`: content links name a `.md` file") }
        target.removeLast(3)
        var language = lang
        if let dot = target.lastIndex(of: "."),
            site.config.languageCodes.contains(String(target[target.index(after: dot)...]))
        {
            language = String(target[target.index(after: dot)...])
            target = String(target[..<dot])
        }
        guard let versions = site.byContentPath[target] else {
            return .broken("link to `\(url)`: there is no content file Content/\(target).md in any language")
        }
        guard let index = versions[language] ?? versions[site.config.defaultLanguage] ?? versions.values.sorted().first
        else {
            return .broken("link to `\(url)`: no page")
        }
        return .page(url: site.pages[index].url + fragment, page: index, fragment: String(fragment.dropFirst()))
    }

    /// The path below Content/, or nil when `..` climbs out of it.
    private func normalize(_ path: String, fromSource sourcePath: String) -> String? {
        var parts: [Substring]
        var relative: Substring
        if path.hasPrefix("@/") {
            parts = []
            relative = path.dropFirst(2)
        } else {
            parts = sourcePath.split(separator: "/").dropFirst().dropLast()
            relative = Substring(path)
        }
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// What the link stage says about a link target found in Markdown.
enum LinkResolution: Sendable, Equatable {
    /// Not a link to content: leave the URL as written.
    case unchanged
    /// A content link, rewritten to the target page's URL.
    case rewritten(String)
    /// A content link to page `page` (an index of the linked site), with its `#fragment`
    /// (without `#`, empty when none) for the link checker.
    case page(url: String, page: PageID, fragment: String)
    /// A content link whose target does not exist; the message says what was looked for.
    case broken(String)
}
