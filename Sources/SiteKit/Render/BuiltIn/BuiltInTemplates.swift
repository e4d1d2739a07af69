import Mustache

/// The site files iclei-site writes beside the pages, as Mustache templates compiled into the
/// binary. A site replaces one by putting a file of the same name in `Templates/`
/// (`Templates/feed.xml.mustache`, …), as Zola does; the values each one gets are listed above it.
enum BuiltInTemplates {
    static let sources: [String: String] = [
        // lang, title, description, home, updated; entries: title, url, date, summary, tags
        "feed.xml": """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{lang}}">
        <title>{{title}}</title>
        <subtitle>{{description}}</subtitle>
        <link rel="self" type="application/atom+xml" href="{{home}}feed.xml"/>
        <link rel="alternate" type="text/html" href="{{home}}"/>
        <id>{{home}}</id>
        <updated>{{updated}}</updated>
        <author><name>{{title}}</name></author>
        {{#entries}}
        <entry>
        <title>{{title}}</title>
        <link rel="alternate" type="text/html" href="{{url}}"/>
        <id>{{url}}</id>
        <published>{{date}}</published>
        <updated>{{date}}</updated>
        {{#summary}}
        <summary>{{summary}}</summary>
        {{/summary}}
        {{#tags}}
        <category term="{{.}}"/>
        {{/tags}}
        </entry>
        {{/entries}}
        </feed>

        """,
        // urls: loc, lastmod, alternates (hreflang, href; only when a page has translations)
        "sitemap.xml": """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
        {{#urls}}
        <url>
        <loc>{{loc}}</loc>
        {{#lastmod}}
        <lastmod>{{lastmod}}</lastmod>
        {{/lastmod}}
        {{#alternates}}
        <xhtml:link rel="alternate" hreflang="{{hreflang}}" href="{{href}}"/>
        {{/alternates}}
        </url>
        {{/urls}}
        </urlset>

        """,
        // sitemap: the sitemap's absolute URL
        "robots.txt": """
        User-agent: *
        Allow: /

        Sitemap: {{{sitemap}}}

        """,
        // lang, title, target, canonical, xDefault; languages: code, name, label, url, href
        "root.html": """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        {{#queryRedirects}}
        {{> query-redirect}}
        <noscript><meta http-equiv="refresh" content="0; url={{target}}"></noscript>
        {{/queryRedirects}}
        {{^queryRedirects}}
        <meta http-equiv="refresh" content="0; url={{target}}">
        {{/queryRedirects}}
        <link rel="canonical" href="{{canonical}}">
        {{#languages}}
        <link rel="alternate" hreflang="{{code}}" href="{{href}}">
        {{/languages}}
        <link rel="alternate" hreflang="x-default" href="{{xDefault}}">
        </head>
        <body>
        <ul>
        {{#languages}}
        <li><a href="{{url}}" hreflang="{{code}}" lang="{{code}}">{{label}} ({{name}})</a></li>
        {{/languages}}
        </ul>
        </body>
        </html>

        """,
        // WordPress query links (`/?p=123`, `/?page_id=45`) sent to the page that has them as an
        // alias, from `queryRedirects` (the map's URL, set when a page has such an alias; the
        // root page passes `target`, where to go otherwise). For the root page, and for a 404
        // template inside `{{#site}}{{#queryRedirects}}…{{/queryRedirects}}{{/site}}`.
        "query-redirect": """
        <script>
        (function () {
          var q = location.search.match(/[?&](p|page_id)=([0-9]+)/), fallback = "{{target}}";
          function go(url) { if (url) location.replace(url); }
          if (!q) { go(fallback); return; }
          fetch("{{queryRedirects}}").then(function (r) { return r.json(); })
            .then(function (map) { go(map[q[1] + "=" + q[2]] || fallback); }, function () { go(fallback); });
        })();
        </script>

        """,
        // An old address of a page (front matter `aliases`): lang, page.title, redirect.url, redirect.permalink
        "redirect": """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="robots" content="noindex">
        <link rel="canonical" href="{{redirect.permalink}}">
        <meta http-equiv="refresh" content="0; url={{redirect.url}}">
        <title>{{page.title}}</title>
        </head>
        <body>
        <p><a href="{{redirect.url}}">{{page.title}}</a></p>
        </body>
        </html>

        """,
        // The search page of a site without its own `search` template: lang, page.title, site, search
        "search": """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{page.title}} | {{site.title}}</title>
        <script src="{{search.script}}" defer></script>
        </head>
        <body>
        <main>
        <h1>{{page.title}}</h1>
        {{> search-ui}}
        </main>
        </body>
        </html>

        """,
        // The search form, status line and results, for a site's own search template:
        // `{{> search-ui}}` where `search` is in the context (the search page's).
        "search-ui": """
        <div class="search" data-search hidden data-index="{{search.url}}" data-other-url="{{search.otherURL}}" data-fiscal="{{search.fiscal}}" data-results-label="{{search.resultsLabel}}" data-other-label="{{search.otherLabel}}" data-year-label="{{search.yearLabel}}">
        <div>
        <form role="search" action="{{search.url}}" method="get">
        <label for="search-q">{{search.label}}</label>
        <input id="search-q" name="q" type="search">
        <button type="submit">{{search.button}}</button>
        <label>{{search.section}} <select data-filter-section><option value="">{{search.any}}</option></select></label>
        <label>{{search.year}} <select data-filter-year><option value="">{{search.any}}</option></select></label>
        </form>
        </div>
        <p class="search-status" data-status aria-live="polite"></p>
        <ol class="search-results" data-results></ol>
        <button type="button" class="search-more" data-more hidden>{{search.more}}</button>
        </div>
        <noscript><p>{{search.noScript}}</p></noscript>

        """,
    ]

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
