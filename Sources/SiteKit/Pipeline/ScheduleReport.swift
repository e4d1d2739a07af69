import Foundation

extension SiteBuilder {
    /// For `check`: what publishes, expires or ends within `days` of the build's moment, one
    /// line per change (`path:line: publishes 2025-01-15T09:00:00+09:00, in 5 days`), soonest
    /// first; empty when nothing does or the site cannot be loaded.
    public func scheduledChanges(days: Int) -> String {
        var cache = LoadCache()
        var loader = ContentLoader(root: options.source, baseURLOverride: options.baseURL)
        loader.configFile = options.configFile
        guard case .success(let loaded) = loader.load(reusing: &cache),
            let schedule = try? schedule(model: loaded.config.model)
        else { return "" }
        let changes = schedule.changes(loaded.pages.filter { options.includeDrafts || !$0.draft }, days: days)
        guard !changes.isEmpty else { return "" }
        var text = "within \(days) days of \(SiteDate(epochSeconds: schedule.now).iso):\n"
        for change in changes {
            let seconds = change.at.epochSeconds - schedule.now
            let when = seconds < 86400 ? "within a day" : "in \((seconds + 86399) / 86400) days"
            text += "\(change.file):\(change.line): \(change.kind.rawValue) \(change.at.iso), \(when)\n"
        }
        return text
    }
}
