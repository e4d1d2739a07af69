import Mustache

/// The site files iclei-site writes beside the pages, as Mustache templates compiled into the
/// binary. A site replaces one by putting a file of the same name in `Templates/`
/// (`Templates/feed.xml.mustache`, …), as Zola does; the values each one gets are listed above it.
enum BuiltInTemplates {
    /// The templates are the `.mustache` files beside this one, embedded at build time (exactly
    /// as written: a file that ends in a newline renders one).
    static let sources: [String: String] = [
        // lang, title, description, home, updated; entries: title, url, date, summary, tags
        "feed.xml": PackageResources.feed_xml_mustache,
        // urls: loc, lastmod, alternates (hreflang, href; only when a page has translations)
        "sitemap.xml": PackageResources.sitemap_xml_mustache,
        // sitemap: the sitemap's absolute URL
        "robots.txt": PackageResources.robots_txt_mustache,
        // lang, title, target, canonical, xDefault; languages: code, name, label, url, href
        "root.html": PackageResources.root_html_mustache,
        // WordPress query links (`/?p=123`, `/?page_id=45`) sent to the page that has them as an
        // alias, from `queryRedirects` (the map's URL, set when a page has such an alias; the
        // root page passes `target`, where to go otherwise). For the root page, and for a 404
        // template inside `{{#site}}{{#queryRedirects}}…{{/queryRedirects}}{{/site}}`.
        "query-redirect": PackageResources.query_redirect_mustache,
        // An old address of a page (front matter `aliases`): lang, page.title, redirect.url, redirect.permalink
        "redirect": PackageResources.redirect_mustache,
        // The search page of a site without its own `search` template: lang, page.title, site, search
        "search": PackageResources.search_mustache,
        // The search form, status line and results, for a site's own search template:
        // `{{> search-ui}}` where `search` is in the context (the search page's).
        "search-ui": PackageResources.search_ui_mustache,
        // The accessibility page of a site without its own `accessibility` template (with
        // `accessibility:` in site.yaml): lang, page.title, site, accessibility (`AccessibilityPage`)
        "accessibility": PackageResources.accessibility_mustache,
        // Its policy, statement and test results, for a site's own template:
        // `{{> accessibility-body}}` where `accessibility` is in the context.
        "accessibility-body": PackageResources.accessibility_body_mustache,
        // The browser editor's page (`cms:` in site.yaml): lang, title, script
        "admin.html": PackageResources.admin_html_mustache,
    ].mapValues { String(decoding: $0, as: UTF8.self) }

    /// The name a built-in template carries, to tell it from a site's own.
    static func name(_ template: String) -> String { "built-in \(template)" }

    /// Compiled once; the sources above are constant and covered by tests.
    static let templates: [String: Template] = sources.reduce(into: [:]) { result, entry in
        result[entry.key] = try! Template(source: entry.value, name: name(entry.key))
    }

    /// Renders `name` (the site's own template if it has one) for a site file.
    static func render(_ name: String, _ context: MustacheValue, library: TemplateLibrary) throws(BuildFailure)
        -> [UInt8]
    {
        do {
            return try library.renderBytes(name, context)
        } catch {
            throw BuildFailure([.error("Templates/\(name).mustache", 1, 1, "cannot render \(name): \(error)")])
        }
    }
}
