/// How lists are split into pages, and the URLs of those pages: part of the site's URL model,
/// used by the link checker (which URLs exist) and by planning and rendering.
struct Pagination: Sendable {
    /// Items per list page (site.yaml `paginate`).
    let pageSize: Int

    /// Sections grouped by 年度 or kana row are one long page; others are split.
    func pageCount(of section: Section) -> Int {
        guard section.settings.group == .none else { return 1 }
        return pages(for: section.listing.count)
    }

    func pageCount(of tag: SiteTag) -> Int { pages(for: tag.pages.count) }

    private func pages(for items: Int) -> Int { max(1, (items + pageSize - 1) / pageSize) }

    /// The URL of page `number` of a paginated list at `base`.
    static func pageURL(_ base: String, _ number: Int) -> String { number == 1 ? base : base + "page/\(number)/" }
}
