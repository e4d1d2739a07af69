/// Links to documents tell the reader what they are about to download, in the link text:
/// 「活動報告 2020年度（PDF・3.2 MB・40ページ）」 / "Activity report FY2020 (PDF, 3.2 MB, 40
/// pages)", from the file itself (`MediaCatalog.documents`).
struct DocumentMarkup {
    let documents: [String: MediaCatalog.Document]

    func apply(_ html: String, japanese: Bool) -> String {
        guard !documents.isEmpty, html.contains("<a href=\"") else { return html }
        let marker = "<a href=\""
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: marker) {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let quote = rest.firstIndex(of: "\""), let close = rest.range(of: "</a>") else { continue }
            let href = String(rest[..<quote])
            guard let document = documents[href] ?? documents[href.removingPercentEncoding ?? ""] else { continue }
            // A link alone in its paragraph is a document card: its cover before the text.
            if let cover = document.cover, out.hasSuffix("<p>" + marker),
                rest[close.upperBound...].hasPrefix("</p>")
            {
                out.removeLast(("<p>" + marker).count)
                out += "<p class=\"document\">" + marker + rest[...quote]
                rest = rest[rest.index(after: quote)...]
                let tagEnd = rest.firstIndex(of: ">")!
                out += rest[...tagEnd]
                out +=
                    "<img src=\"\(HTMLBuffer.escapedURL(cover.url))\" width=\"\(cover.width)\" height=\"\(cover.height)\" alt=\"\""
                out += " loading=\"lazy\" decoding=\"async\" />"
                rest = rest[rest.index(after: tagEnd)...]
                guard let end = rest.range(of: "</a>") else { continue }
                out += rest[..<end.lowerBound]
                out += "<span class=\"document-info\">" + Self.describe(document, japanese: japanese) + "</span>"
                rest = rest[end.lowerBound...]
                continue
            }
            out += rest[..<close.lowerBound]
            out += "<span class=\"document-info\">" + Self.describe(document, japanese: japanese) + "</span>"
            rest = rest[close.lowerBound...]
        }
        out += rest
        return out
    }

    static func describe(_ document: MediaCatalog.Document, japanese: Bool) -> String {
        let size = Self.size(document.bytes)
        if japanese {
            let pages = document.pages.map { "・\($0)ページ" } ?? ""
            return "（\(document.format)・\(size)\(pages)）"
        }
        let pages = document.pages.map { ", \($0) \($0 == 1 ? "page" : "pages")" } ?? ""
        return " (\(document.format), \(size)\(pages))"
    }

    /// 820 KB, 3.2 MB (decimal units, as file managers on phones show them).
    static func size(_ bytes: Int) -> String {
        if bytes < 1_000_000 { return "\(max(1, (bytes + 500) / 1000)) KB" }
        let tenths = (bytes + 50_000) / 100_000
        return tenths % 10 == 0 || tenths >= 1000 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}
