import Foundation
import Testing

@testable import SiteKit

/// `cms:` in site.yaml: the browser editor's page and configuration, generated from the model.
@Suite struct CMSConfigTests {
    static let sveltia = """
        cms:
          script: https://unpkg.com/@sveltia/cms@0.196.0/dist/sveltia-cms.js
          backend: {repo: iclei-japan/site, base_url: https://auth.example.org}

        """

    static func site(_ cms: String = sveltia) throws -> FixtureSite {
        let site = try FixtureSite()
        try site.append("Content/site.yaml", cms)
        return site
    }

    /// The built `admin/config.yml`, read back as YAML.
    static func config(_ site: FixtureSite) throws -> YAMLValue {
        let text = try site.read("admin/config.yml")
        guard case .success(let tree?) = YAMLTree.parse(text, file: "config.yml", maxDepth: 64) else {
            throw Unreadable()
        }
        return tree.value
    }

    struct Unreadable: Error {}

    static func named(_ name: String, in list: YAMLValue?) -> YAMLValue? {
        list?.items.first { $0["name"] == .string(name) }
    }

    @Test func withoutCMSNothingIsWritten() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        #expect(site.exists("ja/index.html"))
        #expect(!site.exists("admin"))
    }

    @Test func thePageLoadsThePinnedScript() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.build()
        let page = try site.read("admin/index.html")
        #expect(page.contains("<script src=\"https://unpkg.com/@sveltia/cms@0.196.0/dist/sveltia-cms.js\"></script>"))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(page.contains("<title>テストサイト – Sveltia CMS</title>"))
    }

    @Test func aSiteMayReplaceTheEditorsPage() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.write(
            "Templates/admin.html.mustache",
            "<!DOCTYPE html><html lang=\"{{lang}}\"><title>{{title}}</title><script src=\"{{script}}\"></script>"
                + "<script>CMS.registerPreviewStyle('/css/site.css')</script></html>\n")
        try site.build()
        #expect(
            try site.read("admin/index.html")
                == "<!DOCTYPE html><html lang=\"ja\"><title>テストサイト – Sveltia CMS</title>"
                + "<script src=\"https://unpkg.com/@sveltia/cms@0.196.0/dist/sveltia-cms.js\"></script>"
                + "<script>CMS.registerPreviewStyle('/css/site.css')</script></html>\n")
    }

    @Test func theSiteWideSettingsFollowSiteYAML() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.build()
        let config = try Self.config(site)
        #expect(
            config["backend"]
                == .object([
                    "name": "github", "repo": "iclei-japan/site", "branch": "main",
                    "base_url": "https://auth.example.org",
                ]))
        #expect(
            config["i18n"]
                == .object(["structure": "multiple_files", "locales": ["ja", "en"], "default_locale": "ja"]))
        #expect(config["media_folder"] == "Public/images/uploads")
        // The URL the build serves uploads at, under the base URL's path.
        #expect(config["public_folder"] == "/site/images/uploads")
        #expect(config["site_url"] == "https://example.org/site/")
        #expect(config["slug"] == .object(["encoding": "ascii", "clean_accents": true]))
        #expect(config["locale"] == nil, "Sveltia follows the browser's language")
        // Sections in the order site.yaml declares them, then the standalone pages.
        #expect(config["collections"]?.items.compactMap { $0["name"]?.text } == ["news", "cafe", "members", "pages"])
    }

    @Test func eachSectionIsAFolderOfPerLanguageFiles() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.build()
        let collections = try Self.config(site)["collections"]
        let news = try #require(Self.named("news", in: collections))
        #expect(news["folder"] == "Content/news")
        #expect(news["extension"] == "md")
        #expect(news["format"] == "yaml-frontmatter")
        #expect(news["create"] == .bool(true))
        #expect(news["i18n"] == .bool(true))
        // As `iclei-site new` names them: articles by date; other sections by the name alone.
        #expect(news["slug"] == "{{year}}-{{month}}-{{day}}-{{fields._slug}}")
        #expect(Self.named("members", in: collections)?["slug"] == "{{fields._slug}}")
        #expect(news["index_file"]?["name"] == "_index")
        #expect(news["label"] == "ニュース", "the menu's name in the default language")
        let pages = try #require(Self.named("pages", in: collections))
        #expect(
            pages["files"]?.items.compactMap { $0["file"]?.text } == [
                "Content/index.{{locale}}.md", "Content/about.{{locale}}.md",
            ])
    }

    @Test func everyDeclaredFieldHasTheWidgetOfItsType() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.build()
        let collections = try Self.config(site)["collections"]
        let cafe = Self.named("cafe", in: collections)?["fields"]
        #expect(cafe?.items.first?["name"] == "title")
        #expect(cafe?.items.last?["name"] == "body")
        #expect(Self.named("body", in: cafe)?["widget"] == "markdown")
        let start = try #require(Self.named("start", in: cafe))
        #expect(start["widget"] == "datetime")
        #expect(start["format"] == "YYYY-MM-DDTHH:mm:ssZ")
        #expect(start["i18n"] == "duplicate")
        #expect(start["required"] == .bool(false))
        let number = try #require(Self.named("number", in: cafe))
        #expect(number["widget"] == "number" && number["value_type"] == "int" && number["i18n"] == "duplicate")
        let format = try #require(Self.named("format", in: cafe))
        #expect(format["widget"] == "select" && format["options"] == ["online", "in-person"])
        let presenters = try #require(Self.named("presenters", in: cafe))
        #expect(presenters["widget"] == "relation" && presenters["collection"] == "members")
        #expect(presenters["value_field"] == "{{slug}}" && presenters["multiple"] == .bool(true))
        let venue = try #require(Self.named("venue", in: cafe))
        #expect(venue["widget"] == "string" && venue["i18n"] == .bool(true))
        // An event has no `date` of its own: its start is its date.
        #expect(Self.named("date", in: cafe) == nil)
        let news = Self.named("news", in: collections)?["fields"]
        let date = try #require(Self.named("date", in: news))
        #expect(
            date["time_format"] == .bool(false) && date["format"] == "YYYY-MM-DD" && date["required"] == .bool(true))
        for key in ["summary", "tags", "draft", "slug", "publishDate", "expiryDate", "aliases", "translationKey"] {
            #expect(Self.named(key, in: news)?["required"] == .bool(false), "\(key)")
        }
        #expect(Self.named("draft", in: news)?["widget"] == "boolean")
        #expect(Self.named("tags", in: news)?["widget"] == "list")
        let members = Self.named("members", in: collections)?["fields"]
        let reading = try #require(Self.named("reading", in: members))
        #expect(reading["required"] == .bool(true) && reading["default"] == "まるまるし" && reading["i18n"] == "duplicate")
        // A mapping whose keys the model does not name cannot be edited in a form.
        #expect(Self.named("head", in: members) == nil)
    }

    @Test func theModelSaysWhatIsTranslatedAndMappingsGetTheirKeys() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "      venue: {type: text, role: venue}",
                with: "      venue: {type: text, role: venue, translate: false, label: 会場}"
            )
            .replacingOccurrences(
                of: "      head: {type: mapping}",
                with:
                    "      head: {type: mapping, default: {title: \"\", name: \"\"}}\n      location: {type: list, role: location}"
            )
        }
        try site.build()
        let collections = try Self.config(site)["collections"]
        let venue = Self.named("venue", in: Self.named("cafe", in: collections)?["fields"])
        #expect(venue?["i18n"] == "duplicate" && venue?["label"] == "会場")
        let members = Self.named("members", in: collections)?["fields"]
        let head = try #require(Self.named("head", in: members))
        #expect(
            head["widget"] == "object" && head["fields"]?.items.compactMap { $0["name"]?.text } == ["name", "title"])
        let location = try #require(Self.named("location", in: members))
        #expect(location["i18n"] == "duplicate" && location["field"]?["value_type"] == "float")
    }

    @Test func decapGetsWhatDecapUnderstands() throws {
        let site = try Self.site(
            Self.sveltia.replacingOccurrences(
                of: "https://unpkg.com/@sveltia/cms@0.196.0/dist/sveltia-cms.js",
                with: "https://unpkg.com/decap-cms@3.14.1/dist/decap-cms.js")
                + "  editor: decap\n")
        defer { site.cleanUp() }
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "      head: {type: mapping}", with: "      location: {type: list, role: location}")
        }
        try site.build()
        #expect(try site.read("admin/index.html").contains("<title>テストサイト – Decap CMS</title>"))
        let config = try Self.config(site)
        #expect(config["locale"] == "ja")
        let collections = config["collections"]
        #expect(Self.named("news", in: collections)?["index_file"] == nil)
        #expect(Self.named("news", in: collections)?["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}")
        // Decap adds the locale before the extension itself.
        let indexes = try #require(Self.named("section_indexes", in: collections))
        #expect(
            indexes["files"]?.items.compactMap { $0["file"]?.text } == [
                "Content/news/_index.md", "Content/cafe/_index.md", "Content/members/_index.md",
            ])
        #expect(Self.named("pages", in: collections)?["files"]?.items.first?["file"] == "Content/index.md")
        // Decap's list widget takes only a boolean `i18n`.
        let location = Self.named("location", in: Self.named("members", in: collections)?["fields"])
        #expect(location?["i18n"] == .bool(true))
        #expect(Self.named("url", in: Self.named("news", in: collections)?["fields"]) == nil)
    }

    @Test func theEditorsOwnCollectionsTakeNoSectionsName() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(of: "sections:\n", with: "sections:\n  pages: {kind: pages}\n")
        }
        try site.build()
        let names = try Self.config(site)["collections"]?.items.compactMap { $0["name"]?.text }
        #expect(names == ["pages", "news", "cafe", "members", "_pages"])
    }

    @Test func aModelChangeChangesTheConfigInTheSameBuild() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.build()
        let before = try site.read("admin/config.yml")
        #expect(!before.contains("name: theme"))
        try site.replace("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "      venue: {type: text, role: venue}\n",
                with: "      venue: {type: text, role: venue}\n      theme: {type: text, label: テーマ}\n")
        }
        try site.build()
        let theme = Self.named("theme", in: Self.named("cafe", in: try Self.config(site)["collections"])?["fields"])
        #expect(theme?["widget"] == "string" && theme?["label"] == "テーマ")
    }

    @Test func theConfigIsTheSameBytesOnEveryBuild() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        var texts: Set<String> = []
        for n in 1...3 {
            var options = SiteBuilder.Options(source: site.root, output: site.root.appendingPathComponent("Out\(n)"))
            options.cacheFolder = nil
            try SiteBuilder(options: options).build()
            texts.insert(
                try String(contentsOf: site.root.appendingPathComponent("Out\(n)/admin/config.yml"), encoding: .utf8))
        }
        #expect(texts.count == 1)
    }

    @Test func mistakesInTheCMSBlockArePositionedErrors() throws {
        let cases: [(String, String)] = [
            ("  editr: decap\n", "Content/site.yaml:47:3: error: unknown key `editr` in `cms`: did you mean `editor`?"),
            (
                "  editor: wordpress\n",
                "Content/site.yaml:47:11: error: `cms.editor` must be one of `sveltia`, `decap`, not `wordpress`"
            ),
            (
                "  media: ../secrets\n",
                "Content/site.yaml:47:10: error: `cms.media` (a folder under Public/) must be a path inside the site without `.`, `..` or `//`, not `../secrets`"
            ),
        ]
        let urlCase: (String, String) = (
            "  media: images/my uploads\n",
            "Content/site.yaml:47:10: error: `cms.media` (a folder under Public/) is part of a URL: it contains a space"
        )
        for (line, expected) in cases + [urlCase] {
            let site = try Self.site(Self.sveltia + line)
            defer { site.cleanUp() }
            #expect(site.buildErrors().map(\.description) == [expected], "\(line)")
        }
        let unpinned = try Self.site(Self.sveltia.replacingOccurrences(of: "@0.196.0", with: ""))
        defer { unpinned.cleanUp() }
        #expect(unpinned.buildErrors().map(\.description).first?.contains("must name the editor's version") == true)
        #expect(!CMSSettings.isPinned("https://unpkg.com/@sveltia/cms@latest/dist/sveltia-cms.js"))
        #expect(CMSSettings.isPinned("https://unpkg.com/decap-cms@3.14.1/dist/decap-cms.js"))
    }

    @Test func noOldAddressMayTakeTheEditorsPlace() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        // Pages live under a language (`/ja/…`); an alias may name any address.
        try site.replace("Content/about.ja.md") { "---\naliases: [/admin/]\n" + $0.dropFirst(4) }
        let errors = site.buildErrors()
        #expect(
            errors.contains { $0.file == "Content/about.ja.md" && $0.message.contains("browser editor") }, "\(errors)")
        try site.replace("Content/about.ja.md") {
            $0.replacingOccurrences(of: "[/admin/]", with: "[/admin/config.yml/]")
        }
        #expect(site.buildErrors().contains { $0.message.contains("browser editor") })
    }
}

// Literals for comparing what was read back.
extension YAMLValue: ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: YAMLValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, YAMLValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { a, _ in a }))
    }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
