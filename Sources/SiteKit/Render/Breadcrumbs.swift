import Mustache

/// Where a page sits (パンくず): the language's home, the list of the page's section (or the
/// tags), and the page itself, shown as current. Templates place it as `page.breadcrumbs`:
/// `label` (パンくずリスト / Breadcrumb), `items` (`name`, `url`) before the page, `current`, and
/// `jsonLD`, the same trail as a schema.org `BreadcrumbList`. The home page has none.
struct Breadcrumbs {
    let site: LinkedSite
    let i18n: [String: MustacheValue]

    func value(for job: RenderJob, lang: String, title: String) -> MustacheValue? {
        let root = site.languageRoot(lang)
        var trail: [(name: String, url: String)] = []
        switch job {
        case .page(let i):
            let page = site.pages[i]
            if page.kind == .single, let section = site.section(page.section, lang: lang) {
                trail.append((site.title(of: section), section.url))
            }
        case .section(let s, let number):
            if number > 1 { trail.append((site.title(of: site.sections[s]), site.sections[s].url)) }
        case .tag:
            trail.append((i18n[lang]?["tags"]?.text ?? (japanese(lang) ? "タグ" : "Tags"), root + "tags/"))
        case .tagIndex, .search, .accessibility:
            break
        case .home, .redirect, .notFound:
            return nil
        }
        let home = (homeName(lang), root)
        let items = [home] + trail
        return .object([
            "label": .string(japanese(lang) ? "パンくずリスト" : "Breadcrumb"),
            "items": .list(items.map { .object(["name": .string($0.name), "url": .string($0.url)]) }),
            "current": .string(title),
            "jsonLD": .html(jsonLD(items + [(title, "")])),
        ])
    }

    private func japanese(_ lang: String) -> Bool { site.config.isJapanese(lang) }

    /// The menu's name for the language's home (ホーム), else the site's title.
    private func homeName(_ lang: String) -> String {
        let language = site.config.language(lang)
        return language?.menuLinks.first { !$0.isExternal && $0.path.isEmpty }?.name
            ?? language?.title ?? (japanese(lang) ? "ホーム" : "Home")
    }

    /// The last item is the page itself (`url` empty: the page's own address is not repeated).
    private func jsonLD(_ items: [(name: String, url: String)]) -> String {
        var json = JSON()
        json.field("@context", "https://schema.org")
        json.field("@type", "BreadcrumbList")
        json.array(
            "itemListElement",
            items.enumerated().map { n, item in
                { (element: inout JSON) in
                    element.field("@type", "ListItem")
                    element.field("position", n + 1)
                    element.field("name", item.name)
                    if !item.url.isEmpty { element.field("item", site.config.origin + URLText.asciiOnly(item.url)) }
                }
            })
        return json.text
    }
}
