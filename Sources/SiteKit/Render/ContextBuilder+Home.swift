import Mustache

/// What the home page shows beyond its own text: the sections' latest pages, the events to
/// come and the map of the members.
extension ContextBuilder {
    /// The map of Japan with a marker per page of site.yaml's `map.section` that has a
    /// `role: location`, and the same pages as a list: the map's text alternative.
    func memberMap(_ lang: String) -> MustacheValue? {
        guard let outlines = site.config.map, let name = site.config.mapSection,
            let section = site.section(name, lang: lang),
            let field = site.config.model.section(name).field(role: .location)?.name
        else { return nil }
        var markers: [JapanMap.Marker] = []
        for i in section.pages {
            let page = site.pages[i]
            guard let place = page.frontMatter[field]?.coordinates else { continue }
            markers.append(
                .init(title: page.title, url: page.url, latitude: place.latitude, longitude: place.longitude))
        }
        guard !markers.isEmpty else { return nil }
        let map = JapanMap(outlines: outlines)
        return .object([
            "image": .string(site.config.basePath + JapanMap.fileName), "width": .int(Int(JapanMap.width)),
            "height": .int(map.height), "overlay": .html(map.overlay(markers)),
            "members": .list(markers.map { .object(["title": .string($0.title), "url": .string($0.url)]) }),
            "count": .int(markers.count),
        ])
    }

    /// Every event still to come in the language, soonest first, for the home page.
    func upcomingEvents(_ lang: String) -> [MustacheValue] {
        site.soonestFirst(site.upcoming.filter { site.pages[$0].lang == lang }).map { values.summaries[$0.id] }
    }

    func homeSections(_ lang: String) -> MustacheValue {
        var sections: [String: MustacheValue] = [:]
        for section in site.sections where section.lang == lang {
            sections[section.name] = .object([
                "url": .string(section.url),
                "title": .string(site.title(of: section)),
                "count": .int(section.pages.count),
                "pages": .list(section.pages.prefix(site.config.paginate).map { values.summaries[$0] }),
                "latest": .list(section.pages.prefix(5).map { values.summaries[$0] }),
            ])
        }
        return .object(sections)
    }
}
