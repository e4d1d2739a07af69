import SiteKit

/// What is said about one address, from a fetch just made or from the cache.
public enum LinkVerdict: Sendable, Equatable {
    case fine
    /// Failed on two different days: the only verdict that fails `check --links`.
    case broken(detail: String, days: [String])
    /// Failed, but on one day only so far.
    case failedOnce(detail: String, day: String)
    case moved(status: Int, target: String)
    case couldNotTell(String)

    init(_ entry: LinkCache.Entry) {
        switch entry.result {
        case .ok: self = .fine
        case .moved: self = .moved(status: entry.movedStatus ?? 301, target: entry.target ?? "")
        case .unknown: self = .couldNotTell(entry.detail ?? "no clear answer")
        case .broken:
            let days = entry.failedDays ?? []
            let detail = entry.detail ?? "it failed"
            self =
                Set(days).count >= 2
                ? .broken(detail: detail, days: days) : .failedOnce(detail: detail, day: days.last ?? "")
        }
    }

    /// The diagnostic at a link's place, or nil for a link that works.
    func diagnostic(at link: ExternalLink) -> Diagnostic? {
        let url = "`\(link.url)`"
        let message: String
        switch self {
        case .fine: return nil
        case .broken(let detail, let days):
            return .error(
                link.file, link.line, link.column,
                "broken link \(url): \(detail) (failed on \(Self.list(days)))")
        case .failedOnce(let detail, let day):
            message =
                "link \(url) failed on \(day) (\(detail)); it is fetched again after a day and called broken if it fails again"
        case .moved(let status, let target):
            message = "update this link: \(url) has moved permanently (\(status)) to `\(target)`"
        case .couldNotTell(let detail):
            message = "could not tell whether \(url) works: \(detail)"
        }
        return .warning(link.file, link.line, link.column, message)
    }

    private static func list(_ days: [String]) -> String {
        guard days.count > 1 else { return days.first ?? "" }
        return days.dropLast().joined(separator: ", ") + " and " + days.last!
    }
}
