import Foundation
import Mustache
import Testing

@testable import SiteKit

@Suite struct CheckTests {
    @Test func checkReportsErrorsAndWarningsAndWritesNothing() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/news/2021-03-01-x.ja.md",
            "---\ntitle: テスト\ndate: 2021-03-01\nmembers: [yokohoma]\n---\n\n日本語の**「強調」です。[壊れた](@/news/none.md)\n")
        let diagnostics = SiteBuilder(options: .init(source: site.root)).check()
        #expect(!site.exists("index.html"), "check writes nothing")
        #expect(
            diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "Content/news/2021-03-01-x.ja.md:4:1: error: unknown members key `yokohoma` in `members`: there is no Content/members/yokohoma.<lang>.md (did you mean `yokohama`?)",
                "Content/news/2021-03-01-x.ja.md:7:14: error: link to `@/news/none.md`: there is no content file Content/news/none.md in any language",
            ])
        #expect(
            diagnostics.contains {
                $0.severity == .warning && $0.line == 7 && $0.message.contains("stays an asterisk")
            })
    }

    @Test func missingTranslationsAreWarningsInCheck() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let diagnostics = SiteBuilder(options: .init(source: site.root)).check()
        #expect(!diagnostics.hasErrors)
        #expect(
            diagnostics.contains {
                $0.description
                    == "Content/news/2020-07-29-race-to-zero.en.md:1:1: warning: no `ja` translation: add Content/news/2020-07-29-race-to-zero.ja.md (or give a page in `ja` the same translationKey `news/2020-07-29-race-to-zero`)"
            })
    }

    @Test func textFormatQuotesTheLineWithACaretUnderWideCharacters() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("printer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "first\n日本語の[x](y)\n".write(to: root.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        let output = DiagnosticPrinter(root: root).format([.error("a.md", 2, 5, "bad link")], as: .text)
        #expect(
            output == "a.md:2:5: error: bad link\n    日本語の[x](y)\n            ^\n",
            "four wide characters take eight cells")
    }

    @Test func githubAndJSONFormats() {
        let d: [Diagnostic] = [.error("Content/a,b.md", 3, 2, "50% done\nnext"), .warning("x.md", 1, 1, "say \"hi\"")]
        let printer = DiagnosticPrinter(root: URL(fileURLWithPath: "/nonexistent"))
        #expect(
            printer.format(d, as: .github)
                == "::error file=Content/a%2Cb.md,line=3,col=2::50%25 done%0Anext\n::warning file=x.md,line=1,col=1::say \"hi\"\n"
        )
        let json = printer.format(d, as: .json)
        let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 2)
        #expect(parsed?.first?["line"] as? Int == 3)
        #expect(parsed?.last?["message"] as? String == "say \"hi\"")
        #expect(DiagnosticPrinter.counts(d) == "1 error, 1 warning")
    }

    @Test func cafeNumbersAreUniqueWithinAFiscalYear() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("Content/cafe/2021-03-cafe.ja.md", "---\ntitle: 重複\ndate: 2021-03-01\nnumber: 5\n---\n")
        try site.write("Content/cafe/2021-05-cafe.ja.md", "---\ntitle: 新年度\ndate: 2021-05-01\nnumber: 5\n---\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors == [
                "Content/cafe/2021-03-cafe.ja.md:4:1: error: number 5 is used twice in 2020年度 / FY2020: also by Content/cafe/2021-02-cafe-5.ja.md"
            ])
    }

    @Test func frontMatterTypes() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/news/2021-03-02-t.ja.md",
            "---\ntitle: 型\ndate: 2021-03-02\ntags: {a: b}\nsummary: [x]\nlastmod: yesterday\n---\n")
        try site.write("Content/cafe/2021-03-t.ja.md", "---\ntitle: 型\ndate: 2021-03-02\nnumber: two\n---\n")
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains(
                "Content/news/2021-03-02-t.ja.md:4:1: error: `tags` must be a list of words, like [脱炭素, 国際会議]"))
        #expect(errors.contains("Content/news/2021-03-02-t.ja.md:5:1: error: `summary` must be text"))
        #expect(
            errors.contains(
                "Content/news/2021-03-02-t.ja.md:6:1: error: `lastmod` must be a date as YYYY-MM-DD or ISO 8601, like `date`"
            ))
        #expect(
            errors.contains(
                "Content/cafe/2021-03-t.ja.md:4:1: error: `number` must be a whole number from 1, like `number: 4`"))
    }
}

@Suite struct ScaffoldTests {
    @Test func newWritesBothLanguagesAndRefusesToOverwrite() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        // 2021-02-20 12:00 in Tokyo: fiscal year 2020, whose cafe sessions go up to number 5.
        let scaffold = Scaffold(root: site.root, now: Date(timeIntervalSince1970: 1_613_790_000))
        #expect(scaffold.today.iso == "2021-02-20")
        let created = try scaffold.create("cafe", slug: "2021-02-next")
        #expect(created == ["Content/cafe/2021-02-next.ja.md", "Content/cafe/2021-02-next.en.md"])
        let ja = try String(contentsOf: site.root.appendingPathComponent(created[0]), encoding: .utf8)
        #expect(ja.contains("number: 6"))
        // An event's date is its start's: the skeleton gives the start and no date.
        #expect(ja.contains("start: 2021-02-20T10:00:00+09:00") && !ja.contains("date:"))
        #expect(throws: BuildFailure.self) { try scaffold.create("cafe", slug: "2021-02-next") }
        #expect(throws: BuildFailure.self) { try scaffold.create("news", slug: "../escape") }
        let news = try scaffold.create("news", slug: "event")
        #expect(news.first == "Content/news/2021-02-20-event.ja.md")
        _ = try scaffold.create("members", slug: "nara")
        _ = try scaffold.create("page", slug: "privacy")
        let report = try site.build()
        #expect(report.warnings.filter { $0.severity == .error }.isEmpty, "the skeletons build")
        #expect(site.exists("ja/cafe/2021-02-next/index.html"))
    }
}

@Suite struct TemplateTypoTests {
    @Test func namesNoPageProvidesAreReportedWhereTheTemplateUsesThem() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Templates/single.mustache",
            "{{<layout}}{{$main}}<h1>{{page.titel}}</h1>\n{{#page.summary}}{{page.summary}}{{/page.summary}} {{{content}}}{{/main}}{{/layout}}\n"
        )
        let warnings = SiteBuilder(options: .init(source: site.root)).check().filter {
            $0.message.contains("never defined")
        }
        #expect(
            warnings.map(\.description) == [
                "Templates/single.mustache:1:27: warning: `page.titel` is never defined for any page this template renders: a typo, or a front matter key no page has"
            ])
    }

    @Test func engineReportsFoundAndMissingNames() throws {
        let library = TemplateLibrary(templates: ["t": try Template(source: "{{a}}{{b.c}}{{#l}}{{x}}{{/l}}", name: "t")]
        )
        var usage = TemplateLibrary.NameUsage()
        _ = try library.render("t", ["a": 1, "l": [["x": 1]]], usage: &usage)
        _ = try library.render("t", ["b": ["c": 2], "l": []], usage: &usage)
        #expect(usage.neverFound == [])
        var other = TemplateLibrary.NameUsage()
        _ = try library.render("t", ["l": [["y": 1]]], usage: &other)
        #expect(other.neverFound == ["a", "b.c", "x"])
    }
}
