import Dispatch
import Foundation
import Testing

@testable import Mustache

@Suite struct EngineTests {
    private func library(_ templates: [String: String]) throws -> TemplateLibrary {
        var parsed: [String: Template] = [:]
        for (name, source) in templates {
            parsed[name] = try Template(source: source, name: "Templates/\(name).mustache")
        }
        return TemplateLibrary(templates: parsed)
    }

    private func parseError(_ source: String) -> MustacheError? {
        do {
            _ = try Template(source: source, name: "Templates/page.mustache")
            return nil
        } catch {
            return error
        }
    }

    @Test func unclosedSectionPointsAtItsOpeningTag() {
        #expect(
            parseError("<p>\n  {{#items}}\n<li>{{.}}</li>\n")?.description
                == "Templates/page.mustache:2:3: error: unclosed section `items`: no `{{/items}}` before the end of the template"
        )
        #expect(parseError("{{^empty}}x")?.line == 1)
        #expect(parseError("{{<layout}}{{$main}}x{{/main}}")?.message.contains("unclosed section `layout`") == true)
        #expect(parseError("{{$main}}x")?.message.contains("unclosed section `main`") == true)
    }

    @Test func mismatchedClosingTagPointsAtTheClosingTag() {
        let error = parseError("{{#a}}\n  x {{/b}}\n")
        #expect(
            error?.description
                == "Templates/page.mustache:2:5: error: mismatched closing tag: `{{/b}}` closes `a`, opened at 1:1")
        #expect(
            parseError("text {{/a}}")?.description
                == "Templates/page.mustache:1:6: error: closing tag `{{/a}}` has no opening tag")
    }

    @Test func unclosedTagPointsAtItsDelimiter() {
        #expect(
            parseError("ok\n日本語 {{name\n")?.description
                == "Templates/page.mustache:2:5: error: unclosed tag: `{{` has no `}}`")
        #expect(parseError("{{{raw}}")?.message == "unclosed tag: `{{` has no `}}}`")
    }

    @Test func missingPartialsAndParentsFailAtLoadWithTheirPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mustache-\(UUID().uuidString)/Templates")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try "a\n  {{> nothere}}\n".write(
            to: folder.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try "{{<nolayout}}{{/nolayout}}".write(
            to: folder.appendingPathComponent("partials/p.mustache"), atomically: true, encoding: .utf8)
        try "{{#x}}".write(to: folder.appendingPathComponent("broken.mustache"), atomically: true, encoding: .utf8)
        do {
            _ = try TemplateLibrary(directory: folder)
            Issue.record("loading should fail")
        } catch let error as MustacheErrors {
            #expect(
                error.errors.map(\.description) == [
                    "Templates/broken.mustache:1:1: error: unclosed section `x`: no `{{/x}}` before the end of the template",
                    "Templates/page.mustache:2:3: error: missing partial `nothere`: no template nothere or partials/nothere",
                    "Templates/partials/p.mustache:1:1: error: missing parent template `nolayout`: no template nolayout or partials/nolayout",
                ])
        }
    }

    @Test func missingPartialAtRenderIsAnErrorNotAnEmptyString() throws {
        let lib = try library(["page": "before {{> ghost}} after"])
        #expect(throws: MustacheError.self) { try lib.render("page", [:]) }
        var lenient = lib
        lenient.strictPartials = false
        #expect(try lenient.render("page", [:]) == "before  after")
    }

    @Test func escapesHTMLIncludingAttributeContexts() throws {
        let lib = try library(["a": "<a href=\"{{url}}\" title='{{title}}'>{{text}}</a>|{{{text}}}|{{& text}}|{{safe}}"]
        )
        let output = try lib.render(
            "a", ["url": "/q?a=1&b=\"2\"", "title": "it's <b>", "text": "AT&T <x>", "safe": .html("<em>ok</em>")])
        #expect(
            output
                == "<a href=\"/q?a=1&amp;b=&quot;2&quot;\" title='it&#39;s &lt;b&gt;'>AT&amp;T &lt;x&gt;</a>|AT&T <x>|AT&T <x>|<em>ok</em>"
        )
        #expect(try lib.render("a", ["text": "日本語のテキスト"]).contains(">日本語のテキスト<"))
        // HTML given as bytes is written as it is too, by every kind of tag.
        let bytes = MustacheValue.htmlBytes(Array("<p>脱炭素 & AT&T</p>".utf8))
        #expect(
            try lib.render("a", ["text": bytes, "safe": bytes]).hasSuffix(
                "|<p>脱炭素 & AT&T</p>|<p>脱炭素 & AT&T</p>|<p>脱炭素 & AT&T</p>"))
    }

    @Test func valuesRenderAsText() throws {
        let lib = try library(["v": "{{i}} {{d}} {{whole}} {{b}} {{n}} {{list}}|"])
        #expect(
            try lib.render("v", ["i": 42, "d": 1.5, "whole": 2.0, "b": true, "n": nil, "list": [1, 2]])
                == "42 1.5 2 true  |")
    }

    @Test func inheritanceWithNestedParentsAndPartialsInBlocks() throws {
        let lib = try library([
            "base": "<html>{{$head}}<title>Default</title>{{/head}}<body>{{$body}}base body{{/body}}</body></html>",
            "section": "{{<base}}{{$body}}<main>{{$content}}section default{{/content}}</main>{{/body}}{{/base}}",
            "page":
                "{{<section}}{{$head}}<title>{{title}}</title>{{/head}}{{$content}}{{> card}}{{/content}}{{/section}}",
            "card": "<div class=\"card\">{{name}}</div>",
        ])
        #expect(
            try lib.render("page", ["title": "T", "name": "横浜市"])
                == "<html><title>T</title><body><main><div class=\"card\">横浜市</div></main></body></html>")
        #expect(
            try lib.render("section", [:])
                == "<html><title>Default</title><body><main>section default</main></body></html>")
    }

    @Test func concurrentRendersEqualASerialOne() throws {
        let lib = try library([
            "page": "{{<layout}}{{$main}}{{#items}}<li>{{name}} {{> tag}}</li>{{/items}}{{/main}}{{/layout}}",
            "layout": "<ul>{{$main}}{{/main}}</ul>",
            "tag": "<b>{{kind}}</b>",
        ])
        let contexts: [MustacheValue] = (0..<64).map { n in
            ["items": .list((0..<20).map { .object(["name": .string("item \(n)-\($0) & <co>"), "kind": .int($0)]) })]
        }
        let serial = try contexts.map { try lib.render("page", $0) }
        let results = Results(count: contexts.count * 16)
        DispatchQueue.concurrentPerform(iterations: contexts.count * 16) { i in
            results.set(i, try? lib.render("page", contexts[i % contexts.count]))
        }
        for i in 0..<(contexts.count * 16) { #expect(results.get(i) == serial[i % contexts.count]) }
    }

    @Test func reportsNamesNeverFoundInTheContextStack() throws {
        let lib = try library([
            "p": "{{title}} {{titel}} {{#items}}{{name}}{{nmae}}{{/items}} {{site.titl}} {{site.title}}"
        ])
        var missing: Set<String> = []
        _ = try lib.render("p", ["title": "x", "items": [["name": "a"]], "site": ["title": "s"]], missing: &missing)
        #expect(missing == ["titel", "nmae", "site.titl"])
    }

    @Test func referencedVariablesFollowPartialsAndParents() throws {
        let lib = try library([
            "page": "{{<layout}}{{$main}}{{i18n.readMore}}{{/main}}{{/layout}}",
            "layout": "{{i18n.title}}{{> footer}}{{$main}}{{/main}}",
            "footer": "{{#site}}{{i18n.contact}}{{/site}}",
        ])
        #expect(lib.referencedVariables(of: "page") == ["i18n.readMore", "i18n.title", "site", "i18n.contact"])
    }

    @Test func unsharedValuesAreEqualInStorageOfTheirOwn() {
        let long = "イクレイ日本 – ICLEI Local Governments for Sustainability"
        let value: MustacheValue = [
            "title": .string(long), "short": "ja", "html": .html("<p>\(long)</p>"),
            "bytes": .htmlBytes(Array("<p>\(long)</p>".utf8)),
            "menu": [["name": .string(long), "current": true], ["n": 2, "x": 1.5, "none": nil]],
        ]
        let copy = value.unshared()
        #expect(copy == value)
        func storage(_ text: String) -> UnsafeRawPointer? {
            var text = text
            return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        guard case .string(let original)? = value["title"], case .string(let copied)? = copy["title"] else {
            Issue.record("no title")
            return
        }
        #expect(storage(original) != storage(copied))
        guard case .htmlBytes(let bytes)? = value["bytes"], case .htmlBytes(let copiedBytes)? = copy["bytes"] else {
            Issue.record("no bytes")
            return
        }
        #expect(
            bytes.withUnsafeBufferPointer { $0.baseAddress } != copiedBytes.withUnsafeBufferPointer { $0.baseAddress })
        guard case .list(let items)? = value["menu"], case .list(let copiedItems)? = copy["menu"] else {
            Issue.record("no menu")
            return
        }
        #expect(
            items.withUnsafeBufferPointer { $0.baseAddress } != copiedItems.withUnsafeBufferPointer { $0.baseAddress })
        #expect(long.unshared() == long)
        #expect("".unshared() == "")
    }

    @Test func unsharedLibraryRendersTheSame() throws {
        let lib = try library([
            "layout": "<title>{{$title}}x{{/title}}</title>\n  {{> item}}\n",
            "page": "{{<layout}}{{$title}}{{page.title}} &{{/title}}{{/layout}}",
            "item": "{{#items}}<li>{{.}}</li>{{/items}}\n{{^items}}none{{/items}}",
        ])
        let context: MustacheValue = ["page": ["title": "<T>"], "items": ["a", "b&c"]]
        let copy = lib.unshared()
        #expect(copy.names == lib.names)
        #expect(try copy.render("page", context) == lib.render("page", context))
        #expect(try copy.render("page", context) == "<title>&lt;T&gt; &</title>\n  <li>a</li><li>b&amp;c</li>\n  ")
    }

    @Test func standalonePartialsAreIndentedOnceAtLoad() throws {
        let lib = try library(["page": "<ul>\n  {{> item}}\n</ul>\n", "item": "<li>{{a}}</li>\n<li>{{b}}</li>\n"])
        #expect(try lib.render("page", ["a": "1", "b": "2\n3"]) == "<ul>\n  <li>1</li>\n  <li>2\n3</li>\n</ul>\n")
    }
}

/// Slots written by disjoint iterations of concurrentPerform, read after it returns.
private final class Results: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<String?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ value: String?) { slots[i] = value }
    func get(_ i: Int) -> String? { slots[i] }
}
