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
        case jobs([JobID])
    }

    /// - Parameter onlyBodiesOf: when the caller knows that only these pages' bodies changed
    ///   since `old` was taken (the same pages and URLs), only they are compared.
    func plan(
        since old: BuildSnapshot, globalKey: UInt64, sections: Set<String>, onlyBodiesOf edited: Set<PageID>? = nil
    )
        -> Plan
    {
        guard old.globalKey == globalKey, old.sections == sections else { return .everything }
        if let edited {
            let body = edited.filter { old.pages[site.pages[$0].sourcePath]?.bodyHash != records[$0].bodyHash }
            let summaries = edited.filter {
                old.pages[site.pages[$0].sourcePath]?.summaryHash != records[$0].summaryHash
            }
            if summaries.isEmpty {
                return .jobs(infos.jobIDs.filter { infos[$0].page.map(body.contains) ?? false })
            }
        }
        var changed: [BuildSnapshot.PageRecord] = []
        var changedPages = Set<PageID>()
        // Pages whose values other pages show changed (not only their text): those showing
        // them as related or as a series neighbour render again.
        var shownChanged = Set<PageID>()
        var seen = Set<String>()
        for i in site.pages.pageIDs {
            let page = site.pages[i]
            seen.insert(page.sourcePath)
            guard let before = old.pages[page.sourcePath] else {
                changedPages.insert(i)
                shownChanged.insert(i)
                changed.append(records[i])
                continue
            }
            if before == records[i] { continue }
            changedPages.insert(i)
            var sameBody = before
            sameBody.bodyHash = records[i].bodyHash
            // Only its text changed: no other file shows that.
            if sameBody == records[i] { continue }
            shownChanged.insert(i)
            changed.append(records[i])
            changed.append(before)
        }
        for (path, before) in old.pages where !seen.contains(path) { changed.append(before) }

        let newOutputs = infos.jobIDs.filter { old.outputs[infos[$0].outputPath] == nil }
        if changed.isEmpty {
            // A section's or home page's text shows on its list page.
            let own = infos.jobIDs.filter { infos[$0].page.map(changedPages.contains) ?? false }
            return .jobs(Array(Set(newOutputs + own)).sorted())
        }

        let contentPaths = Set(changed.map(\.contentPath))
        let translationKeys = Set(changed.map(\.translationKey))
        let sectionNames = Set(changed.map(\.section))
        // A section's `_index` gives its title, which every page of the section shows in its
        // breadcrumbs.
        let retitled = Set(
            changed.filter { $0.contentPath.hasSuffix("/_index") }.map { LanguageKey(lang: $0.lang, name: $0.section) })
        let tags = Set(
            changed.flatMap { record in record.tags.map { LanguageKey(lang: record.lang, name: Slug.of($0)) } })
        let referenced = Set(changed.flatMap(\.references))
        // Pages that name a changed page in their front matter, now or in the last build.
        var referrers = Set<PageID>()
        for path in contentPaths { referrers.formUnion(site.references.incoming[path] ?? []) }
        let oldReferrers = old.pages.filter { !Set($0.value.references).isDisjoint(with: contentPaths) }.map(\.key)
        let index = Dictionary(
            site.pages.pageIDs.map { (site.pages[$0].sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        referrers.formUnion(oldReferrers.compactMap { index[$0] })

        var selected = Set(newOutputs)
        for n in jobs.jobIDs {
            let render: Bool
            switch jobs[n] {
            case _ where infos[n].page.map(changedPages.contains) ?? false:
                render = true
            case .page(let i):
                render =
                    referrers.contains(i)
                    || translationKeys.contains(records[i].translationKey)
                    || referenced.contains(records[i].contentPath)
                    || retitled.contains(LanguageKey(lang: records[i].lang, name: records[i].section))
                    || site.neighbours(of: i).contains(where: shownChanged.contains)
            case .section(let s, _):
                render = sectionNames.contains(site.sections[s].name)
            case .tag(let t, _):
                // Its own pages, or its language switcher (a translation appeared or went).
                render =
                    tags.contains(LanguageKey(lang: site.tags[t].lang, name: site.tags[t].slug))
                    || site.partners(of: t).contains(where: tags.contains)
            case .home, .tagIndex, .notFound:
                render = true
            case .search, .accessibility, .redirect:
                render = false  // it shows no page: only what everything depends on changes it
            }
            if render { selected.insert(n) }
        }
        return .jobs(selected.sorted())
    }
}
