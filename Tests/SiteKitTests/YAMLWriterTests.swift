import Testing

@testable import SiteKit

/// The small YAML writer behind `admin/config.yml`: what it writes reads back as what was meant.
@Suite struct YAMLWriterTests {
    @Test func writesBlockMappingsFlowListsAndListsOfMappings() {
        let node: YAMLNode = .map([
            "backend": .map(["name": "github", "repo": "iclei-japan/site"]),
            "locales": ["ja", "en"],
            "collections": .list([
                .map(["name": "news", "fields": .list([.map(["name": "title", "required": true])])]),
                .map(["name": "empty", "files": .list([]), "options": .map([])]),
            ]),
            "count": 3,
        ])
        #expect(
            node.text == """
                backend:
                  name: github
                  repo: iclei-japan/site
                locales: [ja, en]
                collections:
                  - name: news
                    fields:
                      - name: title
                        required: true
                  - name: empty
                    files: []
                    options: {}
                count: 3

                """)
    }

    @Test func quotesWhatAReaderWouldTakeForSomethingElse() {
        #expect(YAMLNode.quoted("title") == "title")
        #expect(YAMLNode.quoted("Content/news") == "Content/news")
        for word in ["true", "No", "null", "~", "on", "y"] { #expect(YAMLNode.quoted(word) == "\"\(word)\"") }
        #expect(YAMLNode.quoted("0755") == "\"0755\"")
        #expect(YAMLNode.quoted("{{slug}}") == "\"{{slug}}\"")
        #expect(YAMLNode.quoted("a: b") == "\"a: b\"")
        #expect(YAMLNode.quoted("") == "\"\"")
        #expect(YAMLNode.quoted("ニュース") == "\"ニュース\"")
        #expect(YAMLNode.quoted("say \"hi\"\\\n\u{7}") == "\"say \\\"hi\\\"\\\\\\n\\u0007\"")
    }

    @Test func whatItWritesReadsBack() throws {
        let strings = ["true", "{{year}}-{{month}}", "a: b # c", "- x", "[x]", "'q'", "\"dq\"", "ニュース\tタブ", "0x1F"]
        let node: YAMLNode = .map(["values": .list(strings.map(YAMLNode.string)), "nested": .list([.list(["a"])])])
        guard case .success(let tree?) = YAMLTree.parse(node.text, file: "x.yml", maxDepth: 10) else {
            Issue.record("unreadable: \(node.text)")
            return
        }
        #expect(tree.value["values"] == .list(strings.map(YAMLValue.string)))
        #expect(tree.value["nested"] == .list([.list([.string("a")])]))
    }
}
