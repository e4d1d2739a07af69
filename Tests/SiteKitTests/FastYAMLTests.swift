import Foundation
import Testing

@testable import SiteKit

/// The fast front-matter reader must give exactly what Yams gives, or step aside.
@Suite struct FastYAMLTests {
    static let samples: [String] = [
        "title: 横浜市\nreading: よこはまし\nkind: city",
        "title: \"ICLEI Cafe #1: Sustainable goals\"\ndate: 2018-04-01\ntags:\n  - \"sustainable development goals\"\n  - plastic reduction\nsummary: \"x\"\nnumber: 1\npresenters:\n  - \"asanagahara-town\"",
        "title: x\ntags: [脱炭素, 国際会議, \"a, b\", 'it''s']\nmembers: []\nempty:\ndraft: false",
        "head:\n  title: 市長\n  name: 山中竹春\nclass: 正会員",
        "menu: {name: ニュース, path: news}\nlist:\n- a\n- b\nafter: 1",
        "n: 42\nneg: -7\nplus: +3\nzero: 0\noctal: 0o17\nhex: 0x1F\nfloat: 1.5\nexp: 1e3\nsexa: 1:30\nbig: 123456789012",
        "t: yes\nf: No\non: ON\nnull1: ~\nnull2: null\ns: yesterday\nq: \"true\"\nd: 2021-01-28T10:00:00+09:00",
        "title: a # a comment\nurl: https://example.org/a#b\nquote: \"say \\\"hi\\\"\\n\"\nsingle: 'a ''b'' c'",
        "title: Race to Zero – 2020\nslug: race-to-zero\ntranslationKey: r2z",
        "# comment\n\ntitle: x\n\n# another\ndate: 2020-07-29\n",
        "dash: -\nminus: -x\nneg: - a",
        "a: b: c",
        "key: [a, [b]]",
        "key: |\n  block\n  text",
        "anchor: &a 1\nref: *a",
        "title: x\ntitle: y",
        "list:\n  - a: 1\n    b: 2",
        "multi: first\n  continued",
        "flow: [a,\n  b]",
        "tab:\t1",
        "ratio: .5\ninf: .inf\nversion: 1.2.3\ntime: 12:30:00",
        "nested:\n  deeper:\n    deepest: 1\n  back: 2\ntop: 3",
        "k: \"\\u00e9\"",
        "k: 'unterminated",
    ]

    @Test func fastReaderAgreesWithYamsOrStepsAside() throws {
        var handled = 0
        for sample in Self.samples {
            let yams = YAMLReader.readMappingWithYams(sample, file: "f", lineOffset: 1)
            guard let fast = FastYAML.readMapping(sample, lineOffset: 1) else { continue }
            handled += 1
            guard case .success(let expected) = yams else {
                Issue.record("fast reader accepted YAML that Yams rejects: \(sample)")
                continue
            }
            #expect(fast.values == expected.values, "\(sample)")
            #expect(fast.positions == expected.positions, "\(sample)")
        }
        #expect(handled >= 12, "the common forms take the fast path")
    }

    @Test func commonFrontMatterTakesTheFastPath() {
        #expect(FastYAML.readMapping(Self.samples[0], lineOffset: 0) != nil)
        #expect(FastYAML.readMapping(Self.samples[1], lineOffset: 0) != nil)
        #expect(FastYAML.readMapping(Self.samples[3], lineOffset: 0) != nil)
        #expect(FastYAML.readMapping("key: |\n  block", lineOffset: 0) == nil)
        #expect(FastYAML.readMapping("title: x\ntitle: y", lineOffset: 0) == nil, "Yams reports duplicates")
    }

    @Test func invalidYAMLStillGetsYamsErrors() {
        guard case .failure(let d) = YAMLReader.readMapping("title: [a, b\n", file: "f.md", lineOffset: 1) else {
            Issue.record("should fail")
            return
        }
        #expect(d.message.hasPrefix("invalid YAML"))
    }
}
