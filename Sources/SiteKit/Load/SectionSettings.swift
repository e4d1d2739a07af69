/// How a section's list is ordered and grouped, from `sections:` in site.yaml:
///
/// ```yaml
/// sections:
///   members: {order: reading}       # 五十音順 by the `role: reading` field in Japanese, by title in others
///   cafe: {group: fiscalYear}       # list grouped by 年度, newest first
/// ```
struct SectionSettings: Sendable, Equatable {
    enum Order: String, Sendable, CaseIterable { case date, reading, title }
    enum Grouping: String, Sendable, CaseIterable { case none, fiscalYear, kanaRow }

    var order: Order = .date
    var group: Grouping = .none
}

extension SiteConfig {
    func settings(forSection name: String) -> SectionSettings { model.section(name).settings }
}
