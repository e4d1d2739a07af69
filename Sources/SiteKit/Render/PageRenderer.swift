import Mustache

/// Render stage: lays a page, section list or home page out with its template.
public struct PageRenderer: Sendable {
    let site: LinkedSite
    let values: PageValues
    let library: TemplateLibrary
    let chooser: TemplateChooser
    let i18n: [String: MustacheValue]

    init(site: LinkedSite, values: PageValues, library: TemplateLibrary, i18n: [String: MustacheValue]) {
        self.site = site
        self.values = values
        self.library = library
        self.chooser = TemplateChooser(library: library)
        self.i18n = i18n
    }

    public struct Output: Sendable {
        /// Relative to the output root, e.g. `ja/news/slug/index.html`.
        public var path: String
        public var html: String
    }

    func render(_ job: RenderJob) -> Result<Output, Diagnostic> {
        let (lang, kind, sectionName, pageIndex, url) = describe(job)
        guard let template = chooser.template(for: kind, section: sectionName) else {
            let wanted = kind == .single ? "\(sectionName)/single.mustache or single.mustache"
                : kind == .sectionIndex ? "\(sectionName)/list.mustache or list.mustache"
                : kind == .home ? "home.mustache" : "single.mustache"
            return .failure(.error("Templates/", 1, 1, "no template for \(url): add Templates/\(wanted)"))
        }
        let context = self.context(for: job, lang: lang, pageIndex: pageIndex, url: url)
        do {
            let html = try library.render(template, context)
            let relative = String(url.dropFirst(site.config.basePath.count))
            return .success(Output(path: relative + "index.html", html: html))
        } catch let error as MustacheError {
            return .failure(.error(error.file, error.line, error.column, error.message))
        } catch {
            return .failure(.error("Templates/\(template).mustache", 1, 1, "\(error)"))
        }
    }

    private func describe(_ job: RenderJob) -> (String, Page.Kind, String, Int?, String) {
        switch job {
        case .page(let i):
            let page = site.pages[i]
            return (page.lang, page.kind, page.section, i, page.url)
        case .section(let s):
            let section = site.sections[s]
            return (section.lang, .sectionIndex, section.name, section.indexPage, section.url)
        case .home(let lang):
            return (lang, .home, "", site.home(lang), site.languageRoot(lang))
        }
    }

    private func context(for job: RenderJob, lang: String, pageIndex: Int?, url: String) -> MustacheValue {
        var page: [String: MustacheValue]
        var content: MustacheValue = .html("")
        if let i = pageIndex, case .object(let summary) = values.summaries[i] {
            page = summary
            content = .html(values.markdown[i].html)
        } else {
            page = ["url": .string(url), "lang": .string(lang), "permalink": .string(site.config.origin + url)]
        }
        var context: [String: MustacheValue] = [
            "lang": .string(lang),
            "content": content,
            "menu": values.menu(lang: lang, currentURL: url),
            "i18n": i18n[lang] ?? .object([:]),
        ]
        var siteObject = values.siteObjects[lang] ?? [:]
        siteObject["menu"] = context["menu"]
        switch job {
        case .page(let i):
            page["isPage"] = .bool(true)
            page["translations"] = values.translations(lang: lang, urls: translationURLs(of: i))
        case .section(let s):
            let section = site.sections[s]
            page["title"] = page["title"] ?? .string(section.name)
            page["section"] = .string(section.name)
            page["isList"] = .bool(true)
            page["translations"] = values.translations(lang: lang, urls: sectionURLs(section.name))
            context["pages"] = .list(section.pages.map { values.summaries[$0] })
        case .home:
            page["title"] = page["title"] ?? .string(siteObject["title"]?.text ?? "")
            page["isHome"] = .bool(true)
            var roots: [String: String] = [:]
            for code in site.config.languageCodes { roots[code] = site.languageRoot(code) }
            page["translations"] = values.translations(lang: lang, urls: roots)
            var sections: [String: MustacheValue] = [:]
            for section in site.sections where section.lang == lang {
                sections[section.name] = .object([
                    "url": .string(section.url),
                    "title": section.indexPage.map { .string(site.pages[$0].title) } ?? .string(section.name),
                    "count": .int(section.pages.count),
                    "pages": .list(section.pages.prefix(site.config.paginate).map { values.summaries[$0] }),
                ])
            }
            context["sections"] = .object(sections)
        }
        context["page"] = .object(page)
        context["site"] = .object(siteObject)
        return .object(context)
    }

    private func translationURLs(of i: Int) -> [String: String] {
        site.translations(of: i).mapValues { site.pages[$0].url }
    }

    private func sectionURLs(_ name: String) -> [String: String] {
        var urls: [String: String] = [:]
        for section in site.sections where section.name == name { urls[section.lang] = section.url }
        return urls
    }
}
