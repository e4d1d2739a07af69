import Foundation

/// The site's old addresses (`LinkedSite.aliases`) for hosts that redirect by themselves:
/// `_redirects` (Netlify, Cloudflare Pages) and `redirects.nginx` (an nginx `map`, included in
/// the `http` block; the README shows the two lines the server needs), and `redirects.json`,
/// the WordPress query links (`/?p=123`) that the root and 404 pages resolve by script.
/// Nothing is written for a site without aliases.
enum RedirectFiles {
    static let queryMap = OutputNames.queryMap

    static func files(site: LinkedSite) -> [(path: String, bytes: [UInt8])] {
        let paths = site.aliases.filter { $0.query == nil }.sorted { $0.url < $1.url }
        let queries = site.aliases.filter { $0.query != nil }.sorted { $0.query! < $1.query! }
        var files: [(path: String, bytes: [UInt8])] = []
        if !paths.isEmpty {
            var netlify = "# Old addresses of pages (front matter `aliases`), written by iclei-site.\n"
            var nginx = """
                # Old addresses of pages (front matter `aliases`), written by iclei-site.
                # In nginx's http block: include this file; in the site's server block:
                #   if ($iclei_redirect) { return 301 $iclei_redirect; }
                map $uri $iclei_redirect {
                    default "";

                """
            for alias in paths {
                let target = site.pages[alias.page].url
                let bare = String(alias.url.dropLast())
                netlify += "\(encoded(bare)) \(encoded(target)) 301\n"
                for from in [bare, alias.url] { nginx += "    \(quoted(from)) \(quoted(target));\n" }
            }
            nginx += "}\n"
            files += [
                (OutputNames.netlifyRedirects, Array(netlify.utf8)), (OutputNames.nginxRedirects, Array(nginx.utf8)),
            ]
        }
        if !queries.isEmpty {
            var map: [String: String] = [:]
            for alias in queries { map[alias.query!] = site.pages[alias.page].url }
            let data = try? JSONSerialization.data(
                withJSONObject: map, options: [.sortedKeys, .withoutEscapingSlashes])
            files.append((queryMap, Array(data ?? Data("{}".utf8))))
        }
        return files
    }

    /// The path with every byte outside unreserved ASCII and `/` percent-encoded.
    static func encoded(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "/-._~")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// An nginx string in double quotes.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
