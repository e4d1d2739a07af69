import Foundation
import Testing

@testable import SiteKit

@Suite struct BuildErrorTests {
    private func errors(after edits: [(String, String)]) throws -> [String] {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        for (path, text) in edits { try site.write(path, text) }
        return site.buildErrors().filter { $0.severity == .error }.map(\.description)
    }

    @Test func invalidYAMLPointsAtItsLine() throws {
        let errors = try errors(after: [
            ("Content/news/bad.ja.md", "---\ntitle: ok\ndate: 2021-01-01\ntags: [a, b\n---\n\nBody\n")
        ])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("Content/news/bad.ja.md:") == true)
        #expect(errors.first?.contains(": error: invalid YAML") == true)
        let line = errors.first.flatMap { Int($0.split(separator: ":")[1]) } ?? 0
        #expect((4...5).contains(line), "the error points into the front matter: \(errors)")
    }

    @Test func missingTitleAndDate() throws {
        let errors = try errors(after: [
            ("Content/news/notitle.ja.md", "---\ndate: 2021-01-01\n---\nBody\n"),
            ("Content/news/nodate.ja.md", "---\ntitle: No date\n---\nBody\n"),
            ("Content/news/baddate.ja.md", "---\ntitle: Bad date\ndate: 2021-02-30\n---\nBody\n"),
        ])
        #expect(errors.contains("Content/news/notitle.ja.md:1:1: error: missing `title` in the front matter"))
        #expect(
            errors.contains(
                "Content/news/nodate.ja.md:1:1: error: missing `date`: pages in `news` need one (YYYY-MM-DD)"))
        #expect(errors.contains { $0.hasPrefix("Content/news/baddate.ja.md:3:1: error: `date` must be a date") })
        #expect(errors.count == 3, "every error is reported, not only the first: \(errors)")
    }

    @Test func unknownLanguageSuffix() throws {
        let errors = try errors(after: [("Content/news/2021-01-01-x.fr.md", "---\ntitle: x\ndate: 2021-01-01\n---\n")])
        #expect(
            errors == [
                "Content/news/2021-01-01-x.fr.md:1:1: error: unknown language suffix `.fr`: site.yaml defines `ja`, `en`"
            ])
    }

    @Test func twoPagesClaimingOneURL() throws {
        let errors = try errors(after: [
            ("Content/news/other.en.md", "---\ntitle: Other\ndate: 2021-01-01\nslug: agreement\n---\n")
        ])
        #expect(errors.count == 2)
        #expect(
            errors.contains {
                $0.hasPrefix("Content/news/other.en.md:4:1: error: two pages claim the URL /site/en/news/agreement/")
            })
        #expect(
            errors.contains {
                $0.hasPrefix("Content/news/2021-01-28-agreement.en.md:5:1: error: two pages claim the URL")
            })
    }

    @Test func brokenContentLinkHasItsLine() throws {
        let errors = try errors(after: [
            ("Content/about.en.md", "---\ntitle: About\n---\n\nIntro.\n\nSee [nobody](@/members/nobody.md).\n")
        ])
        #expect(
            errors == [
                "Content/about.en.md:7:5: error: link to `@/members/nobody.md`: there is no content file Content/members/nobody.md in any language"
            ])
    }

    @Test func linksMayNotClimbOutOfContent() throws {
        let errors = try errors(after: [("Content/about.en.md", "---\ntitle: About\n---\n[x](../../etc/passwd.md)\n")])
        #expect(errors.count == 1)
        #expect(errors.first?.contains("points outside Content/") == true)
    }

    @Test func pathTricksInSlugsAreRejected() throws {
        let errors = try errors(after: [
            ("Content/news/evil.ja.md", "---\ntitle: x\ndate: 2021-01-01\nslug: ../../etc\n---\n")
        ])
        #expect(errors.count == 1)
        #expect(
            errors.first?.hasPrefix(
                "Content/news/evil.ja.md:4:1: error: `slug` cannot be part of a URL: it contains `/`") == true)
    }

    @Test func frontMatterProblems() throws {
        let errors = try errors(after: [
            ("Content/unclosed.ja.md", "---\ntitle: x\n\nBody without a closing fence\n"),
            ("Content/none.ja.md", "Just text\n"),
            ("Content/empty.ja.md", ""),
        ])
        #expect(
            errors.contains(
                "Content/unclosed.ja.md:1:1: error: the front matter opened by `---` on this line is never closed by another `---` line"
            ))
        #expect(errors.contains { $0.hasPrefix("Content/none.ja.md:1:1: error: missing front matter") })
        #expect(errors.contains { $0.hasPrefix("Content/empty.ja.md:1:1: error: missing front matter") })
    }

    @Test func templateErrorsAreReportedWithTheirPosition() throws {
        let errors = try errors(after: [("Templates/single.mustache", "<h1>{{page.title}}</h1>\n{{#page.tags}}\n")])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("Templates/single.mustache:2:1: error:") == true, "\(errors)")
    }

    @Test func missingPartialIsAnError() throws {
        let errors = try errors(after: [("Templates/single.mustache", "<h1>{{page.title}}</h1>\n  {{> nothere}}\n")])
        #expect(errors.count >= 1)
        #expect(errors.allSatisfy { $0.hasPrefix("Templates/single.mustache:2:3: error:") }, "\(errors)")
    }

    @Test func invalidUTF8IsRefused() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try Data([
            0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A, 0x2D, 0x2D, 0x2D, 0x0A,
        ])
        .write(to: site.root.appendingPathComponent("Content/bad.ja.md"))
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains { $0.hasPrefix("Content/bad.ja.md:2:1: error: the file is not valid UTF-8") }, "\(errors)")
    }

    @Test func aTemplateThatIsNotUTF8IsRefused() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try Data([0x3C, 0x70, 0x3E, 0xFF, 0x0A]).write(to: site.root.appendingPathComponent("Templates/page.mustache"))
        let errors = site.buildErrors().map(\.description)
        #expect(
            errors.contains("Templates/page.mustache:1:1: error: cannot read the template: it is not valid UTF-8"),
            "\(errors)")
    }

    @Test func missingSiteConfiguration() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.remove("Content/site.yaml")
        #expect(
            site.buildErrors().map(\.description) == [
                "Content/site.yaml:1:1: error: cannot read the site configuration (is this a site root?)"
            ])
    }
}

