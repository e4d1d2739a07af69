/// Front matter keys that name pages of a section by their file slug, declared in site.yaml:
///
/// ```yaml
/// references:
///   members: members      # news: `members: [saitama, matsuyama]`
///   presenters: members   # cafe: `presenters: [yokohama]`
/// ```
///
/// An unknown key is an error at its line. Templates get the named pages as objects, and each
/// named page gets `referencedBy`: the pages that name it, per section.
struct References: Sendable {
    /// Page index → front matter key → target content paths (`members/yokohama`).
    var outgoing: [PageID: [String: [String]]] = [:]
    /// Target content path → referencing page indices (all languages), newest first.
    var incoming: [String: [PageID]] = [:]

    static func fields(_ config: SiteConfig) -> [String: String] {
        var fields = config.model.references
        fields.merge(config.references) { declared, _ in declared }
        return fields
    }

    static func collect(
        _ pages: [Page], config: SiteConfig, byContentPath: [String: [String: PageID]],
        recency: [Int]
    ) -> (References, [Diagnostic]) {
        let fields = fields(config)
        var references = References()
        var diagnostics: [Diagnostic] = []
        guard !fields.isEmpty else { return (references, diagnostics) }
        for (n, page) in pages.enumerated() {
            let i = PageID(n)
            for (key, section) in fields.sorted(by: { $0.key < $1.key }) {
                guard let value = page.frontMatter[key] else { continue }
                let position = page.frontMatter.position(of: key)
                let names: [String]
                switch value {
                case .list(let items): names = items.compactMap(\.text)
                case .string(let single): names = [single]
                case .null: names = []
                default:
                    diagnostics.append(
                        .error(
                            page.sourcePath, position.line, position.column,
                            "`\(key)` must be a list of pages of `\(section)` by file name, like [\(pages.first { $0.section == section }?.fileSlug ?? "name")]"
                        ))
                    continue
                }
                var targets: [String] = []
                for name in names {
                    let path = section + "/" + name
                    guard byContentPath[path] != nil else {
                        let known = byContentPath.keys.filter {
                            $0.hasPrefix(section + "/") && !$0.hasSuffix("/_index")
                        }
                        .map { String($0.dropFirst(section.count + 1)) }.sorted()
                        let hint = Suggest.closest(to: name, in: known).map { " (did you mean `\($0)`?)" } ?? ""
                        diagnostics.append(
                            .error(
                                page.sourcePath, position.line, position.column,
                                "unknown \(section) key `\(name)` in `\(key)`: there is no Content/\(path).<lang>.md\(hint)"
                            ))
                        continue
                    }
                    targets.append(path)
                    if references.incoming[path]?.last != i { references.incoming[path, default: []].append(i) }
                }
                references.outgoing[i, default: [:]][key] = targets
            }
        }
        for key in references.incoming.keys {
            references.incoming[key]?.sort { recency[$0] < recency[$1] }
        }
        return (references, diagnostics)
    }
}
