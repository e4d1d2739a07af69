import Mustache

/// The words of the search page, by the language's locale; a site changes any of them under
/// `search:` in `Templates/i18n/<lang>.yaml`. `{query}`, `{count}` and `{year}` are filled in
/// by the script, `{language}` with the other language's name; `[…]` in `otherLabel` becomes the
/// link to the other language's results.
struct SearchLabels {
    var values: [String: MustacheValue]

    init(japanese: Bool, i18n: MustacheValue?) {
        let defaults: [String: String] =
            japanese
            ? [
                "title": "サイト内検索", "label": "検索語", "button": "検索", "section": "分類", "year": "年度",
                "any": "すべて", "more": "さらに表示",
                "resultsLabel": "「{query}」の検索結果 {count}件", "otherLabel": "（[{language}のページ {count}件]）",
                "yearLabel": "{year}年度", "noScript": "検索には JavaScript が必要です。",
            ]
            : [
                "title": "Search", "label": "Search for", "button": "Search", "section": "Section", "year": "Year",
                "any": "All", "more": "More results",
                "resultsLabel": "{count} results for “{query}”", "otherLabel": "([{count} in {language}])",
                "yearLabel": "{year}", "noScript": "Search needs JavaScript.",
            ]
        values = defaults.mapValues { .string($0) }
        if case .object(let own)? = i18n { values.merge(own) { _, site in site } }
    }

    var title: String { values["title"]?.text ?? "" }
}
