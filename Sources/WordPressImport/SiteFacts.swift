import Foundation
import Yams

/// What the importer needs to know of the site it imports into, from `Content/site.yaml`:
/// where it lives, its languages, and its sections' names and fields. Read loosely: `check`
/// is the judge of site.yaml, and a site without one imports with the defaults.
struct SiteFacts {
    /// The path the site lives under (`baseURL`), for links to copied uploads.
    var basePath = "/"
    var languages: Set<String> = ["ja", "en"]
    /// Section name → its fields' names.
    var sections: [String: Set<String>] = [:]
    /// Section name → the field holding a session's start (`role: start`), for sessions.
    var startFields: [String: String] = [:]

    init(site: URL) {
        let config = site.appendingPathComponent("Content/site.yaml")
        guard let text = try? String(contentsOf: config, encoding: .utf8), let node = try? Yams.compose(yaml: text)
        else { return }
        if let base = node["baseURL"]?.string, let path = URL(string: base)?.path, !path.isEmpty {
            basePath = path.hasSuffix("/") ? path : path + "/"
        }
        let codes = (node["languages"]?.sequence ?? []).compactMap { $0["code"]?.string }
        if !codes.isEmpty { languages = Set(codes) }
        for (key, value) in node["sections"]?.mapping ?? [:] {
            guard let name = key.string else { continue }
            var fields: Set<String> = []
            for (field, spec) in value["fields"]?.mapping ?? [:] {
                guard let field = field.string else { continue }
                fields.insert(field)
                if value["kind"]?.string == "sessions", spec["role"]?.string == "start" { startFields[name] = field }
            }
            sections[name] = fields
        }
    }

    /// Names a page at the site root cannot have: the sections' and what the build writes at
    /// a language's root (the home page, tags, search, the feed), and, as an old address at
    /// the root is made an alias, the languages and the files at the site's root (sitemap,
    /// redirect maps, the 404 page).
    var reservedPageNames: Set<String> {
        Set(sections.keys).union(languages).union([
            "index", "tags", "search", "feed.xml", "sitemap.xml", "404", "404.html", "redirects.json",
            "redirects.nginx", "_redirects",
        ])
    }
}
