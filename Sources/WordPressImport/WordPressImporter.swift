import Foundation
import Yams

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

        public init(export: String, site: URL, uploads: String? = nil) {
            self.export = export
            self.site = site
            self.uploads = uploads
        }
    }

    public struct Report: Sendable {
        /// Content files written (or rewritten unchanged), below the site root.
        public var written: [String] = []
        /// Files edited since the last import, left as they are.
        public var kept: [String] = []
        public var uploadsCopied = 0
        /// Items not imported, by kind: drafts, private, revisions, attachments, menu items, …
        public var skipped: [String: Int] = [:]
        /// `path:line: warning: …` lines.
        public var warnings: [String] = []
        /// Warnings by kind.
        public var warningCounts: [String: Int] = [:]
        public var unpaired: [String] = []
    }

    let options: Options

    public init(options: Options) { self.options = options }

    /// One imported item and where it goes.
    struct Entry {
        var item: WXRItem
        var lang: String
        var section: String
        var stem = ""
        var slug: String?
        var translationKey: String?
        var contentPath: String { section.isEmpty ? stem : section + "/" + stem }
        var url: String {
            "/\(lang)/" + (section.isEmpty ? "" : section + "/") + (slug ?? stem) + "/"
        }
    }

    public func run() throws -> Report {
        let export = try WXRExport(path: options.export)
        var report = Report()
        var attachments: [Int: (url: String, alt: String)] = [:]
        var entries: [Entry] = []
        for item in export.items {
            if item.type == "attachment" {
                attachments[item.id] = (item.attachmentURL, item.meta["_wp_attachment_image_alt"] ?? item.title)
            }
            guard item.type == "post" || item.type == "page" else {
                report.skipped[Self.skipKind(type: item.type), default: 0] += 1
                continue
            }
            guard item.status == "publish" else {
                report.skipped[item.status == "private" ? "private" : "drafts", default: 0] += 1
                continue
            }
            entries.append(
                Entry(item: item, lang: language(of: item), section: item.type == "page" ? "" : section(of: item)))
        }
        pair(&entries, report: &report)
        name(&entries)
        let links = LinkMap(entries: entries, siteURL: export.siteURL)
        let files = FileWriter(site: options.site, force: options.force)
        let basePath = Self.basePath(site: options.site)
        var manifest = files.loadManifest()
        var copied: Set<String> = []
        for entry in entries {
            var problems: [(kind: String, detail: String)] = []
            let rewrite: (String) -> String = { href in
                if let upload = links.upload(href) {
                    if let source = options.uploads.map({ $0 + "/" + upload }),
                        FileManager.default.fileExists(atPath: source)
                    {
                        if !copied.contains(upload) {
                            copied.insert(upload)
                            try? files.copyUpload(from: source, to: upload)
                        }
                        return basePath + "wp-content/uploads/" + upload
                    }
                    problems.append(("missing upload", "\(upload) is not in --uploads; the link keeps its old address"))
                    return href
                }
                if let target = links.entry(for: href) {
                    let other = entries[target]
                    let fragment = href.firstIndex(of: "#").map { String(href[$0...]) } ?? ""
                    return "@/" + other.contentPath + (other.lang == entry.lang ? "" : "." + other.lang) + ".md"
                        + fragment
                }
                return href
            }
            var writer = MarkdownWriter(rewrite: rewrite)
            let (html, unknown) = Shortcodes(attachments: attachments).expand(entry.item.content)
            let body = writer.markdown(fromHTML: html)
            problems += unknown.map { ("unknown shortcode", "[\($0)] left as text") }
            problems += writer.problems
            let text = frontMatter(entry, links: links) + "\n" + body
            let path = "Content/" + entry.contentPath + "." + entry.lang + ".md"
            if files.write(text, to: path, manifest: &manifest) {
                report.written.append(path)
            } else {
                report.kept.append(path)
                problems.append(("edited since the last import", "\(path) kept (use --force to overwrite)"))
            }
            for problem in problems {
                report.warnings.append(
                    "\(options.export):\(entry.item.line): warning: \(problem.kind): \(problem.detail) (“\(entry.item.title)”)"
                )
                report.warningCounts[problem.kind, default: 0] += 1
            }
        }
        // Every file of the media library too: old newsletters and other sites link to uploads
        // no post names (e-News issues sent by email, PDFs).
        if let uploads = options.uploads {
            for item in export.items where item.type == "attachment" {
                guard let upload = links.upload(item.attachmentURL), !copied.contains(upload) else { continue }
                if FileManager.default.fileExists(atPath: uploads + "/" + upload) {
                    try? files.copyUpload(from: uploads + "/" + upload, to: upload)
                    copied.insert(upload)
                } else {
                    report.warnings.append(
                        "\(options.export):\(item.line): warning: missing upload: \(upload) (attachment \(item.id)) is not in --uploads"
                    )
                    report.warningCounts["missing upload", default: 0] += 1
                }
            }
        }
        report.uploadsCopied = copied.count
        try files.saveManifest(manifest)
        return report
    }

    /// The path the site lives under (site.yaml's `baseURL`), for links to copied uploads.
    static func basePath(site: URL) -> String {
        let config = site.appendingPathComponent("Content/site.yaml")
        guard let text = try? String(contentsOf: config, encoding: .utf8),
            let node = try? Yams.compose(yaml: text), let base = node["baseURL"]?.string,
            let path = URL(string: base)?.path, !path.isEmpty
        else { return "/" }
        return path.hasSuffix("/") ? path : path + "/"
    }

    static func skipKind(type: String) -> String {
        switch type {
        case "revision": return "revisions"
        case "attachment": return "attachments"
        case "nav_menu_item": return "menu items"
        default: return "other (\(type))"
        }
    }

    private func language(of item: WXRItem) -> String {
        if let code = item.meta["_wpml_import_language_code"] ?? item.meta["wpml_language"], !code.isEmpty {
            return String(code.prefix(2))
        }
        if let code = item.terms("language").first?.slug, !code.isEmpty { return String(code.prefix(2)) }
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

    /// Pairs from WPML's translation groups, Polylang's `post_translations` terms, or the map.
    private func pair(_ entries: inout [Entry], report: inout Report) {
        var groups: [String: [Int]] = [:]
        let byID = Dictionary(entries.indices.map { (entries[$0].item.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (n, entry) in entries.enumerated() {
            if let group = entry.item.meta["_wpml_import_translation_group"] ?? entry.item.meta["wpml_trid"] {
                groups["wpml-" + group, default: []].append(n)
            } else if let group = entry.item.terms("post_translations").first?.slug {
                groups["pll-" + group, default: []].append(n)
            }
        }
        for ids in options.map.pairs {
            let members = ids.compactMap { byID[$0] }
            if members.count == 2 { groups["map-\(ids[0])", default: []] = members }
        }
        var paired: Set<Int> = []
        for key in groups.keys.sorted() {
            let members = groups[key]!
            let languages = Set(members.map { entries[$0].lang })
            guard members.count == 2, languages == ["ja", "en"], members.allSatisfy({ !paired.contains($0) }) else {
                continue
            }
            let key = "wp-\(members.map { entries[$0].item.id }.min()!)"
            for n in members {
                entries[n].translationKey = key
                paired.insert(n)
            }
            // Both languages in the section of the Japanese one, so that they pair.
            let ja = members.first { entries[$0].lang == "ja" }!
            for n in members { entries[n].section = entries[ja].section }
        }
        for (n, entry) in entries.enumerated() where !paired.contains(n) {
            report.unpaired.append("\(entry.lang) \(entry.item.type) \(entry.item.id) “\(entry.item.title)”")
        }
    }

    /// File names: a pair shares one (the English slug when it is plain ASCII), dated posts
    /// start with their date; the WordPress slug stays as `slug:` when the file name differs.
    private func name(_ entries: inout [Entry]) {
        var byKey: [String: [Int]] = [:]
        for n in entries.indices { byKey[entries[n].translationKey ?? "single-\(n)", default: []].append(n) }
        var taken: Set<String> = []
        var slugs: Set<String> = []
        for key in byKey.keys.sorted(by: { byKey[$0]![0] < byKey[$1]![0] }) {
            let members = byKey[key]!.sorted { entries[$0].lang > entries[$1].lang }  // ja first
            let first = entries[members[0]]
            let ascii = members.map { Self.decodedSlug(entries[$0].item.slug) }.reversed().first {
                !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            }
            var stem = ascii ?? "wp-\(first.item.id)"
            if first.item.type == "post", let day = Self.japanDate(first.item) { stem = day + "-" + stem }
            if taken.contains(first.section + "/" + stem) { stem += "-\(first.item.id)" }
            taken.insert(first.section + "/" + stem)
            for n in members {
                entries[n].stem = stem
                let slug = Self.decodedSlug(entries[n].item.slug)
                let place = "\(entries[n].lang)/\(entries[n].section)/\(slug)"
                if slug != stem, Self.isSafe(slug), !slugs.contains(place) {
                    entries[n].slug = slug
                    slugs.insert(place)
                }
            }
        }
    }

    static func decodedSlug(_ slug: String) -> String { slug.removingPercentEncoding ?? slug }

    static func isSafe(_ slug: String) -> Bool {
        !slug.isEmpty && !slug.hasPrefix(".") && slug.utf8.count <= 200
            && slug.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// The item's day in Japan time: from the GMT date plus nine hours, else the site's own.
    static func japanDate(_ item: WXRItem) -> String? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        if let date = formatter.date(from: item.dateGMT), !item.dateGMT.hasPrefix("0000") {
            formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.string(from: date)
        }
        let local = item.date.prefix(10)
        return local.count == 10 && !local.hasPrefix("0000") ? String(local) : nil
    }

    private func frontMatter(_ entry: Entry, links: LinkMap) -> String {
        var lines = ["---", "title: " + Self.quoted(Self.plainText(entry.item.title))]
        if entry.item.type == "post", let day = Self.japanDate(entry.item) { lines.append("date: \(day)") }
        if let slug = entry.slug { lines.append("slug: " + Self.quoted(slug)) }
        if let key = entry.translationKey { lines.append("translationKey: " + key) }
        let summary = Self.plainText(entry.item.excerpt)
        if !summary.isEmpty { lines.append("summary: " + Self.quoted(summary)) }
        let ignored: Set<String> = ["uncategorized", "未分類"]
        var tags: [String] = []
        for term in entry.item.terms where term.domain == "category" || term.domain == "post_tag" {
            let name = Self.plainText(term.name)
            if options.map.sections[term.slug] == nil, term.slug != entry.section, !ignored.contains(term.slug),
                !ignored.contains(name),
                !name.isEmpty, !tags.contains(name)
            {
                tags.append(name)
            }
        }
        if !tags.isEmpty { lines.append("tags: [" + tags.map(Self.quoted).joined(separator: ", ") + "]") }
        var aliases: [String] = []
        if let old = links.oldPath(of: entry.item), old + "/" != entry.url, old != entry.url { aliases.append(old) }
        if entry.item.id > 0 { aliases.append("/?\(entry.item.type == "page" ? "page_id" : "p")=\(entry.item.id)") }
        if !aliases.isEmpty { lines.append("aliases: [" + aliases.map(Self.quoted).joined(separator: ", ") + "]") }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text without tags and with entities decoded, on one line (titles and excerpts).
    static func plainText(_ html: String) -> String {
        let text = HTMLPlain.text(html)
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == " " })
            .joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}
