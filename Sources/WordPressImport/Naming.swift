import Foundation

/// What may become a file or folder name.
enum FileNames {
    static func isSafe(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.hasPrefix("_") && name.utf8.count <= 200
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    static func isASCIIName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    static func decodedSlug(_ slug: String) -> String { slug.removingPercentEncoding ?? slug }
}

extension WordPressImporter {
    /// Pairs from WPML's translation groups, Polylang's `post_translations` terms, or the map.
    func pair(_ entries: inout [Entry], report: inout Report) {
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
            report.unpaired.append(
                Report.printable("\(entry.lang) \(entry.item.type) \(entry.item.id) “\(entry.item.title)”"))
        }
    }

    /// File names: a pair shares one (the English slug when it is plain ASCII), dated posts
    /// start with their date; the WordPress slug stays as `slug:` when the file name differs.
    /// A child page goes in its parent's folder (`about/history`), as its address was below
    /// the parent's, so equal slugs under different parents stay apart. A name the site gives
    /// a meaning (`_index`, a hidden name, or at the root a section or a generated page such
    /// as `tags`, `search`, `feed.xml`) is renamed and reported: the page would otherwise
    /// replace a list or vanish.
    func name(_ entries: inout [Entry], site: SiteFacts, report: inout Report) {
        var groups: [[Int]] = []
        var groupOf: [Int: Int] = [:]
        var byKey: [String: Int] = [:]
        for n in entries.indices {
            let key = entries[n].translationKey ?? "single-\(n)"
            if byKey[key] == nil {
                byKey[key] = groups.count
                groups.append([])
            }
            groups[byKey[key]!].append(n)
            groupOf[n] = byKey[key]!
        }
        let byID = Dictionary(entries.indices.map { (entries[$0].item.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The group of each page's parent page, when the parent is imported too.
        var parentGroup: [Int: Int] = [:]
        for (g, members) in groups.enumerated() {
            let first = entries[members[0]]
            guard first.item.type == "page", first.item.parent != 0, let parent = byID[first.item.parent],
                entries[parent].item.type == "page", let pg = groupOf[parent], pg != g
            else { continue }
            parentGroup[g] = pg
        }
        func depth(_ g: Int) -> Int {
            var d = 0
            var current = g
            // A loop of parents (an edited export) stops at the bound and stays at the root.
            while let up = parentGroup[current], d < 16 {
                d += 1
                current = up
            }
            return d
        }
        let depths = groups.indices.map(depth)
        for g in groups.indices where depths[g] >= 16 { parentGroup[g] = nil }
        let hasChildren = Set(parentGroup.values)
        var taken: Set<String> = []
        var slugs: Set<String> = []
        let reserved = site.reservedPageNames
        func isReserved(_ name: String, folder: String) -> Bool {
            name.hasPrefix("_") || name.hasPrefix(".") || (folder.isEmpty && reserved.contains(name.lowercased()))
        }
        for g in groups.indices.sorted(by: { (depths[$0], $0) < (depths[$1], $1) }) {
            let members = groups[g].sorted { entries[$0].lang > entries[$1].lang }  // ja first
            if let pg = parentGroup[g] {
                let parent = entries[groups[pg][0]]
                for n in members { entries[n].section = parent.folder }
            }
            let first = entries[members[0]]
            let ascii = members.map { FileNames.decodedSlug(entries[$0].item.slug) }.reversed().first {
                FileNames.isASCIIName($0)
            }
            var stem = ascii ?? "wp-\(first.item.id)"
            if isReserved(stem, folder: first.section) {
                let renamed = String(stem.drop { $0 == "_" || $0 == "." })
                stem = renamed.isEmpty ? "wp-\(first.item.id)" : renamed
                if isReserved(stem, folder: first.section) { stem += "-page" }
                report.warn(
                    options.export, first.item.line, "renamed",
                    "the name `\(ascii ?? "")` means something else to the site (a section, a list or a generated page); the file is \(stem) (“\(first.item.title)”)"
                )
            }
            if first.item.type == "post", let day = WPDate.japan(first.item) { stem = day.day10 + "-" + stem }
            // Until unique: the suffixed name may be taken too (by a slug such as foo-12, or by
            // items without an id, which an export can have).
            let base = stem
            var attempt = 1
            while taken.contains(first.section + "/" + stem) {
                stem = base + "-\(first.item.id)" + (attempt > 1 ? "-\(attempt)" : "")
                attempt += 1
            }
            taken.insert(first.section + "/" + stem)
            for n in members {
                entries[n].stem = stem
                entries[n].isIndex = hasChildren.contains(g)
                let slug = FileNames.decodedSlug(entries[n].item.slug)
                let place = "\(entries[n].lang)/\(entries[n].section)/\(slug)"
                // A folder's index has its folder's name for address: no slug of its own.
                if !entries[n].isIndex, slug != stem, FileNames.isSafe(slug),
                    !isReserved(slug, folder: entries[n].section), !slugs.contains(place)
                {
                    entries[n].slug = slug
                    slugs.insert(place)
                }
            }
        }
    }
}
