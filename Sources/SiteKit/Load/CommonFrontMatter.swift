/// The front matter keys every page may have, whatever its section, and what each takes:
/// declared once, decoded by `YAMLDecoder` with each problem at its key. The fields a section
/// declares in site.yaml (`ContentModel`) are checked in the link stage, which knows them.
struct CommonFrontMatter: Decodable, Sendable {
    var title: String?
    var date: SiteDate?
    var slug: String?
    var draft: Bool?
    var translationKey: String?
    var summary: String?
    var tags: Words?
    var lastmod: SiteDate?
    /// Old addresses of the page, each redirected to it.
    var aliases: Words?
    var publishDate: SiteDate?
    var expiryDate: SiteDate?
    /// Whether the page shows a table of contents (by its number of headings when not set).
    var toc: Bool?

    enum CodingKeys: String, CaseIterable, OpenCodingKey, ExplainedKey {
        case title, date, slug, draft, translationKey, summary, tags, lastmod, aliases, publishDate, expiryDate, toc

        var expectation: String? {
            switch self {
            case .date:
                "must be a date as YYYY-MM-DD or ISO 8601 (2025-01-15 or 2025-01-15T10:00:00+09:00), or a month (2025-01) when the day is not known"
            case .publishDate, .expiryDate:
                "must be a date or a date and time, like 2025-01-15 or 2025-01-15T09:00:00+09:00"
            case .lastmod: "must be a date as YYYY-MM-DD or ISO 8601, like `date`"
            case .tags: "must be a list of words, like [脱炭素, 国際会議]"
            case .aliases: "must be a list of old paths, like [/ja/news/old-slug, /?p=123]"
            case .toc: "must be true or false: whether the page shows a table of contents"
            case .title, .slug, .draft, .translationKey, .summary: nil
            }
        }
    }

    static let keys = CodingKeys.allCases.map(\.rawValue)

    /// One word or a list of them (`tags: 脱炭素` or `tags: [脱炭素, 国際会議]`).
    struct Words: Decodable, Sendable {
        var items: [String]

        init(from decoder: any Decoder) throws {
            let node = try NodeDecoder.of(decoder)
            if let items = node.node.items {
                let words = items.compactMap(\.scalar)
                if words.count == items.count {
                    self.items = words
                    return
                }
            } else if let word = node.node.scalar {
                items = [word]
                return
            }
            node.fail("must be a word or a list of words")
            throw DecodingLog.Reported()
        }
    }
}

extension SiteDate: Decodable {
    init(from decoder: any Decoder) throws {
        let node = try NodeDecoder.of(decoder)
        guard let date = node.node.scalar.flatMap(SiteDate.parse) else {
            node.fail("must be a date or a date and time, like 2025-01-15 or 2025-01-15T09:00:00+09:00")
            throw DecodingLog.Reported()
        }
        self = date
    }
}
