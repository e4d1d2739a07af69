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
struct CMSSettings: Sendable, Equatable, Decodable {
    enum Editor: String, Sendable, CaseIterable, ConfigChoice {
        case sveltia, decap
    }

    /// Where the editor reads and writes the site's files, as the editors take it.
    struct Backend: Sendable, Equatable, Decodable {
        var name = "github"
        var repo = ""
        var branch = "main"
        /// The OAuth helper's address (sveltia-cms-auth on Cloudflare Workers, for instance).
        /// Without it Decap CMS signs in through Netlify's servers, and Sveltia CMS only with
        /// a personal access token.
        var baseURL: String?
        /// Where `base_url` was written.
        var baseURLPosition: SourcePosition?

        enum Host: String, Sendable, CaseIterable, ConfigChoice { case github, gitlab, gitea }
        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, repo, branch
            case baseURL = "base_url"
        }

        init() {}

        init(from decoder: any Decoder) throws {
            let keys = try decoder.container(keyedBy: CodingKeys.self)
            name = try keys.decodeIfPresent(Host.self, forKey: .name)?.rawValue ?? name
            repo = try keys.decode(String.self, forKey: .repo)
            branch = try keys.decodeIfPresent(String.self, forKey: .branch) ?? branch
            let base = try keys.decodeIfPresent(Located<String>.self, forKey: .baseURL)
            (baseURL, baseURLPosition) = (base?.value, base?.position)
        }
    }

    var editor = Editor.sveltia
    /// The editor's script, with its version in the URL: an upgrade is a change to site.yaml,
    /// reviewed like any other.
    var script = ""
    var backend = Backend()
    /// The folder under Public/ uploads go to.
    var media = "images/uploads"

    /// Where `script`, `media` and `backend.base_url` were written, for `problems`.
    var positions = Positions()

    struct Positions: Sendable, Equatable {
        var script = SourcePosition(line: 1, column: 1)
        var media: SourcePosition?
        var baseURL: SourcePosition?
    }

    init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case editor, script, backend, media }

    init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        editor = try keys.decodeIfPresent(Editor.self, forKey: .editor) ?? .sveltia
        let script = try keys.decode(Located<String>.self, forKey: .script)
        (self.script, positions.script) = (script.value, script.position)
        backend = try keys.decode(Backend.self, forKey: .backend)
        if let media = try keys.decodeIfPresent(Located<String>.self, forKey: .media) {
            (self.media, positions.media) = (media.value, media.position)
        }
    }

    /// What the schema cannot see: a script fetched over HTTPS at a fixed version, an upload
    /// folder inside Public/, an OAuth helper over HTTPS.
    func problems(file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func fail(_ at: SourcePosition, _ message: String) {
            problems.append(.error(file, at.line, at.column, message))
        }
        if !script.hasPrefix("https://") {
            fail(positions.script, "`cms.script` must be an https:// URL, not `\(script)`")
        } else if !Self.isPinned(script) {
            fail(
                positions.script,
                "`cms.script` must name the editor's version (like `…/@sveltia/cms@0.196.0/dist/sveltia-cms.js`), so that an upgrade is a reviewed change"
            )
        }
        if let at = positions.media {
            // Also a URL path (`public_folder`), written into pages as it is.
            let segment = media.split(separator: "/").lazy.compactMap { URLSegment.problem(in: String($0)) }.first
            if let problem = SitePath.problem(media) {
                fail(at, "`cms.media` (a folder under Public/) \(problem)")
            } else if let segment {
                fail(at, "`cms.media` (a folder under Public/) is part of a URL: it contains \(segment)")
            }
        }
        if let url = backend.baseURL, let at = backend.baseURLPosition, !url.hasPrefix("https://") {
            fail(at, "`cms.backend.base_url` (the OAuth helper) must be an https:// URL, not `\(url)`")
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