@Suite struct LinkCheckTests {
    private func diagnostics(after edits: [(String, String)]) throws -> [String] {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        for (path, text) in edits { try site.write(path, text) }
        do {
            let report = try site.build()
            return report.warnings.map(\.description)
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func anchorsOfContentLinksMustExist() throws {
        let found = try diagnostics(after: [
            (
                "Content/about.en.md",
                "---\ntitle: About\n---\n\n[ok](@/members/yokohama.md#profile) and [bad](@/members/yokohama.md#nowhere)\n"
            )
        ])
        #expect(
            found == [
                "Content/about.en.md:5:41: error: the anchor #nowhere does not exist on Content/members/yokohama.en.md: its headings are #profile"
            ])
    }

    @Test func rootRelativeLinksMustNameAPageOrAPublicFile() throws {
        let found = try diagnostics(after: [
            (
                "Content/about.en.md",
                """
                ---
                title: About
                ---

                [page](/site/en/news/agreement/) [anchor](/site/ja/about/#設立の経緯) [css](/site/css/site.css)
                [gone](/site/en/news/nothing/) ![logo](/site/images/missing.png)
                [bad anchor](/site/ja/about/#missing)
                """
            )
        ])
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.hasPrefix("Content/about.en.md:6:1: error: broken link `/site/en/news/nothing/`") })
        #expect(
            found.contains { $0.hasPrefix("Content/about.en.md:6:32: error: broken image `/site/images/missing.png`") })
        #expect(
            found.contains {
                $0.hasPrefix(
                    "Content/about.en.md:7:1: error: the anchor #missing does not exist on Content/about.ja.md")
            })
    }

    @Test func imagesWithoutAltTextAreErrors() throws {
        let found = try diagnostics(after: [
            ("Public/images/mark.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>"),
            ("Content/about.en.md", "---\ntitle: About\n---\n\n![](/site/images/mark.svg)\n"),
        ])
        #expect(
            found.filter { $0.hasPrefix("Content/") } == [
                "Content/about.en.md:5:1: error: image `/site/images/mark.svg` has no alt text: describe it in the brackets, ![like this](/site/images/mark.svg) (「会場の様子。約50人が参加」) (WCAG 1.1.1) [checks: imageAlt]"
            ])
    }
}
