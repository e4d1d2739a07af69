/// Decides which output files an incremental build renders again: the pages whose own values
/// or HTML changed, and, unless only their HTML changed, every file that shows them: their translations (switchers), the lists
/// of their section in every language (a missing translation appears as a notice there), the
/// home pages, their tags' pages, the pages they refer to (`referencedBy`) and the pages that
/// refer to them. Any change to what all pages share (configuration, templates, sections that
/// exist) means everything.
struct ChangePlanner {
    let site: LinkedSite
    let jobs: [RenderJob]
    let infos: [JobInfo]
    let records: [BuildSnapshot.PageRecord]

    enum Plan: Equatable {
        case everything
        case jobs([Int])
    }

    /// - Parameter onlyBodiesOf: when the caller knows that only these pages' bodies changed
    ///   since `old` was taken (the same pages and URLs), only they are compared.
    func plan(since old: BuildSnapshot, globalKey: UInt64, sections: Set<String>, onlyBodiesOf edited: Set<Int>? = nil)
        -> Plan
    {
        guard old.globalKey == globalKey, old.sections == sections else { return .everything }
        if let edited {
            let body = edited.filter { old.pages[site.pages[$0].sourcePath]?.bodyHash != records[$0].bodyHash }
            let summaries = edited.filter {
                old.pages[site.pages[$0].sourcePath]?.summaryHash != records[$0].summaryHash
            }
            if summaries.isEmpty {
                return .jobs(infos.indices.filter { infos[$0].pageIndex.map(body.contains) ?? false })
            }
        }
        var changed: [BuildSnapshot.PageRecord] = []
        var changedPages = Set<Int>()
        var seen = Set<String>()
        for (i, page) in site.pages.enumerated() {
            seen.insert(page.sourcePath)
            guard let before = old.pages[page.sourcePath] else {
                changedPages.insert(i)
                changed.append(records[i])
                continue
            }
            if before == records[i] { continue }
            changedPages.insert(i)
            var sameBody = before
            sameBody.bodyHash = records[i].bodyHash
            // Only its text changed: no other file shows that.
            if sameBody == records[i] { continue }
            changed.append(records[i])
            changed.append(before)
        }
        for (path, before) in old.pages where !seen.contains(path) { changed.append(before) }

        let newOutputs = infos.indices.filter { old.outputs[infos[$0].outputPath] == nil }
        if changed.isEmpty {
            // A section's or home page's text shows on its list page.
            let own = infos.indices.filter { infos[$0].pageIndex.map(changedPages.contains) ?? false }
            return .jobs(Array(Set(newOutputs + own)).sorted())
        }

        let contentPaths = Set(changed.map(\.contentPath))
        let translationKeys = Set(changed.map(\.translationKey))
        let sectionNames = Set(changed.map(\.section))
        let tags = Set(changed.flatMap { record in record.tags.map { record.lang + "\u{0}" + Slug.of($0) } })
        let referenced = Set(changed.flatMap(\.references))
        // Pages that name a changed page in their front matter, now or in the last build.
        var referrers = Set<Int>()
        for path in contentPaths { referrers.formUnion(site.references.incoming[path] ?? []) }
        let oldReferrers = old.pages.filter { !Set($0.value.references).isDisjoint(with: contentPaths) }.map(\.key)
        let index = Dictionary(
            site.pages.indices.map { (site.pages[$0].sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        referrers.formUnion(oldReferrers.compactMap { index[$0] })

        var selected = Set(newOutputs)
        for (n, job) in jobs.enumerated() {
            let render: Bool
            switch job {
            case _ where infos[n].pageIndex.map(changedPages.contains) ?? false:
                render = true
            case .page(let i):
                render =
                    referrers.contains(i)
                    || translationKeys.contains(records[i].translationKey)
                    || referenced.contains(records[i].contentPath)
            case .section(let s, _):
                render = sectionNames.contains(site.sections[s].name)
            case .tag(let t, _):
                render = tags.contains(site.tags[t].lang + "\u{0}" + site.tags[t].slug)
            case .home, .tagIndex, .notFound:
                render = true
            }
            if render { selected.insert(n) }
        }
        return .jobs(selected.sorted())
    }
}
