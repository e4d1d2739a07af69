import SiteKit

/// What the preview adds to the site: the reload script and the page shown while the
/// sources do not build.
enum PreviewPages {
    static let eventsPath = "/__iclei/events"
    static let scriptPath = "/__iclei/reload.js"

    /// Put before `</body>` of every page in serve mode only.
    static let scriptTag = "<script src=\"\(scriptPath)\" defer></script>\n"

    /// Reloads the page on `reload`; swaps stylesheets without a reload on `css`. A page names a
    /// stylesheet by its fingerprinted name (`site.3f9a1c2b7e.css`), which the edit replaced:
    /// the swap asks for its plain name, which the build also writes, without the integrity
    /// hash of the old file.
    static let script = """
        (function () {
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("reload", function () { location.reload(); });
          source.addEventListener("css", function () {
            document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
              var url = new URL(link.href);
              url.pathname = url.pathname.replace(/\\.[0-9a-f]{10}(\\.css)$/, "$1");
              url.searchParams.set("v", Date.now());
              link.removeAttribute("integrity");
              link.href = url.href;
            });
          });
        })();

        """

    static func errorPage(_ diagnostics: [Diagnostic], printer: DiagnosticPrinter) -> String {
        let text = printer.format(diagnostics, as: .text)
        return """
            <!doctype html>
            <html lang="ja">
            <head><meta charset="utf-8"><title>Build failed – iclei-site</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}pre{background:#fff4f4;border-left:4px solid #b00020;padding:1rem;overflow:auto;white-space:pre-wrap}</style>
            </head>
            <body>
            <h1 lang="en">The site does not build</h1>
            <p lang="en">Fix the errors below and save: this page reloads by itself.</p>
            <pre>\(escape(text))</pre>
            \(scriptTag)</body>
            </html>

            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
