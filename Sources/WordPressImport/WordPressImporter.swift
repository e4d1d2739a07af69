import Foundation

/// `iclei-site import wordpress`: a WordPress export (WXR) as `Content/` files an editor goes
/// on editing, with the uploads they use copied to `Public/wp-content/uploads/` at their old
/// paths, and every old address kept as an alias.
public struct WordPressImporter {
    public struct Options: Sendable {
        public var export: String
        /// The site root: files go to its `Content/` and `Public/`.
        public var site: URL
        /// A copy of `wp-content/uploads`.
        public var uploads: String?
        public var map = ImportMap()
        /// Overwrite files edited since the last import.
        public var force = false
        /// Import password-protected posts and pages as drafts (`draft: true`, never built)
        /// instead of skipping them.
        public var protectedAsDrafts = false

        public init(export: String, site: URL, uploads: String? = nil) {
            self.export = export
            self.site = site
            self.uploads = uploads
        }
    }

    public struct Report: Sendable {
        /// The export's items; `written`, `kept` and `skipped` add up to it.
        public var items = 0
        /// Content files written (or rewritten unchanged), below the site root.
        public var written: [String] = []
        /// Files edited since the last import, left as they are.
        public var kept: [String] = []
        public var uploadsCopied = 0
        /// Links to uploads that keep their old address because no --uploads was given.
        public var uploadLinksKept = 0
        /// Uploads of the media library not copied: attached only to items not published.
        public var uploadsLeft: [String] = []
        /// Items not imported, by kind: drafts, private, password-protected, revisions,
        /// attachments, menu items, …
        public var skipped: [String: Int] = [:]
        /// `path:line: warning: …` lines.
        public var warnings: [String] = []
        /// Warnings by kind.
        public var warningCounts: [String: Int] = [:]
        public var unpaired: [String] = []

        mutating func warn(_ export: String, _ line: Int, _ kind: String, _ detail: String) {
            // Titles and paths come from the export: a line break or a terminal escape in one
            // could print a line of its own, or a fake error, on the operator's terminal.
            warnings.append("\(export):\(line): warning: \(kind): \(Self.printable(detail))")
            warningCounts[kind, default: 0] += 1
        }

