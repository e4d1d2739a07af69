import Mustache

/// What the accessibility page (`/<lang>/accessibility/`) shows, made from `accessibility:` in
/// site.yaml and the checks the site runs: the policy (方針), the conformance statement in the
/// words of the 総務省 guideline (みんなの公共サイト運用ガイドライン: 準拠, 一部準拠 or 配慮), and the
/// test results (試験結果): each WCAG 2.0 success criterion of the level aimed at, with how it
/// is checked. A criterion only a person can judge keeps the statement at 配慮 until the date
/// of a test by a person is given, and at 一部準拠 unless that test found every criterion met.
struct AccessibilityPage {
    let site: LinkedSite
    let lang: String

    private var japanese: Bool { site.config.isJapanese(lang) }
    private var settings: AccessibilitySettings { site.config.accessibility ?? AccessibilitySettings() }

    var title: String { japanese ? "ウェブアクセシビリティ方針" : "Accessibility" }

    enum Method: String { case build, browser, person }

    /// The criteria of the level aimed at, each with the build's checks that look at it.
    var rows: [(criterion: WCAGCriterion, checks: [AccessibilityRule], method: Method)] {
        let severities = site.config.accessibilityChecks
        let levels: Set<String> = settings.level == "A" ? ["A"] : ["A", "AA"]
        return WCAGCriterion.all.filter { levels.contains($0.level) }.map { criterion in
            let checks = AccessibilityRule.allCases.filter {
                $0.criteria.contains(criterion.number) && severities.severity($0) != nil
            }
            let method: Method =
                !checks.isEmpty ? .build : (criterion.axe || criterion.validator) ? .browser : .person
            return (criterion, checks, method)
        }
    }

    /// 準拠, 一部準拠 or 配慮, as the guideline words them.
    var conformance: (ja: String, en: String) {
        guard settings.tested != nil else { return ("配慮", "in consideration of") }
        return settings.conforms ? ("準拠", "conforms to") : ("一部準拠", "partially conforms to")
    }

    var values: MustacheValue {
        let rows = rows
        let siteTitle = site.config.language(lang)?.title ?? ""
        let level = settings.level
        let standard = "JIS X 8341-3:2016"
        let scope =
            settings.scope[lang]
            ?? (japanese
                ? "\(siteTitle)のウェブサイト（\(site.config.origin + site.config.basePath)）の全ページ"
                : "Every page of the \(siteTitle) website (\(site.config.origin + site.config.basePath))")
        let tested = settings.tested.map { date(of: $0) }
        let counts = Dictionary(grouping: rows, by: \.method).mapValues(\.count)
        let statement: String
        if japanese {
            statement =
                "\(siteTitle)のウェブサイトは、\(standard)の適合レベル\(level)に\(conformance.ja)しています。"
                + (tested.map { "（試験実施日：\($0)）" }
                    ?? "人による試験はまだ行っていないため、「準拠」「一部準拠」とは表記していません。")
        } else {
            statement =
                "The \(siteTitle) website \(conformance.en) \(standard) (WCAG 2.0) at level \(level)."
                + (tested.map { " (Tested on \($0).)" }
                    ?? " No test by a person has been done yet, so it claims no conformance.")
        }
        let policy =
            japanese
            ? "\(siteTitle)は、高齢の方や障害のある方を含め、誰もがウェブサイトで提供する情報を利用できるよう、\(standard)「高齢者・障害者等配慮設計指針―情報通信における機器，ソフトウェア及びサービス―第3部：ウェブコンテンツ」の適合レベル\(level)への準拠を目標に、ウェブアクセシビリティの確保と向上に取り組みます。"
            : "\(siteTitle) aims to make the information on its website usable by everyone, including older people and people with disabilities, and works towards conformance with \(standard) (the Japanese Industrial Standard identical to WCAG 2.0) at level \(level)."
        return .object([
            "title": .string(title),
            "policy": .string(policy),
            "target": .string(japanese ? "\(standard) 適合レベル\(level)" : "\(standard) (WCAG 2.0) level \(level)"),
            "scope": .string(scope),
            "statement": .string(statement),
            "conformance": .string(japanese ? conformance.ja : conformance.en),
            "tested": tested.map(MustacheValue.string) ?? .string(japanese ? "未実施" : "Not yet done"),
            "methods": .string(methodsNote(counts)),
            "labels": labels,
            "criteria": .list(rows.map { row(of: $0) }),
        ])
    }

