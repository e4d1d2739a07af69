import CLibXML2
import Foundation

/// The old site's addresses: which imported item a link points to (its permalink, with or
/// without the trailing slash, or `?p=` / `?page_id=`), and which links are uploads.
struct LinkMap {
    private var byPath: [String: Int] = [:]
    private var byID: [Int: Int] = [:]
    private var hosts: Set<String> = []
    /// WordPress.com's upload hosts, whose paths are the paths below `uploads/`.
    private var fileHosts: Set<String> = []

    /// `uploadHosts`: the hosts of the attachments' own URLs, which are the site's uploads
    /// wherever they are served from (a WordPress.com site serves them from
    /// `<site>.files.wordpress.com`).
    init(entries: [WordPressImporter.Entry], siteURL: String, uploadHosts: Set<String> = []) {
        if let host = URL(string: siteURL)?.host { hosts.insert(host.lowercased()) }
        hosts.formUnion(uploadHosts.map { $0.lowercased() })
        fileHosts = Set(uploadHosts.map { $0.lowercased() }.filter { $0.hasSuffix(".files.wordpress.com") })
        for (n, entry) in entries.enumerated() {
            if let host = URL(string: entry.item.link)?.host { hosts.insert(host.lowercased()) }
            if let path = Self.path(of: entry.item.link) { byPath[path] = n }
            byID[entry.item.id] = n
        }
    }

    /// A link's path on the old site, percent-decoded, without the trailing slash; nil for
    /// other sites.
    private static func path(of link: String) -> String? {
        guard
            let url = URL(string: link)
                ?? link.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed).flatMap(URL.init(string:))
        else { return nil }
        var path = url.path.removingPercentEncoding ?? url.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? nil : path
    }

    private func isOld(_ href: String) -> Bool {
        if href.hasPrefix("/") && !href.hasPrefix("//") { return true }
        let host =
            (URL(string: href)
            ?? href.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed).flatMap(URL.init(string:)))?.host
        return host.map { hosts.contains($0.lowercased()) } ?? false
    }

    /// The entry a link points to, if it is one of the imported items.
    func entry(for href: String) -> Int? {
        guard isOld(href) else { return nil }
        if let query = URLComponents(string: href)?.queryItems,
            let id = query.first(where: { $0.name == "p" || $0.name == "page_id" })?.value.flatMap({ Int($0) })
        {
            return byID[id]
        }
        let bare = String(href.prefix { $0 != "#" && $0 != "?" })
        return Self.path(of: bare.hasPrefix("/") ? "https://old" + bare : bare).flatMap { byPath[$0] }
    }

    /// The path below `wp-content/uploads/` of a link to an upload, percent-decoded.
    func upload(_ href: String) -> String? {
        let rest: Substring
        if let range = href.range(of: "/wp-content/uploads/"), isOld(href) || !href.contains("://") {
            rest = href[range.upperBound...].prefix { $0 != "?" && $0 != "#" }
        } else if !fileHosts.isEmpty, let url = URL(string: href), let host = url.host?.lowercased(),
            fileHosts.contains(host), let start = href.range(of: host, options: .caseInsensitive)?.upperBound
        {
            rest = href[start...].drop { $0 == "/" }.prefix { $0 != "?" && $0 != "#" }
        } else {
            return nil
        }
        let decoded = String(rest).removingPercentEncoding ?? String(rest)
        guard !decoded.isEmpty, !decoded.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            return nil
        }
        return decoded
    }

    /// The item's own old address, as an alias (`/ja/news/slug`), when it is on the old site.
    func oldPath(of item: WXRItem) -> String? {
        guard let path = Self.path(of: item.link), path != "/", URLComponents(string: item.link)?.query == nil else {
            return nil
        }
        return path
    }
}

/// Text of an HTML fragment (titles, excerpts): tags dropped, entities decoded.
enum HTMLPlain {
    static func text(_ html: String) -> String {
        guard !html.isEmpty else { return "" }
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let wrapped = "<div>" + html + "</div>"
        xmlResetLastError()
        let document = wrapped.withCString { htmlReadMemory($0, Int32(strlen($0)), nil, "UTF-8", options) }
        defer { if let document { xmlFreeDoc(document) } }
        // Nested past libxml2's 256 levels the text would be dropped: the tags are, instead.
        if let error = xmlGetLastError(), error.pointee.level == XML_ERR_FATAL {
            return strippedText(html)
        }
        guard let document, let root = xmlDocGetRootElement(document) else { return html }
        return XMLNode.text(root)
    }

    /// Text without parsing: tags as line breaks, the common entities decoded.
    static func strippedText(_ html: String) -> String {
        html.replacing(/(?:<[^>]*>\s*)+/, with: "\n").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&nbsp;", with: " ")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
