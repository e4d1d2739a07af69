import Mustache

/// A session's previous and next in its series (`SeriesPlace`, from the link stage), as
/// templates show them: `page.series.previous` / `.next`, each with `title`, `url` and, where
/// the section has a `role: sequence` field, `numbered` (第3回 / Session 3) unless its title
/// says it. The layout puts them in `<link rel="prev/next">` too.
struct SeriesLinks {
    let site: LinkedSite

    func value(for i: PageID) -> MustacheValue? {
        guard let place = site.series[i], place.previous != nil || place.next != nil else { return nil }
        var value: [String: MustacheValue] = [:]
        if let previous = place.previous { value["previous"] = neighbour(previous) }
        if let next = place.next { value["next"] = neighbour(next) }
        return .object(value)
    }

    private func neighbour(_ i: PageID) -> MustacheValue {
        let page = site.pages[i]
        var value: [String: MustacheValue] = ["title": .string(page.title), "url": .string(page.url)]
        let sequence = site.config.model.section(page.section).field(role: .sequence)?.name
        if let sequence, case .int(let number)? = page.frontMatter[sequence] {
            let numbered = site.config.isJapanese(page.lang) ? "第\(number)回" : "Session \(number)"
            // 第4回イクレイカフェ… says it already.
            if !page.title.contains(numbered) { value["numbered"] = .string(numbered) }
        }
        return .object(value)
    }
}