    private func row(of row: (criterion: WCAGCriterion, checks: [AccessibilityRule], method: Method)) -> MustacheValue {
        let c = row.criterion
        var how: [String] = []
        if !row.checks.isEmpty {
            how.append(
                (japanese ? "ビルド時の自動チェック：" : "Checked by the build: ")
                    + row.checks.map { japanese ? $0.name.ja : $0.name.en }.joined(separator: japanese ? "、" : ", "))
        }
        if c.axe { how.append(japanese ? "CI のブラウザーテスト（axe-core）" : "Browser tests in CI (axe-core)") }
        if c.validator {
            how.append(japanese ? "CI の HTML 検証（Nu HTML Checker）" : "HTML validation in CI (Nu HTML Checker)")
        }
        how.append(japanese ? "人による確認" : "Checked by a person")
        let result: String
        switch (settings.tested != nil, settings.conforms, row.method) {
        case (true, true, _): result = japanese ? "適合" : "Met"
        case (true, false, _): result = japanese ? "試験済み" : "Tested"
        case (false, _, .person): result = japanese ? "未試験" : "Not yet tested"
        case (false, _, _): result = japanese ? "自動チェックのみ" : "Automated checks only"
        }
        return .object([
            "number": .string(c.number), "level": .string(c.level), "name": .string(japanese ? c.ja : c.en),
            "how": .list(how.map(MustacheValue.string)), "result": .string(result),
            "automated": .bool(row.method != .person),
        ])
    }

    private func methodsNote(_ counts: [Method: Int]) -> String {
        let (build, browser, person) = (counts[.build] ?? 0, counts[.browser] ?? 0, counts[.person] ?? 0)
        let total = build + browser + person
        return japanese
            ? "\(total)の達成基準のうち、\(build)件はページを作るたびに自動でチェックし、\(browser)件は CI のブラウザーテストでチェックしています。自動のチェックで見つかるのは問題の一部なので、すべての達成基準は人による確認も必要です。\(person)件は人による確認だけが頼りです。"
            : "Of the \(total) success criteria, \(build) are checked automatically every time the site is built and \(browser) by the browser tests in CI. Automated checks find only some problems, so every criterion also needs a person to check it; \(person) rely on a person alone."
    }

    private var labels: MustacheValue {
        let words: [String: (String, String)] = [
            "policy": ("方針", "Policy"), "target": ("目標とする適合レベル", "Target level"),
            "scope": ("対象範囲", "Scope"), "statement": ("適合状況", "Conformance"),
            "tested": ("人による試験の実施日", "Date of the last test by a person"),
            "results": ("試験結果", "Test results"), "criterion": ("達成基準", "Success criterion"),
            "level": ("レベル", "Level"), "how": ("確認の方法", "How it is checked"), "result": ("結果", "Result"),
        ]
        return .object(words.mapValues { .string(japanese ? $0.0 : $0.1) })
    }

    private func date(of date: SiteDate) -> String {
        japanese ? "\(date.year)年\(date.month)月\(date.day)日" : date.iso.prefix(10).description
    }
}

extension AccessibilityRule {
    /// The check's name on the accessibility page.
    var name: (ja: String, en: String) {
        switch self {
        case .linkText: return ("リンクテキスト", "link text")
        case .ambiguousLinks: return ("同じリンクテキストの行き先", "same link text, same target")
        case .documentLinks: return ("文書へのリンクの形式表示", "document links state their format")
        case .imageAlt: return ("代替テキストの有無", "alt text present")
        case .altText: return ("代替テキストの内容", "alt text says something")
        case .headingLevels: return ("見出しレベル", "heading levels")
        case .emptyHeadings: return ("空の見出し", "empty headings")
        case .multipleH1: return ("h1 の数", "one h1")
        case .boldHeadings: return ("太字だけの見出し", "bold text as headings")
        case .dependentCharacters: return ("機種依存文字", "platform-dependent characters")
        case .fullWidthLatin: return ("全角英数字", "full-width Latin")
        case .spacedWords: return ("単語内の空白", "spaces inside words")
        case .frameTitles: return ("iframe の title", "frame titles")
        case .tableHeaders: return ("表の見出し行", "table headers")
        case .duplicateTitles: return ("ページタイトルの重複", "duplicate titles")
        case .pageLanguage: return ("言語の指定", "language of page and parts")
        case .skipLink: return ("本文へのスキップリンク", "skip link")
        case .landmarks: return ("ランドマーク", "landmarks")
        case .formLabels: return ("フォームのラベル", "form labels")
        }
    }
}
