import Testing

@testable import SiteKit

/// The positioned decoder on small declarations: each problem at its own line and column,
/// every problem of a file at once, and the typed values.
@Suite struct YAMLDecoderTests {
    struct Sample: Decodable, Sendable {
        var name: String
        var count: Count<Small>?
        var mode: Mode?
        var on: Bool?
        var place: Located<String>?
        var items: [Item]?
        var table: Table<Item>?
        var free: YAMLValue?

        enum CodingKeys: String, CodingKey, CaseIterable { case name, count, mode, on, place, items, table, free }
        enum Small: CountBounds { static let range = 1...9 }
        enum Mode: String, Sendable, CaseIterable, ConfigChoice { case fast, careful }
    }

    struct Item: Decodable, Sendable {
        var id: Int
        var label: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case id, label }
    }

    func decode(_ text: String) -> (value: Sample?, problems: [String]) {
        guard case .success(let node?) = YAMLTree.parse(text, file: "s.yaml", maxDepth: 20) else {
            Issue.record("unreadable YAML")
            return (nil, [])
        }
        let (value, problems) = YAMLDecoder().decode(Sample.self, from: node, file: "s.yaml")
        return (value, problems.sortedForReport().map(\.description))
    }

    @Test func aValidFileGivesTypedValuesWithPositionsAndTablesInOrder() throws {
        let (value, problems) = decode(
            """
            name: test
            count: 3
            mode: careful
            on: true
            place: here
            items: [{id: 1}, {id: 2, label: two}]
            table:
              zeta: {id: 26}
              alpha: {id: 1}
            free: {anything: [1, {b: 2}]}
            """)
        #expect(problems.isEmpty)
        let sample = try #require(value)
        #expect(sample.name == "test" && sample.count?.value == 3 && sample.mode == .careful && sample.on == true)
        #expect(sample.place?.value == "here" && sample.place?.position == SourcePosition(line: 5, column: 8))
        #expect(sample.items?.map(\.id) == [1, 2] && sample.items?[1].label == "two")
        #expect(sample.table?.names == ["zeta", "alpha"])
        #expect(sample.table?.entries.first?.position == SourcePosition(line: 8, column: 9))
        #expect(sample.free == .object(["anything": .list([.int(1), .object(["b": .int(2)])])]))
    }

    @Test func everyProblemIsReportedAtItsOwnPlaceNotOnlyTheFirst() {
        let (_, problems) = decode(
            """
            nam: test
            count: 12
            mode: fsat
            on: maybe
            items: [{id: 1}, {id: x, lable: y}, 7]
            table: {a: {id: 1}, b: {}}
            """)
        #expect(
            problems.contains("s.yaml:1:1: error: unknown key `nam` in site.yaml: did you mean `name`?"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("s.yaml:1:1: error: site.yaml needs `name`") }, "\(problems)")
        #expect(problems.contains("s.yaml:2:8: error: `count` must be a whole number from 1 to 9"), "\(problems)")
        #expect(
            problems.contains(
                "s.yaml:3:7: error: `mode` must be one of `fast`, `careful`, not `fsat`; did you mean `fast`?"),
            "\(problems)")
        #expect(problems.contains("s.yaml:4:5: error: `on` must be true or false"), "\(problems)")
        #expect(problems.contains("s.yaml:5:23: error: `items[1].id` must be a whole number"), "\(problems)")
        #expect(
            problems.contains("s.yaml:5:26: error: unknown key `lable` in `items[1]`: did you mean `label`?"),
            "\(problems)")
        #expect(problems.contains("s.yaml:5:37: error: `items[2]` must be a mapping of keys to values"), "\(problems)")
        #expect(problems.contains("s.yaml:6:24: error: `table.b` needs `id`"), "\(problems)")
        #expect(problems.count == 9, "\(problems)")
    }

    @Test func aListWhereAMappingIsExpectedAndAnUnknownKeyWithNoNeighbourListTheKnownOnes() {
        let (value, problems) = decode("name: [a]\ncolour: red\n")
        #expect(value != nil)
        #expect(problems.contains("s.yaml:1:7: error: `name` must be text"), "\(problems)")
        #expect(
            problems.contains(
                "s.yaml:2:1: error: unknown key `colour` in site.yaml: known keys: `count`, `free`, `items`, `mode`, `name`, `on`, `place`, `table`"
            ), "\(problems)")
    }

    @Test func frontMatterKeysSayWhatTheyTakeAndOtherKeysAreLeftToTheirSection() throws {
        let text = "title: [a]\ndate: yesterday\ntags: {a: 1}\ntoc: 1\nsummary: ok\nprice: 3\n"
        let mapping = try YAMLReader.readMapping(text, file: "p.md", lineOffset: 1).get()
        var decoder = YAMLDecoder()
        decoder.rootName = "the front matter"
        let (value, found) = decoder.decode(CommonFrontMatter.self, from: .frontMatter(mapping), file: "p.md")
        let problems = found.sortedForReport().map(\.description)
        #expect(value?.summary == "ok")
        #expect(
            problems == [
                "p.md:2:1: error: `title` must be text",
                "p.md:3:1: error: `date` must be a date as YYYY-MM-DD or ISO 8601 (2025-01-15 or 2025-01-15T10:00:00+09:00), or a month (2025-01) when the day is not known",
                "p.md:4:1: error: `tags` must be a list of words, like [脱炭素, 国際会議]",
                "p.md:5:1: error: `toc` must be true or false: whether the page shows a table of contents",
            ])
    }
}
