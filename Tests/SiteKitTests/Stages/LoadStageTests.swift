import Foundation
import Testing

@testable import SiteKit

/// The load stage alone, on files made of strings.
@Suite struct LoadStageTests {
    /// One save can break several keys: each is reported at its line, not only the first.
    @Test func aPageReportsEveryProblemOfItsFrontMatter() throws {
        let text = """
            ---
            title: ""
            date: 2025-13-01
            slug: "a b"
            draft: maybe
            publishDate: soon
            ---
            """
        let loaded = try InMemorySite(files: ["Content/news/x.ja.md": text]).loaded()
        #expect(loaded.pages.isEmpty)
        #expect(
            loaded.diagnostics.map { "\($0.line): \($0.message.prefix(20))" } == [
                "2: missing `title` in t", "3: `date` must be a dat", "4: `slug` cannot be par",
                "5: `draft` must be true", "6: `publishDate` must b",
            ], "\(loaded.diagnostics)")
    }

    @Test func aPageWithoutProblemsLoads() throws {
        let loaded = try InMemorySite(files: InMemorySite.news(1)).loaded()
        #expect(loaded.diagnostics.isEmpty && loaded.pages.count == 2)
    }
}
