import Foundation

/// An old address of a page (front matter `aliases:`), kept working after a move: a path
/// below the site root, with or without its trailing slash (`/ja/news/iclei-communication-26`),
/// written as a redirect page; or a WordPress query link (`/?p=123`, `/?page_id=45`), which
/// static hosts cannot tell apart from the root, resolved by script on the root and 404 pages.
struct Alias: Sendable, Hashable {
    var page: PageID
    /// The path as a page URL would be: base path, percent-decoded, ending in `/`; empty for a
    /// query alias.
    var url: String
    /// `p=123` or `page_id=45` for a query alias.
    var query: String?
    /// As the front matter has it.
    var written: String
}

enum AliasRules {
    /// Every page's aliases, and an error at its `aliases` key for each one that is malformed
    /// or claims an address a page, another alias or a generated list already has.
    static func collect(_ pages: [Page], claimed: [String: String], reserved: ReservedOutputs, basePath: String)
        -> ([Alias], [Diagnostic])
    {
        var aliases: [Alias] = []
        var problems: [Diagnostic] = []
        var owners: [String: PageID] = [:]
        for i in pages.pageIDs {
            let page = pages[i]
            for written in page.aliases {
                func fail(_ message: String) {
                    let p = page.frontMatter.position(of: "aliases")
                    problems.append(.error(page.sourcePath, p.line, p.column, message))
                }
                let alias: Alias
                switch parse(written, basePath: basePath) {
                case .failure(let message):
                    fail("alias `\(written)`: \(message)")
                    continue
                case .success(let (url, query)):
                    alias = Alias(page: i, url: url, query: query, written: written)
                }
                let key = alias.query.map { "?" + $0 } ?? alias.url
                if let owner = owners[key] {
                    fail(
                        owner == i
                            ? "alias `\(written)` is listed twice"
                            : "alias `\(written)` is also an alias of \(pages[owner].sourcePath)")
                    continue
                }
                if alias.query == nil, let what = reserved.conflict(alias.url) ?? claimed[alias.url] {
                    fail("alias `\(written)` is the address of \(what): a redirect there would replace it")
                    continue
                }
                owners[key] = i
                aliases.append(alias)
            }
        }
        return (aliases, problems)
    }

    private enum Parsed {
        case success((String, String?))
        case failure(String)
    }

    private static func parse(_ written: String, basePath: String) -> Parsed {
        guard written.hasPrefix("/") else {
            return .failure("an alias is a path from the site root and starts with `/`, like `/ja/news/old-slug`")
        }
        if let mark = written.firstIndex(of: "?") {
            let path = written[..<mark]
            let query = String(written[written.index(after: mark)...])
            let parts = query.split(separator: "=", maxSplits: 1)
            guard path == "/", parts.count == 2, parts[0] == "p" || parts[0] == "page_id",
                let number = Int(parts[1]), number > 0
            else {
                return .failure("the only queries an alias takes are WordPress links, `/?p=123` and `/?page_id=45`")
            }
            return .success(("", "\(parts[0])=\(number)"))
        }
        guard !written.contains("#") else { return .failure("an alias has no `#` part") }
        guard let decoded = written.removingPercentEncoding else {
            return .failure("it has a `%` that is not a percent-encoded UTF-8 character")
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.isEmpty else { return .failure("the site root cannot be an alias") }
        for segment in segments {
            if segment == "." || segment == ".." { return .failure("`.` and `..` are not allowed in an alias") }
            if let problem = URLSegment.problem(in: String(segment)) { return .failure("it has \(problem)") }
        }
        return .success((basePath + segments.joined(separator: "/") + "/", nil))
    }
}
