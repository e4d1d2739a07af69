import Foundation
import SiteKit

/// An imported item's front matter. Every value is either a number formatted here or a
/// double-quoted YAML string (`quoted`), so no text from the export can start a line of its own.
struct FrontMatter {
    let entry: WordPressImporter.Entry
    let links: LinkMap
    let map: ImportMap
    let site: SiteFacts

    /// `claimed`: the addresses taken so far (pages' and earlier aliases'); an alias another
    /// item already has is left out, as two pages cannot answer one address.
    func text(extra: [String] = [], claimed: inout Set<String>) -> String {
        let item = entry.item
        var lines = ["---", "title: " + Self.quoted(Self.plainText(item.title))]
        let moment = WPDate.japan(item)
        if item.type == "post", let moment { lines.append("date: \(moment.day10)") }
        // A scheduled post appears when WordPress would have published it.
        if item.status == "future", let moment { lines.append("publishDate: \(moment.minuteText)") }
        if let field = site.startFields[entry.section], let moment {
            lines.append("\(field): \(moment.minuteText)")
        }
        if let slug = entry.slug { lines.append("slug: " + Self.quoted(slug)) }
        // Behind a password in WordPress: kept out of the build (--protected-as-drafts).
        if !item.password.isEmpty { lines.append("draft: true") }
        if let key = entry.translationKey { lines.append("translationKey: " + key) }
        let summary = Self.plainText(item.excerpt)
        if !summary.isEmpty { lines.append("summary: " + Self.quoted(summary)) }
        let ignored: Set<String> = ["uncategorized", "未分類"]
        var tags: [String] = []
        for term in item.terms where term.domain == "category" || term.domain == "post_tag" {
            let name = Self.plainText(term.name)
            if map.sections[term.slug] == nil, term.slug != entry.section, !ignored.contains(term.slug),
                !ignored.contains(name), !name.isEmpty,
                // A category and a tag of one name but for case (Markup, markup) are one tag.
                !tags.contains(where: { $0.lowercased() == name.lowercased() })
            {
                tags.append(name)
            }
        }
        if !tags.isEmpty { lines.append("tags: [" + tags.map(Self.quoted).joined(separator: ", ") + "]") }
        lines += extra
        var aliases: [String] = []
        if let old = links.oldPath(of: item), old + "/" != entry.url, old != entry.url, !claimsReserved(old) {
            aliases.append(old)
        }
        // Earlier slugs WordPress still redirected: the same address with the old last name.
        if let old = links.oldPath(of: item), let cut = old.lastIndex(of: "/") {
            for slug in item.oldSlugs.map(FileNames.decodedSlug) where FileNames.isSafe(slug) {
                let path = String(old[...cut]) + slug
                if !aliases.contains(path) && path + "/" != entry.url { aliases.append(path) }
            }
        }
        aliases = aliases.filter { claimed.insert($0).inserted }
        if item.id > 0 { aliases.append("/?\(item.type == "page" ? "page_id" : "p")=\(item.id)") }
        if !aliases.isEmpty { lines.append("aliases: [" + aliases.map(Self.quoted).joined(separator: ", ") + "]") }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An old address the site's own lists and generated pages answer (`/ja/news`, `/tags`):
    /// as an alias it would take their place, so the list answers it instead.
    func claimsReserved(_ path: String) -> Bool {
        var names = path.split(separator: "/").map(String.init)
        if let first = names.first, site.languages.contains(first) { names.removeFirst() }
        return names.isEmpty || (names.count == 1 && site.reservedPageNames.contains(names[0].lowercased()))
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String { YAMLQuoting.doubleQuoted(text) }

    /// Text without tags and with entities decoded, on one line (titles and excerpts).
    static func plainText(_ html: String) -> String {
        let text = HTMLPlain.text(html)
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == " " })
            .joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}
