// Renders a realistic page 100,000 times and prints µs per render (issue: ≤ 25 µs).
// The page: a layout through inheritance, two partials (header with a menu loop, footer),
// 30+ variables, a 20-item loop, text that needs escaping; about 8.6 KB of output.
import Dispatch
import Mustache

let templates: [String: String] = [
    "layout": """
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <title>{{$title}}{{page.title}} | {{site.title}}{{/title}}</title>
    <meta name="description" content="{{page.description}}">
    <link rel="canonical" href="{{page.canonical}}">
    {{#page.alternates}}<link rel="alternate" hreflang="{{hreflang}}" href="{{href}}">
    {{/page.alternates}}<meta property="og:title" content="{{page.title}}">
    <meta property="og:locale" content="{{page.ogLocale}}">
    <link rel="stylesheet" href="{{site.basePath}}css/site.css">
    </head>
    <body>
    {{> header}}
    <main id="main">
    {{$main}}{{/main}}
    </main>
    {{> footer}}
    </body>
    </html>

    """,
    "header": """
    <header class="site-header"><a class="brand" href="{{site.home}}">{{site.title}}</a>
    <nav aria-label="{{i18n.menu}}"><ul>
    {{#menu}}<li><a href="{{url}}"{{#current}} aria-current="page"{{/current}}>{{name}}</a></li>
    {{/menu}}</ul></nav>
    <ul class="lang">{{#page.translations}}<li><a href="{{url}}" hreflang="{{lang}}">{{name}}</a></li>{{/page.translations}}</ul>
    </header>

    """,
    "footer": """
    <footer><p>{{site.title}} – {{i18n.footerNote}}</p>
    <address>{{site.contact.address}}<br>{{i18n.tel}} {{site.contact.tel}} / {{i18n.fax}} {{site.contact.fax}}<br>
    <a href="mailto:{{site.contact.email}}">{{site.contact.email}}</a></address></footer>

    """,
    "list": """
    {{<layout}}{{$main}}<h1>{{page.title}}</h1>
    <p class="lead">{{page.summary}}</p>
    {{{content}}}
    <ul class="items">
    {{#pages}}<li class="item"><time datetime="{{dateISO}}">{{date}}</time> <span class="fy">{{fiscalYear}}</span>
    <a href="{{url}}">{{title}}</a>{{#untranslated}} <span class="badge">{{availableIn}}</span>{{/untranslated}}
    <p>{{summary}}</p></li>
    {{/pages}}</ul>
    <p>{{i18n.page}} {{pagination.current}} / {{pagination.total}} <a href="{{pagination.next}}">{{i18n.next}}</a></p>{{/main}}{{/layout}}
    """,
]

var parsed: [String: Template] = [:]
for (name, source) in templates { parsed[name] = try Template(source: source, name: name) }
let library = TemplateLibrary(templates: parsed)

let items: [MustacheValue] = (1...20).map { n in
    .object([
        "title": .string("第\(n)回イクレイカフェ「脱炭素 & 再エネ <地域> の取り組み」"),
        "url": .string("/ja/cafe/2021-01-\(n)/"),
        "date": .string("2021年1月\(n)日（木）"), "dateISO": .string("2021-01-\(n < 10 ? "0" : "")\(n)"),
        "fiscalYear": .string("2020年度"),
        "summary": .string("横浜市と京都市が、再生可能エネルギー導入の取り組みを紹介しました。"),
        "untranslated": .bool(n % 7 == 0), "availableIn": .string("English only"),
    ])
}
let context: MustacheValue = [
    "lang": "ja",
    "content": .html("<p>イクレイカフェは、会員自治体の担当者が気軽に情報交換する場です。</p>"),
    "site": [
        "title": "イクレイ日本", "home": "/ja/", "basePath": "/",
        "contact": [
            "address": "〒100-0011 東京都千代田区内幸町 2-2-1", "tel": "03-0000-0000", "fax": "03-0000-0001",
            "email": "iclei-japan@example.org",
        ],
    ],
    "page": [
        "title": "イクレイカフェ", "description": "会員自治体のための情報交換の場 & 勉強会",
        "canonical": "https://japan.iclei.org/ja/cafe/", "ogLocale": "ja_JP", "summary": "2015年から続く、会員自治体のための勉強会です。",
        "alternates": [
            ["hreflang": "ja", "href": "https://japan.iclei.org/ja/cafe/"],
            ["hreflang": "en", "href": "https://japan.iclei.org/en/cafe/"],
        ],
        "translations": [
            ["lang": "ja", "name": "日本語", "url": "/ja/cafe/"], ["lang": "en", "name": "English", "url": "/en/cafe/"],
        ],
    ],
    "menu": .list(
        ["ホーム", "ニュース", "イクレイカフェ", "会員自治体", "イクレイについて", "イクレイ日本について", "入会案内"].enumerated().map { i, name in
            .object(["name": .string(name), "url": .string("/ja/section-\(i)/"), "current": .bool(i == 2)])
        }),
    "i18n": [
        "menu": "メニュー", "footerNote": "ICLEI – Local Governments for Sustainability 日本事務所", "tel": "電話", "fax": "FAX",
        "page": "ページ", "next": "次へ",
    ],
    "pages": .list(items),
    "pagination": ["current": 1, "total": 3, "next": "/ja/cafe/page/2/"],
]

let output = try library.render("list", context)
let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
var bytes = 0
let start = DispatchTime.now().uptimeNanoseconds
for _ in 0..<iterations { bytes &+= try library.renderBytes("list", context).count }
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3
print(
    "output \(output.utf8.count) bytes; \(iterations) renders; \(String(format: "%.2f", elapsed / Double(iterations))) µs per render (checksum \(bytes))"
)
