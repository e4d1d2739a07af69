import Foundation

/// The accessibility checks of a page's content, at the line and column of the Markdown that
/// causes each problem (what axe-core, reading the built HTML, cannot say). Each rule's
/// severity is the site's (`checks:`, `AccessibilityRule.Severities`); the success criterion
/// each serves is in `AccessibilityRule.criteria`.
struct AccessibilityCheck {
    let site: LinkedSite
    let markdown: [MarkdownResult]
    let severities: AccessibilityRule.Severities
    /// Paths below `Public/`: the build describes a PDF found there itself (`DocumentMarkup`).
    let publicFiles: Set<String>

    func check(pages: [PageID]) -> [Diagnostic] {
        guard severities.isAnyOn else { return [] }
        let checker = self
        return pages.parallelMap { checker.check(page: $0) }.flatMap { $0 }
    }

    private func check(page i: PageID) -> [Diagnostic] {
        let page = site.pages[i]
        let facts = markdown[i].accessibility
        var out = BoundedDiagnostics(file: page.sourcePath)
        let body = page.body
        func report(_ rule: AccessibilityRule, _ line: Int, byteColumn: Int, _ message: String) {
            guard let severity = severities.severity(rule) else { return }
            guard out.hasRoom else { return out.drop(severity) }
            let column = SourceColumns.characterColumn(
                in: body, line: line - page.bodyFirstLine + 1, byteColumn: byteColumn)
            out.add(
                Diagnostic(
                    file: page.sourcePath, line: line, column: column, severity: severity,
                    message: rule.tagged(message)))
        }
        func report(_ rule: AccessibilityRule, _ at: AccessibilityFacts.Position, _ message: String) {
            report(rule, at.line, byteColumn: at.column, message)
        }
        let resolved = Dictionary(
            markdown[i].links.map { (LinkPlace(line: $0.line, column: $0.column), $0.url) },
            uniquingKeysWith: { a, _ in a })
        checkLinks(facts.links, resolved: resolved, report: report)
        checkImages(facts.images, report: report)
        checkHeadings(facts, report: report)
        // Raw HTML reaches the page only where the site lets it through.
        let html = site.config.allowRawHTML
        for embed in facts.embeds where html && !embed.hasTitle {
            report(
                .frameTitles, embed.at,
                "<\(embed.tag)> has no title: screen readers announce an embedded frame by it; add one that says what it shows (title=\"会場の地図\", title=\"Map of the venue\") (WCAG 4.1.2)"
            )
        }
        for table in facts.tables where !table.hasHeader && (html || table.isPipeTable) {
            report(
                .tableHeaders, table.at,
                "this table has no header row: screen readers announce each cell with its column's name; write the names in the first row (| 日付 | 内容 |) (WCAG 1.3.1)"
            )
        }
        let text = JapaneseTextCheck(severities: severities, japanese: site.config.isJapanese(page.lang))
        for finding in text.findings(in: body) {
            guard let severity = severities.severity(finding.rule), out.hasRoom else { continue }
            out.add(
                Diagnostic(
                    file: page.sourcePath, line: page.bodyFirstLine + finding.line - 1, column: finding.column,
                    severity: severity, message: finding.rule.tagged(finding.message)))
        }
        return out.all
    }

    private struct LinkPlace: Hashable {
        var line: Int
        var column: Int
    }

    typealias Report = (AccessibilityRule, AccessibilityFacts.Position, String) -> Void

    // MARK: Links

    /// Link text read alone (a screen reader's list of links) that names no destination.
    static let vagueTexts: Set<String> = [
        "こちら", "ここ", "こちらから", "ここから", "こちらをクリック", "ここをクリック", "こちらをご覧ください", "詳しくはこちら",
        "詳細はこちら", "くわしくはこちら", "詳しく", "詳細", "もっと見る", "続きを読む", "続き", "リンク", "click here", "click",
        "here", "more", "read more", "more info", "learn more", "this", "link", "this link", "details",
    ]

    /// Lower-cased, without the spaces and brackets around it.
    static func normalized(_ text: String) -> String {
        // ASCII, kana and the common kanji have no compatibility form: Foundation's NFKC, slow
        // on every link of a site, is needed only for the rest (full-width letters, ㈱…).
        let plain = text.unicodeScalars.allSatisfy {
            $0.value < 0x80 || (0x3041...0x30FA).contains($0.value) || (0x4E00...0x9FFF).contains($0.value)
        }
        return trimmed((plain ? text : text.precomposedStringWithCompatibilityMapping).lowercased(), also: edges)
    }

