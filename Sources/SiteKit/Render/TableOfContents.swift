import Mustache

/// A page's table of contents (目次): its top-level headings (`##` as pages are written, the
/// title being the page's `h1`), each with the headings one level below it, linking the ids
/// the parse stage gave them (Japanese ids kept). A page has one when it has at least
/// `minimumSections` top-level headings, or says `toc: true`; `toc: false` leaves it out.
/// Templates place it as `page.toc`: `title` (目次 / Contents) and `items` (`text`, `url`, and
/// `sub.items` for the headings below one).
enum TableOfContents {
    static let minimumSections = 3

    static func value(_ headings: [MarkdownResult.Heading], asked: Bool?, japanese: Bool) -> MustacheValue? {
        guard asked != false, let top = headings.map(\.level).min() else { return nil }
        var items: [(heading: MarkdownResult.Heading, children: [MarkdownResult.Heading])] = []
        for heading in headings {
            if heading.level == top || items.isEmpty {
                items.append((heading, []))
            } else if heading.level == top + 1 {
                items[items.count - 1].children.append(heading)
            }
        }
        guard asked == true || items.count(where: { $0.heading.level == top }) >= minimumSections else { return nil }
        func link(_ heading: MarkdownResult.Heading) -> [String: MustacheValue] {
            ["text": .string(heading.text), "url": .string("#" + heading.id)]
        }
        return .object([
            "title": .string(japanese ? "目次" : "Contents"),
            "items": .list(
                items.map { item in
                    var value = link(item.heading)
                    if !item.children.isEmpty {
                        value["sub"] = .object(["items": .list(item.children.map { .object(link($0)) })])
                    }
                    return .object(value)
                }),
        ])
    }
}
