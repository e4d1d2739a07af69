/// A position in one of the site's tables, typed so that a page's number cannot index the
/// sections (`PageID`, `SectionID`, `TagID`, and the plan's `JobID`).
protocol TableIndex {
    var index: Int { get }
    init(_ index: Int)
}

/// A page of the linked site: its place in `LinkedSite.pages` and in every table kept per
/// page (Markdown results, template values, recency).
struct PageID: TableIndex, Hashable, Comparable, Sendable {
    var index: Int
    init(_ index: Int) { self.index = index }
    static func < (a: PageID, b: PageID) -> Bool { a.index < b.index }
}

/// A section in one language: its place in `LinkedSite.sections`.
struct SectionID: TableIndex, Hashable, Sendable {
    var index: Int
    init(_ index: Int) { self.index = index }
}

/// A tag in one language: its place in `LinkedSite.tags`.
struct TagID: TableIndex, Hashable, Sendable {
    var index: Int
    init(_ index: Int) { self.index = index }
}

/// A name that exists once per language: a section (`ja` `news`) or a tag (`ja` `脱炭素`).
struct LanguageKey: Hashable, Sendable {
    var lang: String
    var name: String
}

extension Array {
    /// Tables kept per page (or section, tag, job) are indexed by their id, never by a bare integer.
    subscript<ID: TableIndex>(_ id: ID) -> Element {
        get { self[id.index] }
        set { self[id.index] = newValue }
    }
}

extension Collection where Index == Int {
    /// Every page's id, for a table kept per page.
    var pageIDs: [PageID] { indices.map(PageID.init) }
}
