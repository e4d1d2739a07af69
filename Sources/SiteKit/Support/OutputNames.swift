/// The names of the files the build writes beside the pages. The link stage reserves them (no
/// page or old address may take their place) and render writes them: one list for both.
enum OutputNames {
    static let root = "index.html"
    static let notFound = "404.html"
    static let sitemap = "sitemap.xml"
    static let robots = "robots.txt"
    static let searchScript = "search.js"
    /// A language's feed, and a section's (`<lang>/<section>/feed.xml`).
    static let feed = "feed.xml"
    /// Beside each event's page, and one per events section to subscribe to.
    static let event = "event.ics"
    static let calendar = "calendar.ics"
    static let map = "assets/japan-map.svg"
    static let netlifyRedirects = "_redirects"
    static let nginxRedirects = "redirects.nginx"
    static let queryMap = "redirects.json"
    /// The browser editor's page and configuration, when site.yaml has `cms:`.
    static let adminFolder = "admin/"
    static let adminPage = adminFolder + "index.html"
    static let adminConfig = adminFolder + "config.yml"

    /// Files at the output's root, whatever the site holds.
    static let atRoot = [
        root, notFound, sitemap, robots, searchScript, map, netlifyRedirects, nginxRedirects, queryMap,
    ]
}
