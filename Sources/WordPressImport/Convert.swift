import Foundation

extension WordPressImporter {
    struct Converted {
        var body: String
        var fields: [String] = []
        var problems: [(kind: String, detail: String)] = []
    }

    /// An item's content as Markdown: shortcodes and reusable blocks expanded, links to the
    /// old site turned into links to content files, uploads copied.
    func convert(
        _ entry: Entry, entries: [Entry], links: LinkMap, library: MediaLibrary, uploads: UploadCopier
    ) -> Converted {
        var problems: [(kind: String, detail: String)] = []
        let rewrite: (String) -> String = { href in
            if let upload = links.upload(href) {
                let (address, reason) = uploads.address(upload)
                if let address { return address }
                // Without --uploads every link to an upload would be a warning: the report
                // counts them once instead (Report.uploadLinksKept).
                if let reason, uploads.source != nil {
                    problems.append(("missing upload", "\(upload) \(reason); the link keeps its old address"))
                }
                return href
            }
            if let target = links.entry(for: href) {
                let other = entries[target]
                let fragment = href.firstIndex(of: "#").map { String(href[$0...]) } ?? ""
                return "@/" + other.contentPath + (other.lang == entry.lang ? "" : "." + other.lang) + ".md" + fragment
            }
            return href
        }
        var writer = MarkdownWriter(rewrite: rewrite)
        writer.libraryAlt = { library.alt(for: $0) }
        let shortcodes = Shortcodes(library: library, item: entry.item.id)
        let (html, unknown) = shortcodes.expand(entry.item.content)
        let body = writer.markdown(fromHTML: html)
        problems += unknown
        problems += writer.problems
        return Converted(body: body, problems: problems)
    }

    /// The featured image (`_thumbnail_id`) as the section's `image` field, when it has one.
    func featuredImage(
        _ entry: Entry, site: SiteFacts, library: MediaLibrary, links: LinkMap, uploads: UploadCopier
    ) -> String? {
        guard let id = entry.item.meta["_thumbnail_id"].flatMap({ Int($0) }), let file = library.byID[id],
            site.sections[entry.section]?.contains("image") == true, let upload = links.upload(file.url)
        else { return nil }
        guard uploads.address(upload).0 != nil else { return nil }
        // The field holds the image's URL, base path included, as `check` asks.
        return site.basePath + "wp-content/uploads/" + upload
    }
}
