import Mustache
import Testing

@testable import SiteKit

@Suite struct ContextTests {
    /// A value no template names is not made for the context; every name a template can reach
    /// (in sections, partials, parents and their blocks) counts as used.
    @Test func namePartsReachEveryTemplateAndPartial() throws {
        let library = TemplateLibrary(templates: [
            "layout": try Template(source: "<title>{{page.title}}</title>{{$main}}{{/main}}{{> foot}}", name: "layout"),
            "single": try Template(
                source:
                    "{{<layout}}{{$main}}{{#page}}{{{jsonLD}}}{{/page}}{{^page.draft}}x{{/page.draft}}{{/main}}{{/layout}}",
                name: "single"),
            "partials/foot": try Template(source: "{{#site.menu}}{{name}}{{/site.menu}}", name: "partials/foot"),
        ])
        let parts = PageRenderer.nameParts(library)
        #expect(parts == ["page", "title", "jsonLD", "draft", "site", "menu", "name"])
        let plain = TemplateLibrary(templates: ["single": try Template(source: "{{page.title}}", name: "single")])
        #expect(!PageRenderer.nameParts(plain).contains("jsonLD"))
    }
}