    private static let edges = Set("「」『』()（）[]<>＜＞»→。.、,！!".unicodeScalars)

    /// Without white space (and `also`) at either end; in Swift, as Foundation's trimming
    /// bridges every string it is given.
    static func trimmed(_ text: String, also: Set<Unicode.Scalar>) -> String {
        func edge(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || also.contains(s) }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !edge($0) }), let last = scalars.lastIndex(where: { !edge($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whether a link text is short enough to be one of `vagueTexts` once normalised: the
    /// longest is ten characters, and brackets and spaces around it are a few more.
    static func mayBeVague(_ text: String) -> Bool { text.unicodeScalars.count <= 20 }

    private func checkLinks(_ links: [AccessibilityFacts.Link], resolved: [LinkPlace: String], report: Report) {
        var seen: [String: (target: String, line: Int)] = [:]
        for link in links {
            // Foundation's normalising is slow: only short texts can be one of the vague ones.
            let text =
                Self.mayBeVague(link.text)
                ? Self.normalized(link.text) : link.text.trimmingSpaces
            if Self.vagueTexts.contains(text) {
                report(
                    .linkText, link.at,
                    "the link text 「\(link.text)」 says nothing on its own (screen readers list links without the sentence around them): name where it leads, as in 「2024年度 事業報告書」 rather than 「こちら」, \"the 2024 annual report\" rather than \"here\" (WCAG 2.4.4)"
                )
                continue
            }
            let target = Self.target(resolved[LinkPlace(line: link.at.line, column: link.at.column)] ?? link.url)
            if let document = documentProblem(link, target: target) { report(.documentLinks, link.at, document) }
            guard !text.isEmpty else { continue }
            if let first = seen[text] {
                if first.target != target {
                    report(
                        .ambiguousLinks, link.at,
                        "the link text 「\(link.text)」 also leads to \(first.target) (line \(first.line)), and here to \(target): links that read the same should go to the same place; tell them apart (「2024年度 報告書」「2023年度 報告書」) (WCAG 2.4.4)"
                    )
                }
            } else {
                seen[text] = (target, link.at.line)
            }
        }
    }

    /// A URL as a destination: `/a/` and `/a/index.html` are one place.
    static func target(_ url: String) -> String {
        var url = url
        if url.hasSuffix("/index.html") { url.removeLast("index.html".count) }
        return url
    }

    /// The formats a link's text must name, by the document's extension.
    static let documentFormats: [String: (name: String, words: [String])] = [
        "pdf": ("PDF", ["pdf"]),
        "doc": ("Word", ["word", "doc", "ワード"]), "docx": ("Word", ["word", "doc", "ワード"]),
        "xls": ("Excel", ["excel", "xls", "エクセル"]), "xlsx": ("Excel", ["excel", "xls", "エクセル"]),
        "ppt": ("PowerPoint", ["powerpoint", "ppt", "パワーポイント"]),
        "pptx": ("PowerPoint", ["powerpoint", "ppt", "パワーポイント"]),
    ]

    /// A link to a document whose text does not say the document's format. A PDF of
    /// `Public/` needs nothing: the build writes its format and size after the text.
    private func documentProblem(_ link: AccessibilityFacts.Link, target: String) -> String? {
        // On bytes: every link of the site passes here, and few are documents.
        let utf8 = target.utf8
        let end = utf8.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? utf8.endIndex
        guard let dot = utf8[..<end].lastIndex(of: UInt8(ascii: ".")),
            utf8.distance(from: dot, to: end) <= 5, !utf8[dot..<end].contains(UInt8(ascii: "/")),
            let format = Self.documentFormats[String(Substring(utf8[utf8.index(after: dot)..<end])).lowercased()]
        else { return nil }
        let path = Substring(utf8[..<end])
        let base = site.config.basePath
        if format.name == "PDF", path.hasPrefix(base) {
            let file = String(path.dropFirst(base.count))
            if publicFiles.contains(file.removingPercentEncoding ?? file) { return nil }
        }
        let text = Self.normalized(link.text)
        guard !format.words.contains(where: text.contains) else { return nil }
        return
            "this link opens a \(format.name) document, but its text does not say so: say the format, and the size when you know it, so that readers know before they open it (「2024年度 事業報告書（\(format.name)、1.2MB）」, \"Annual report 2024 (\(format.name), 1.2 MB)\")"
    }

    // MARK: Images

    private func checkImages(_ images: [AccessibilityFacts.Image], report: Report) {
        let meaningless: Set<String> = ["画像", "写真", "イメージ", "図", "アイコン", "image", "photo", "picture", "img", "icon"]
        for image in images {
            guard let alt = image.alt, !alt.allSatisfy(\.isWhitespace) else {
                report(
                    .imageAlt, image.at,
                    "image `\(image.url)` has no alt text: describe it in the brackets, ![like this](\(image.url)) (「会場の様子。約50人が参加」) (WCAG 1.1.1)"
                )
                continue
            }
            let file = image.url.split(separator: "/").last.map(String.init) ?? ""
            let stem = file.split(separator: ".").dropLast().joined(separator: ".")
            let plain = alt.utf8.count <= 64 ? Self.normalized(alt) : alt
            if plain == file.lowercased() || (!stem.isEmpty && plain == stem.lowercased())
                || meaningless.contains(plain)
            {
                report(
                    .altText, image.at,
                    "the alt text 「\(alt)」 of `\(image.url)` says nothing of the image: write what it shows or what it is for (「会場の様子。約50人が参加」, \"The venue, with about 50 participants\") (WCAG 1.1.1)"
                )
            } else if alt.count > 100 {
                report(
                    .altText, image.at,
                    "the alt text of `\(image.url)` is \(alt.count) characters long: screen readers read it in one breath and cannot go back over it; keep it under 100 and put the rest in the text beside the image (WCAG 1.1.1)"
                )
            }
        }
    }

    // MARK: Headings

    private func checkHeadings(_ facts: AccessibilityFacts, report: Report) {
        // The page's title is its h1 (the templates write it): content headings start at ##.
        var previous = 1
        var h1Count = 0
        for heading in facts.headings {
            let marks = String(repeating: "#", count: heading.level)
            if heading.text.allSatisfy(\.isWhitespace) {
                report(
                    .emptyHeadings, heading.at,
                    "this heading (\(marks)) is empty: screen readers list headings to find their way; write what the section is about, or remove it (WCAG 2.4.6)"
                )
            }
            if heading.level == 1 {
                h1Count += 1
                if h1Count > 1 {
                    report(
                        .multipleH1, heading.at,
                        "a second top-level heading (#): a page has one, its title; make this one a ## heading (WCAG 1.3.1)"
                    )
                }
            }
            if heading.level > previous + 1 {
                report(
                    .headingLevels, heading.at,
                    "this heading skips a level (\(marks) after \(String(repeating: "#", count: previous))): screen readers use the levels as the page's outline; make it \(String(repeating: "#", count: previous + 1)) (WCAG 1.3.1)"
                )
            }
            previous = heading.level
        }
        for bold in facts.boldParagraphs {
            report(
                .boldHeadings, bold.at,
                "a paragraph of bold text alone, 「\(bold.text)」, looks like a heading but is none: screen readers cannot jump to it; write it as one (## \(bold.text)) (WCAG 1.3.1)"
            )
        }
    }

    // MARK: Titles

    /// Pages of one language with the same title, each after the first (by path) reported at
    /// its `title` line.
    static func duplicateTitles(_ site: LinkedSite, severity: Diagnostic.Severity?) -> [Diagnostic] {
        guard let severity else { return [] }
        var byTitle: [LanguageKey: [PageID]] = [:]
        for i in site.pages.pageIDs where !site.pages[i].title.isEmpty {
            byTitle[LanguageKey(lang: site.pages[i].lang, name: site.pages[i].title), default: []].append(i)
        }
        var problems: [Diagnostic] = []
        for (key, pages) in byTitle where pages.count > 1 {
            let sorted = pages.sorted { site.pages[$0].sourcePath < site.pages[$1].sourcePath }
            for i in sorted.dropFirst() {
                let p = site.pages[i].frontMatter.position(of: "title")
                problems.append(
                    Diagnostic(
                        file: site.pages[i].sourcePath, line: p.line, column: p.column, severity: severity,
                        message: AccessibilityRule.duplicateTitles.tagged(
                            "the title 「\(key.name)」 is also the title of \(site.pages[sorted[0]].sourcePath): titles tell pages apart in tabs, bookmarks and search results; make it say what this page is (「2024年度 総会のお知らせ」) (WCAG 2.4.2)"
                        )))
            }
        }
        return problems.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }
}
