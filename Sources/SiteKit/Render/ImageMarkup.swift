/// A page's images as the browser should load them: `<img src alt />` as the Markdown writer
/// wrote it becomes a `<picture>` with WebP and fallback `srcset`s, `width` and `height` (no
/// layout shift), `sizes`, and `loading="lazy" decoding="async"` except on the page's first
/// image, which is likely its largest paint (`fetchpriority="high"`).
struct ImageMarkup {
    let catalog: MediaCatalog
    /// The content column's width: what `sizes` tells the browser an image takes.
    var sizes = "(min-width: 48rem) 46rem, 100vw"

    func apply(_ html: String) -> String {
        guard !catalog.images.isEmpty, html.utf8.count > 10 else { return html }
        let marker = "<img src=\""
        var out = ""
        var rest = Substring(html)
        var first = true
        while let start = rest.range(of: marker) {
            out += rest[..<start.lowerBound]
            let afterSrc = rest[start.upperBound...]
            guard let quote = afterSrc.firstIndex(of: "\""),
                let image = catalog.images[String(afterSrc[..<quote]).removingPercentEncoding ?? ""]
                    ?? catalog.images[String(afterSrc[..<quote])],
                let end = afterSrc.range(of: " />")
            else {
                out += marker
                rest = afterSrc
                continue
            }
            // What follows the src: ` alt="…"` and a title, as written.
            let attributes = afterSrc[afterSrc.index(after: quote)..<end.lowerBound]
            out += picture(image, attributes: String(attributes), eager: first)
            first = false
            rest = afterSrc[end.upperBound...]
        }
        out += rest
        return out
    }

    private func picture(_ image: MediaCatalog.Image, attributes: String, eager: Bool) -> String {
        let loading = eager ? " fetchpriority=\"high\"" : " loading=\"lazy\" decoding=\"async\""
        guard !image.variants.isEmpty else {
            return
                "<img src=\"\(HTMLBuffer.escapedURL(image.url))\"\(attributes) width=\"\(image.width)\" height=\"\(image.height)\"\(loading) />"
        }
        let webp = image.variants.filter(\.isWebP)
        let fallback = image.variants.filter { !$0.isWebP }
        let own = fallback.isEmpty ? webp : fallback
        let largest = own.last!
        func srcset(_ variants: [MediaCatalog.Variant]) -> String {
            variants.map { "\(HTMLBuffer.escapedURL($0.url)) \($0.width)w" }.joined(separator: ", ")
        }
        var html = "<picture>"
        if !fallback.isEmpty {
            html += "<source type=\"image/webp\" srcset=\"\(srcset(webp))\" sizes=\"\(sizes)\">"
        }
        html +=
            "<img src=\"\(HTMLBuffer.escapedURL(largest.url))\" srcset=\"\(srcset(own))\" sizes=\"\(sizes)\"\(attributes)"
        html += " width=\"\(largest.width)\" height=\"\(largest.height)\"\(loading) /></picture>"
        return html
    }
}
