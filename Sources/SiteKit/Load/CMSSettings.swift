/// `cms:` in site.yaml: editing in the browser. When it is set, every build writes
/// `/admin/index.html` and `/admin/config.yml`, the editor's page and its configuration,
/// generated from the content model (`Render/CMSConfig.swift`); without it nothing is written.
///
/// ```yaml
/// cms:
///   editor: sveltia                # or decap (Decap CMS reads the same configuration)
///   script: https://unpkg.com/@sveltia/cms@0.196.0/dist/sveltia-cms.js
///   backend: {name: github, repo: iclei-japan/site, branch: main, base_url: https://auth.example.org}
///   media: images/uploads          # under Public/: where uploaded photos go
/// ```
struct CMSSettings: Sendable, Equatable {
    enum Editor: String, Sendable, CaseIterable {
        case sveltia, decap
    }

    /// Where the editor reads and writes the site's files, as the editors take it.
    struct Backend: Sendable, Equatable {
        var name = "github"
        var repo = ""
        var branch = "main"
        /// The OAuth helper's address (sveltia-cms-auth on Cloudflare Workers, for instance).
        /// Without it Decap CMS signs in through Netlify's servers, and Sveltia CMS only with
        /// a personal access token.
        var baseURL: String?
    }

    var editor = Editor.sveltia
    /// The editor's script, with its version in the URL: an upgrade is a change to site.yaml,
    /// reviewed like any other.
    var script = ""
    var backend = Backend()
    /// The folder under Public/ uploads go to.
    var media = "images/uploads"

    static let shape: ConfigShape = .object(
        [
            "editor": .choice(Editor.allCases.map(\.rawValue)),
            "script": .text,
            "backend": .object(
                ["name": .choice(["github", "gitlab", "gitea"]), "repo": .text, "branch": .text, "base_url": .text],
                required: ["repo"]),
            "media": .text,
        ], required: ["script", "backend"])

    /// Read from site.yaml's values, which `shape` has already checked; nil without `cms:`.
    init?(_ value: YAMLValue?) {
        guard let value, case .object = value else { return nil }
        editor = value["editor"]?.text.flatMap(Editor.init(rawValue:)) ?? .sveltia
        script = value["script"]?.text ?? ""
        backend.name = value["backend"]?["name"]?.text ?? backend.name
        backend.repo = value["backend"]?["repo"]?.text ?? ""
        backend.branch = value["backend"]?["branch"]?.text ?? backend.branch
        backend.baseURL = value["backend"]?["base_url"]?.text
        media = value["media"]?.text ?? media
    }

    /// What the schema cannot see: a script fetched over HTTPS at a fixed version, an upload
    /// folder inside Public/, an OAuth helper over HTTPS.
    static func problems(_ node: YAMLTree?, file: String) -> [Diagnostic] {
        guard let node else { return [] }
        var problems: [Diagnostic] = []
        func fail(_ at: YAMLTree, _ message: String) {
            problems.append(.error(file, at.mark.line, at.mark.column, message))
        }
        if let script = node["script"], let url = script.string {
            if !url.hasPrefix("https://") {
                fail(script, "`cms.script` must be an https:// URL, not `\(url)`")
            } else if !isPinned(url) {
                fail(
                    script,
                    "`cms.script` must name the editor's version (like `…/@sveltia/cms@0.196.0/dist/sveltia-cms.js`), so that an upgrade is a reviewed change"
                )
            }
        }
        if let media = node["media"], let path = media.string {
            // Also a URL path (`public_folder`), written into pages as it is.
            let segment = path.split(separator: "/").lazy.compactMap { URLSegment.problem(in: String($0)) }.first
            if let problem = SitePath.problem(path) {
                fail(media, "`cms.media` (a folder under Public/) \(problem)")
            } else if let segment {
                fail(media, "`cms.media` (a folder under Public/) is part of a URL: it contains \(segment)")
            }
        }
        if let base = node["backend"]?["base_url"], let url = base.string, !url.hasPrefix("https://") {
            fail(base, "`cms.backend.base_url` (the OAuth helper) must be an https:// URL, not `\(url)`")
        }
        return problems
    }

    /// A version after an `@` (`cms@0.196.0`, `decap-cms@3.8.0`): `@latest` or no version
    /// would let the editor change under the site unreviewed.
    static func isPinned(_ url: String) -> Bool {
        var rest = Substring(url)
        while let at = rest.firstIndex(of: "@") {
            rest = rest[rest.index(after: at)...]
            if let first = rest.first, first.isASCII, first.isNumber { return true }
        }
        return false
    }
}
