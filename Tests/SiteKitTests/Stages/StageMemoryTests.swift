import Foundation
import Mustache
import Testing

@testable import SiteKit

/// Each stage decides from its own memory what it can reuse: a body edit is found by the link
/// stage and every later stage acts on it; anything else makes them start anew.
@Suite struct StageMemoryTests {
    /// The load as the load stage gives it when the same files were found and `readAgain`
    /// were read again.
    func loaded(_ site: InMemorySite, readAgain: Set<String>?) throws -> LoadedSite {
        var loaded = try site.loaded()
        loaded.readAgain = readAgain
        return loaded
    }

    func page(_ site: LinkedSite, _ sourcePath: String) -> PageID {
        site.pages.pageIDs.first { site.pages[$0].sourcePath == sourcePath }!
    }

    @Test func aBodyEditIsFoundAndOnlyThatPageIsParsedAgain() throws {
        var site = InMemorySite(files: InMemorySite.news(3))
        let stage = LinkStage(linker: SiteLinker(), globalKey: 1)
        var memory: LinkStage.Memory?
        let first = stage.run(try loaded(site, readAgain: nil), memory: &memory)
        #expect(first.editedBodies == nil, "a first build links anew")
        let parse = ParseStage(config: first.site.config, keeping: true)
        var parsed = MarkdownCache()
        _ = parse.run(first, memory: &parsed)

        let path = "Content/news/2025-01-02-item-2.en.md"
        site.files[path] = site.files[path]! + "\nA new paragraph.\n"
        let second = stage.run(try loaded(site, readAgain: [path]), memory: &memory)
        let edited = page(second.site, path)
        #expect(second.editedBodies == [edited])
        let markdown = parse.run(second, memory: &parsed)
        #expect(String(decoding: markdown[edited].html, as: UTF8.self).contains("A new paragraph."))
        #expect(markdown.count == first.site.pages.count)
    }

    @Test(arguments: ["title", "globalKey", "files"])
    func anythingButABodyMakesTheSiteLinkedAnew(_ change: String) throws {
        var site = InMemorySite(files: InMemorySite.news(2))
        var memory: LinkStage.Memory?
        _ = LinkStage(linker: SiteLinker(), globalKey: 1).run(try loaded(site, readAgain: nil), memory: &memory)
        let path = "Content/news/2025-01-01-item-1.ja.md"
        var key: UInt64 = 1
        var readAgain: Set<String>? = [path]
        switch change {
        case "title": site.files[path] = site.files[path]!.replacingOccurrences(of: "記事 1", with: "記事 一")
        case "globalKey": key = 2
        default: readAgain = nil
        }
        let next = LinkStage(linker: SiteLinker(), globalKey: key).run(
            try loaded(site, readAgain: readAgain), memory: &memory)
        #expect(next.editedBodies == nil)
        #expect(memory?.globalKey == key, "the memory is the new site's")
    }

    @Test func theCheckStageKeepsTheFindingsOfPagesAnEditCannotReach() throws {
        var files = InMemorySite.news(2)
        files["Content/about.ja.md"] = "---\ntitle: 概要\n---\n\n[壊れた](/ja/nowhere/)\n"
        let site = InMemorySite(files: files)
        var link: LinkStage.Memory?
        let first = LinkStage(linker: SiteLinker(), globalKey: 1).run(try loaded(site, readAgain: nil), memory: &link)
        let check = CheckStage(publicFiles: [])
        var memory = CheckStage.Memory()
        let problems = check.run(first, InMemorySite.markdown(first.site), earlier: [], memory: &memory)
        #expect(problems.contains { $0.file == "Content/about.ja.md" && $0.severity == .error })

        // A body edit elsewhere: the broken link is not checked again, and still reported.
        let path = "Content/news/2025-01-01-item-1.ja.md"
        let second = LinkStage(linker: SiteLinker(), globalKey: 1).run(
            try loaded(site, readAgain: [path]), memory: &link)
        #expect(second.editedBodies?.count == 1)
        let again = check.run(second, InMemorySite.markdown(second.site), earlier: [], memory: &memory)
        #expect(
            again.filter { $0.file == "Content/about.ja.md" } == problems.filter { $0.file == "Content/about.ja.md" })
    }

    @Test func thePlanOfTheLastSiteStandsAfterABodyEdit() throws {
        let site = try InMemorySite(files: InMemorySite.news(3)).linked()
        let library = try TemplateLibrary(sources: [])
        var memory = PlanStage.Memory()
        let stage = PlanStage(library: library)
        let full = stage.run(LinkStage.Output(site: site, editedBodies: nil), memory: &memory)
        #expect(!full.jobs.isEmpty && memory.jobs == full.jobs)
        memory.jobs.removeLast()  // what the stage reuses is its memory, not a new plan
        let reused = stage.run(LinkStage.Output(site: site, editedBodies: []), memory: &memory)
        #expect(reused.jobs.count == full.jobs.count - 1)
        let anew = stage.run(LinkStage.Output(site: site, editedBodies: nil), memory: &memory)
        #expect(anew.jobs == full.jobs)
    }

    /// A failed build forgets the memories that describe one linked site together, so that
    /// the next build cannot mix the failed build's site with an older build's values.
    @Test func aFailedBuildLinksAnewNextTime() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        var options = SiteBuilder.Options(source: site.root)
        options.cacheFolder = nil
        let builder = SiteBuilder(options: options)
        var memory = PreviousBuild()
        try builder.build(previous: &memory)
        #expect(memory.link != nil && memory.render.values != nil)
        try site.write("Content/broken.ja.md", "---\ntitle: [unclosed\n---\n")
        #expect(throws: BuildFailure.self) { try builder.build(previous: &memory) }
        #expect(memory.link == nil && memory.render.values == nil && memory.plan.jobs.isEmpty)
        #expect(!memory.load.entries.isEmpty, "what is keyed by its source stays")
    }
}
