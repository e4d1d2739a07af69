/// How a section's list is ordered and grouped, from `sections:` in site.yaml:
///
/// ```yaml
/// sections:
///   members: {order: reading}       # 五十音順 by the `role: reading` field in Japanese, by title in others
///   cafe: {group: fiscalYear}       # list grouped by 年度, newest first
/// ```
public struct SectionSettings: Sendable, Equatable {
    public enum Order: String, Sendable, CaseIterable { case date, reading, title }
    public enum Grouping: String, Sendable, CaseIterable { case none, fiscalYear, kanaRow }

    public var order: Order = .date
    public var group: Grouping = .none

    public init(order: Order = .date, group: Grouping = .none) {
        self.order = order
        self.group = group
    }
}

extension SiteConfig {
    public func settings(forSection name: String) -> SectionSettings { model.section(name).settings }
}
