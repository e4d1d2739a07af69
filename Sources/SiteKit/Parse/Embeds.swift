import CCmark
import CmarkArena
import Foundation

/// A paragraph of the page that is only a link (`[第4回イクレイカフェ 録画](https://youtu.be/…)`)
/// to a service on site.yaml's `embeds:` list becomes that service's player or map: a
/// `<figure>` with a lazily loaded frame titled by the link's text, and the link itself kept
/// as its caption for readers without frames. A browser editor saves such a line as it is, so
/// editors embed without HTML. A frame needs a title (WCAG 4.1.2): a bare address on its own
/// line (an autolink) that would embed is an error at its line. Done on libcmark's tree, after
/// the other passes (autolinks included): the paragraph goes into a custom block.
struct Embeds {
    var allowed: Set<EmbedService>

    /// A problem found: its line and byte column in the text libcmark read.
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// Hosts an embeddable link names: without one, the page is not walked.
    static func isNeeded(_ source: String) -> Bool {
        ["youtu", "google.", "openstreetmap.", "speakerdeck.", "slideshare."].contains {
            ByteScan.contains($0, in: source)
        }
    }

    func apply(to document: OpaquePointer) -> [Problem] {
        var problems: [Problem] = []
        var child = cmark_node_first_child(document)
        while let paragraph = child {
            child = cmark_node_next(paragraph)
            guard cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                let link = cmark_node_first_child(paragraph), cmark_node_next(link) == nil,
                cmark_node_get_type(link) == CMARK_NODE_LINK,
                let url = cmark_node_get_url(link).map({ String(cString: $0) }),
                let embed = EmbedLink.of(url, allowed: allowed)
            else { continue }
            let title = PlainText.of(link).trimmingCharacters(in: .whitespaces)
            if title.isEmpty || title == url || "http://" + title == url || "https://" + title == url {
                problems.append(
                    Problem(
                        line: Int(cmark_node_get_start_line(paragraph)),
                        column: Int(cmark_node_get_start_column(paragraph)),
                        message:
                            "this \(embed.service.rawValue) link on a line of its own would be embedded, and an embedded frame needs a title: write it as [title](\(url)), the title saying what it shows"
                    ))
                continue
            }
            guard let figure = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, iclei_cmark_arena()) else { continue }
            var html = HTMLBuffer(capacity: 256 + url.utf8.count)
            html.append("<figure class=\"embed embed-\(embed.shape)\">\n<iframe src=\"")
            html.appendEscapedURL(embed.src.utf8)
            html.append("\" title=\"")
            html.appendEscaped(title.utf8)
            html.append(
                embed.shape == "video"
                    ? "\" loading=\"lazy\" allow=\"encrypted-media; picture-in-picture\" allowfullscreen></iframe>\n<figcaption>"
                    : "\" loading=\"lazy\"></iframe>\n<figcaption>")
            cmark_node_set_on_enter(figure, String(decoding: html.bytes, as: UTF8.self))
            cmark_node_set_on_exit(figure, "</figcaption>\n</figure>\n")
            cmark_node_insert_before(paragraph, figure)
            cmark_node_append_child(figure, paragraph)
        }
        return problems
    }
}