        /// Control and format characters as spaces.
        static func printable(_ text: String) -> String {
            String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map {
                        $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
                            ? " " : $0
                    }))
        }
    }

    let options: Options

    public init(options: Options) { self.options = options }

    /// One imported item and where it goes.
    struct Entry {
        /// Its place among the export's items (`WXRItem.position`).
        var index: Int
        var item: WXRItem
        var lang: String
        var section: String
        var stem = ""
        var slug: String?
        var translationKey: String?
        /// A page with child pages: its file is the index of a folder named after it, which
        /// holds the children (`about/_index.ja.md`, `about/history.ja.md`).
        var isIndex = false
        var folder: String { isIndex ? (section.isEmpty ? stem : section + "/" + stem) : section }
        var contentPath: String {
            let file = isIndex ? "_index" : stem
            return folder.isEmpty ? file : folder + "/" + file
        }
        var url: String {
            "/\(lang)/" + (section.isEmpty ? "" : section + "/") + (slug ?? stem) + "/"
        }
    }

    public func run() throws -> Report {
        var report = Report()
        let export = try WXRExport(path: options.export) { item in
            report.items += 1
            return keep(item, report: &report)
        }
        let site = SiteFacts(site: options.site)
        let files = FileWriter(site: options.site, force: options.force)
        var manifest = try files.loadManifest()
        let library = MediaLibrary(items: export.items)
        var entries = select(export.items, site: site, report: &report)
        pair(&entries, report: &report)
        name(&entries, site: site, report: &report)
        let links = LinkMap(entries: entries, siteURL: export.siteURL, uploadHosts: library.hosts)
        let uploads = UploadCopier(
            files: files, source: options.uploads.map { SafeFolder(root: $0) }, basePath: site.basePath)
        var claimed = Set(entries.map { String($0.url.dropLast()) })
        let byIndex = Dictionary(uniqueKeysWithValues: entries.indices.map { (entries[$0].index, $0) })
        try export.forEachContent(of: Set(byIndex.keys)) { index, content in
            guard let n = byIndex[index] else { return }
            var entry = entries[n]
            entry.item.content = content
            let converted = convert(entry, entries: entries, links: links, library: library, uploads: uploads)
            var problems = converted.problems
            var fields = converted.fields
            if let field = site.startFields[entry.section], let moment = WPDate.japan(entry.item) {
                // WordPress knows when the post was written, not when the session is held.
                problems.append(
                    ("session start", "`\(field): \(moment.minuteText)` is the post's date; confirm the session's time")
                )
            }
            if let image = featuredImage(entry, site: site, library: library, links: links, uploads: uploads) {
                fields.append("image: " + FrontMatter.quoted(image))
            }
            let text =
                FrontMatter(entry: entry, links: links, map: options.map, site: site).text(
                    extra: fields, claimed: &claimed) + "\n"
                + converted.body
            let path = "Content/" + entry.contentPath + "." + entry.lang + ".md"
            switch try files.write(text, to: path, manifest: &manifest) {
            case .written:
                report.written.append(path)
            case .edited:
                report.kept.append(path)
                problems.append(("edited since the last import", "\(path) kept (use --force to overwrite)"))
            case .notImported:
                report.kept.append(path)
                problems.append(
                    (
                        "file exists",
                        "\(path) was not written by an import and is kept; this item is not imported (rename one of them)"
                    ))
            }
            if let failure = uploads.failure { throw failure }
            for problem in problems {
                report.warn(options.export, entry.item.line, problem.kind, "\(problem.detail) (“\(entry.item.title)”)")
            }
        }
        // The media library's files that belong to no unpublished item: old newsletters and
        // other sites link to uploads no post names (e-News issues sent by email, PDFs). A
        // file attached to a draft or a private post stays behind, and is listed.
        if options.uploads != nil {
            let published = Set(entries.map(\.item.id))
            for item in export.items where item.type == "attachment" {
                guard let upload = links.upload(item.attachmentURL), !uploads.copied.contains(upload) else { continue }
                guard item.parent == 0 || published.contains(item.parent) else {
                    report.uploadsLeft.append(upload)
                    continue
                }
                if let missing = try uploads.copy(upload) {
                    report.warn(
                        options.export, item.line, "missing upload", "\(upload) (attachment \(item.id)) \(missing)")
                }
            }
        }
        report.uploadsCopied = uploads.copied.count
        report.uploadLinksKept = uploads.keptOld
        try files.saveManifest(manifest)
        return report
    }

    /// Whether the first pass keeps an item: published posts and pages (password-protected
    /// ones only for --protected-as-drafts), attachments and reusable blocks; the rest is
    /// counted as skipped, by kind.
    private func keep(_ item: WXRItem, report: inout Report) -> Bool {
        switch item.type {
        case "attachment", "wp_block":
            report.skipped[Self.skipKind(type: item.type), default: 0] += 1
            return true
        case "post", "page": break
        default:
            report.skipped[Self.skipKind(type: item.type), default: 0] += 1
            return false
        }
        switch item.status {
        case "publish", "future": break
        case "private":
            report.skipped["private", default: 0] += 1
            return false
        default:
            report.skipped["drafts", default: 0] += 1
            return false
        }
        // WordPress shows a password form instead of these; published openly they would
        // leak what the office kept behind a password.
        if !item.password.isEmpty && !options.protectedAsDrafts {
            report.skipped["password-protected", default: 0] += 1
            return false
        }
        return true
    }

    /// The posts and pages kept, in the site's languages.
    private func select(_ items: [WXRItem], site: SiteFacts, report: inout Report) -> [Entry] {
        var entries: [Entry] = []
        for item in items where item.type == "post" || item.type == "page" {
            let lang = language(of: item)
            guard site.languages.contains(lang) else {
                report.skipped["other languages", default: 0] += 1
                let known = site.languages.sorted().joined(separator: ", ")
                let shown = lang.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 } ? lang : "?"
                report.warn(
                    options.export, item.line, "other language",
                    "“\(item.title)” is in `\(shown)`, which the site does not have (\(known)); not imported")
                continue
            }
            var item = item
            if FrontMatter.plainText(item.title).isEmpty {
                // The build needs a title; WordPress shows "(no title)" in lists.
                item.title = WPDate.japan(item)?.day10 ?? "wp-\(item.id)"
                report.warn(options.export, item.line, "untitled", "titled “\(item.title)”; give it a real title")
            }
            if item.type == "post" && WPDate.japan(item) == nil {
                report.warn(
                    options.export, item.line, "invalid date",
                    "neither wp:post_date_gmt nor wp:post_date is a date and time; the file has no `date:` (“\(item.title)”)"
                )
            }
            var section = item.type == "page" ? "" : self.section(of: item)
            if !section.isEmpty && !FileNames.isSafe(section) {
                report.warn(
                    options.export, item.line, "renamed",
                    "section `\(section)` of the map is not a plain name; news used")
                section = "news"
            }
            if !item.password.isEmpty {
                report.warn(
                    options.export, item.line, "password-protected",
                    "“\(item.title)” imported as a draft (draft: true): it is not built until an editor removes that")
            }
            entries.append(Entry(index: item.position, item: item, lang: lang, section: section))
        }
        return entries
    }

    static func skipKind(type: String) -> String {
        switch type {
        case "revision": return "revisions"
        case "attachment": return "attachments"
        case "nav_menu_item": return "menu items"
        case "wp_block": return "reusable blocks"
        default: return "other (\(FileNames.isSafe(type) ? type : "?"))"
        }
    }

    private func language(of item: WXRItem) -> String {
        if let code = item.meta["_wpml_import_language_code"] ?? item.meta["wpml_language"], !code.isEmpty {
            return options.map.languages[code] ?? String(code.prefix(2))
        }
        if let code = item.terms("language").first?.slug, !code.isEmpty {
            return options.map.languages[code] ?? String(code.prefix(2))
        }
        let path = URL(string: item.link)?.path ?? ""
        if path.hasPrefix("/en/") || path == "/en" { return "en" }
        if path.hasPrefix("/ja/") || path == "/ja" { return "ja" }
        return options.map.defaultLanguage
    }

    private func section(of item: WXRItem) -> String {
        for category in item.terms("category") {
            if let section = options.map.sections[category.slug] { return section }
        }
        return "news"
    }
}
