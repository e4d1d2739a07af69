/// A file path written in the site's sources (site.yaml's `map.outlines`): relative, and never
/// leaving the folder it is read from, so a site cannot make the build read `/etc/passwd`.
enum SitePath {
    /// Why `written` is not such a path, or nil when it is.
    static func problem(_ written: String) -> String? {
        if written.isEmpty { return "is empty" }
        if written.hasPrefix("/") || written.hasPrefix("~") {
            return "must be a path inside the site, not `\(written)`"
        }
        if written.contains("\\") || written.contains("\0") { return "must use `/` between folders" }
        let segments = written.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) {
            return "must be a path inside the site without `.`, `..` or `//`, not `\(written)`"
        }
        return nil
    }
}
