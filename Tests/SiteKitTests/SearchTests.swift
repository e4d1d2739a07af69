import Foundation
import Testing

@testable import SiteKit

@Suite struct SearchTextTests {
    func normalized(_ text: String) -> String { String(String.UnicodeScalarView(SearchText.normalize(text))) }

    @Test func bothSidesAreNormalizedAlike() {
        #expect(normalized("ｲｸﾚｲ") == "いくれい", "half-width katakana")
        #expect(normalized("イクレイ") == "いくれい", "katakana as hiragana")
        #expect(normalized("ＡＢＣ１２３") == "abc123", "full-width Latin and digits")
        #expect(normalized("ガ") == normalized("カ\u{3099}"), "a combining voiced mark composes")
        #expect(normalized("Race to ZERO") == "race to zero")
        #expect(normalized("自治体") == "自治体")
    }

    @Test func theFastPathsAgreeWithFoundationAndUnicode() {
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x2010...0x2030, 0x3000...0x30FF, 0xFF01...0xFF9F, 0x4E00...0x4E20,
        ]
        for value in ranges.flatMap({ Array($0) }) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            let reference = text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.map { s in
                (0x30A1...0x30F6).contains(s.value) || s.value == 0x30FD || s.value == 0x30FE
                    ? Unicode.Scalar(s.value - 0x60)! : s
            }
            #expect(SearchText.normalize(text) == reference, "U+\(String(value, radix: 16))")
            let category = scalar.properties.generalCategory
            let expected: SearchText.Kind
            if SearchText.isJapanese(scalar) {
                expected = .japanese
            } else if [.decimalNumber, .letterNumber, .otherNumber].contains(category) {
                expected = .digit
            } else if [
                .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
                .spacingMark, .enclosingMark,
            ].contains(category) {
                expected = .letter
            } else {
                expected = scalar.properties.isWhitespace ? .space : .separator
            }
            #expect(SearchText.kind(scalar) == expected, "U+\(String(value, radix: 16))")
        }
    }

    /// The tokenizer's normalizing (fast paths, and Foundation for stretches of other
    /// characters) against NFKC, lower case and katakana folding of the whole text at once.
    @Test func mixedTextNormalizesAsAWhole() {
        let pieces = [
            "ｶﾞ", "ｲｸﾚｲ", "カ\u{3099}", "か\u{309A}", "Ａｂｃ", "１２３", "①", "㈱", "ﾊﾟﾝ", "e\u{301}", "É", "ß", "İ",
            "・", "ー", "〜", "、", "。", "「", "」", "\u{3000}", " ", "\n", "\t", "Race", "COP26", "自治体", "イクレイ",
            "\u{1F600}", "𠮷", "ﬁ", "Ⅻ", "\u{0007}", "’s",
        ]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            let whole = text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.map { s in
                (0x30A1...0x30F6).contains(s.value) || s.value == 0x30FD || s.value == 0x30FE
                    ? Unicode.Scalar(s.value - 0x60)! : s
            }
            #expect(SearchText.normalize(text) == whole, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The text between tags is skipped eight bytes at a time: a tag or an entity at every
    /// offset from a word's start, after ASCII and after Japanese, is still found.
    @Test func pageTextDropsTagsAndDecodesEntitiesAtEveryOffset() {
        for lead in ["", "a", "自治体"] {
            for k in 0..<17 {
                let before = String(repeating: lead.isEmpty ? "x" : lead, count: k)
                let html = "<p>" + before + "&amp;脱炭素<em>B</em>&#x41;&quot;&apos;&gt;</p><p>next&lt;&nbsp;</p>"
                #expect(
                    String(decoding: HTMLText.plainBytes(Array(html.utf8)), as: UTF8.self)
                        == "\n" + before + "&脱炭素BA\"'>\nnext<&nbsp;",
                    "\(k) × \(lead)")
            }
        }
    }

    @Test func englishSuffixesFold() {
        for (word, folded) in [
            ("cities", "city"), ("taxes", "tax"), ("reports", "report"), ("bus", "bus"), ("analysis", "analysis"),
            ("class", "class"), ("sdgs", "sdg"), ("its", "its"), ("churches", "church"),
        ] {
            #expect(SearchText.fold(word) == folded, "\(word)")
            var bytes: [UInt8] = []
            SearchText.foldedWord(ArraySlice(word.unicodeScalars), into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == folded, "\(word), on bytes")
        }
    }

    func keys(_ text: String) -> Set<String> {
        var keys = PageKeys()
        var tokenizer = Tokenizer()
        tokenizer.scan(
            SearchIndex.Document(page: PageID(0), title: "", summary: "", body: Array(text.utf8)), into: &keys)
        return keys.names
    }

    /// The index's one-pass page sets, built in runs of a few pages and in runs longer than a
    /// block of 64, against each page's keys taken one page at a time.
    @Test(arguments: [7, 150]) func runsOfPagesGiveEachKeyItsPages(run: Int) {
        var random = SystemRandomNumberGenerator()
        let pieces = ["会員自治体", "脱炭素", "イクレイ", "Race to Zero", "cities", "COP26", "2050年", "、", " ", "\n", "ｶﾀｶﾅ", "é"]
        let documents = (0..<200).map { n in
            let body = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            return SearchIndex.Document(
                page: PageID(n), title: pieces[n % pieces.count], summary: n % 3 == 0 ? "summary city" : "",
                body: Array(body.joined().utf8))
        }
        let runs = SearchIndex.Tokenizing(pages: [documents.map(\.page)], run: run) { _, k in
            documents[k]
        }.finish().runs
        let language = SearchIndex.keys(ofRuns: runs)[0]
        var expected: [String: [Int32]] = [:]
        for (n, document) in documents.enumerated() {
            for key in SearchIndex.keyNames(document) { expected[key, default: []].append(Int32(n)) }
        }
        var got: [String: [Int32]] = [:]
        for (k, name) in language.names.enumerated() { got[name] = Array(language.pages(of: k)) }
        #expect(got == expected)
        #expect(got["a自治体"]?.count ?? 0 > 64, "a key on pages of more than one block")
    }

    @Test func japaneseIsIndexedByCharactersPairsAndTriples() {
        let k = keys("会員自治体")
        for key in ["a会", "a体", "a会員", "a治体", "a会員自", "a員自治", "a自治体"] { #expect(k.contains(key), "\(key)") }
        #expect(!k.contains("a会員自治"), "no n-gram longer than three")
        #expect(k.count == 5 + 4 + 3)
    }

    @Test func wordsPhrasesAndMixedRuns() {
        let k = keys("Race to Zero, COP26 と 2050年")
        for key in [
            "wrace", "wto", "wzero", "prace to", "pto zero", "wcop26", "wcop", "w26", "w2050", "a年", "a0年", "a50年",
        ] {
            #expect(k.contains(key), "\(key)")
        }
        #expect(!k.contains("pzero cop26"), "a comma ends a phrase")
        #expect(!k.contains("a205"), "no n-gram without Japanese")
    }
}

/// The index written by a build, read by `search.js` under Node, against a plain substring scan
/// of each page's normalized text: the same code the browser runs.
@Suite struct SearchIndexTests {
    static let runner = """
        const fs = require('fs');
        const [out, lang, ...queries] = process.argv.slice(2);
        const api = require(out + '/search.js');
        const load = async (url, start, end) => new Uint8Array(fs.readFileSync(out + url)).subarray(start, end);
        (async () => {
          const index = new api.Index('/' + lang + '/search/', load);
          const results = {};
          // Every page's excerpt, as the browser reads it (ranges of the fragment files): the
          // page's number where its URL is of the language, else -1.
          const info = await index.manifest();
          results.fragments = [];
          for (let n = 0; n < info.count; n++) {
            results.fragments.push((await index.fragment(n)).u.includes('/' + lang + '/') ? n : -1);
          }
          for (const q of queries) results[q] = api.ranked(await index.match(q, false));
          const typing = await index.match('yoko', true);
          results['typing:yoko'] = api.ranked(typing);
          console.log(JSON.stringify(results));
        })().catch((e) => { console.error(e); process.exit(1); });
        """

    func node(_ arguments: [String]) throws -> [String: [Int]] {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID().uuidString).js")
        try Data(Self.runner.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", script.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "node must be installed (Debian: nodejs)")
        return try JSONDecoder().decode([String: [Int]].self, from: data)
    }

    @Test func theBrowserCodeFindsWhatASubstringScanFinds() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/news/2021-02-01-kaiin.ja.md",
            "---\ntitle: 会員自治体の集い\ndate: 2021-02-01\n---\n\nｲｸﾚｲ日本の会員自治体が集まりました。脱炭素社会へ。\n")
        try site.write(
            "Content/news/2021-02-02-apart.ja.md",
            "---\ntitle: 自治の話\ndate: 2021-02-02\n---\n\n自治と体は離れています。\n")
        try site.write(
            "Content/news/2021-02-03-hidden.ja.md",
            "---\ntitle: 非公開の自治体\ndate: 2021-02-03\nsearch: false\n---\n\n自治体\n")
        try site.build()
        let documents = SearchIndex(site: try linked(site), markdown: []).documentsForTests(lang: "ja")
        let queries = ["自治体", "会員自治体", "自治", "体", "イクレイ", "いくれい", "脱炭素社会", "炭素", "横浜市", "ＳＤＧｓ"]
        let found = try node([site.output.path, "ja"] + queries)
        for query in queries {
            let needle = String(String.UnicodeScalarView(SearchText.normalize(query)))
            let expected = documents.indices.filter { documents[$0].contains(needle) }
            #expect(Set(found[query] ?? [-1]) == Set(expected), "\(query)")
        }
        #expect(found["自治体"]?.isEmpty == false)
        let apart = documents.firstIndex { $0.contains("自治と体") }
        #expect(apart.map { !(found["自治体"] ?? []).contains($0) } == true, "自治 and 体 apart do not match 自治体")
        #expect(!documents.contains { $0.contains("非公開") }, "search: false leaves a page out")
    }

    @Test func excerptsSpreadOverFragmentFilesReadBackInPageOrder() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let extra = SearchIndex.fragmentsPerFile + 6
        for n in 0..<extra {
            try site.write(
                "Content/news/2019-03-\(String(format: "%02d", n % 28 + 1))-bulk-\(n).ja.md",
                "---\ntitle: 一括記事\(n)\ndate: 2019-03-\(String(format: "%02d", n % 28 + 1))\n---\n\n本文\(n)です。\n")
        }
        var options = SiteBuilder.Options(source: site.root, output: site.output)
        options.cacheFolder = nil
        var kept = PreviousBuild()  // as the preview keeps it: the index is updated in place
        try SiteBuilder(options: options).build(previous: &kept)
        let files = try site.snapshot().keys.filter { $0.hasPrefix("ja/search/f/") }.sorted()
        #expect(files.count >= 2, "\(files)")
        let fragments = SearchIndex(site: try linked(site), markdown: []).fragmentsForTests(lang: "ja")
        #expect(fragments.count > extra && fragments.allSatisfy { ($0["u"] as? String)?.contains("/ja/") == true })
        #expect(Set(fragments.compactMap { $0["t"] as? String }.filter { $0.hasPrefix("一括記事") }).count == extra)
        let read = try node([site.output.path, "ja"])["fragments"] ?? []
        #expect(read == Array(0..<fragments.count), "search.js reads every excerpt of every file")
        // An edit to a page's text rewrites that file as a clean build writes it.
        try site.write(
            "Content/news/2019-03-01-bulk-0.ja.md", "---\ntitle: 一括記事0\ndate: 2019-03-01\n---\n\n新しい本文。\n")
        try SiteBuilder(options: options).build(previous: &kept)
        let clean = site.root.appendingPathComponent("Clean")
        try SiteBuilder(options: .init(source: site.root, output: clean)).build()
        #expect(try site.snapshot() == site.snapshot(clean))
    }

    @Test func titlesRankFirstAndPhrasesAndPrefixesMatch() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let documents = SearchIndex(site: try linked(site), markdown: []).documentsForTests(lang: "en")
        let found = try node([site.output.path, "en", "race to zero", "zero to race", "yokohama"])
        let phrase = documents.indices.filter { documents[$0].contains("race to zero") }
        #expect(Set(found["race to zero"] ?? []) == Set(phrase) && !phrase.isEmpty)
        #expect(found["zero to race"] == [], "a phrase is not a bag of words")
        let yokohama = found["yokohama"] ?? []
        #expect(!yokohama.isEmpty)
        let titles = SearchIndex(site: try linked(site), markdown: []).titlesForTests(lang: "en")
        let titled = yokohama.prefix { titles[$0].contains("yokohama") }
        #expect(!titled.isEmpty && yokohama.dropFirst(titled.count).allSatisfy { !titles[$0].contains("yokohama") })
        #expect(Set(found["typing:yoko"] ?? []).isSuperset(of: yokohama), "the last word matches as a prefix")
    }

    @Test func aOneShotBuildWritesTheSameIndexAsTheKeptOne() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.build()
        let kept = try site.snapshot()
        var options = SiteBuilder.Options(source: site.root, output: site.output)
        options.keepSourcesInMemory = false
        options.clean = true
        try SiteBuilder(options: options).build()
        let oneShot = try site.snapshot()
        #expect(kept.keys.filter { $0.contains("/search/") }.count > 10)
        #expect(oneShot == kept, "\(Set(oneShot.keys).symmetricDifference(kept.keys).sorted())")
    }

    func linked(_ site: FixtureSite) throws -> LinkedSite {
        try SiteBuilder(options: .init(source: site.root)).checkedForTests().linked.site
    }
}

extension SearchIndex {
    /// Each page's normalized title in index order.
    func titlesForTests(lang: String) -> [String] {
        fragmentsForTests(lang: lang).map { String(String.UnicodeScalarView(SearchText.normalize("\($0["t"] ?? "")"))) }
    }

    /// Each page's excerpt object in index order, read from the fragment files.
    func fragmentsForTests(lang: String) -> [[String: Any]] {
        let base = site.root.appendingPathComponent("Output").path + "/" + lang + "/search/"
        let manifest = FileManager.default.contents(atPath: base + "index.json") ?? Data()
        let count = ((try? JSONSerialization.jsonObject(with: manifest)) as? [String: Any])?["count"] as? Int ?? 0
        return (0..<count).map { n in
            let file = FileManager.default.contents(atPath: base + Self.fragmentFileName(n)).map { [UInt8]($0) } ?? []
            let bytes = file.isEmpty ? [] : Array(Self.fragment(n, in: file))
            return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
        }
    }

    /// Each page's normalized text in index order (title, summary, body), from the written excerpts.
    func documentsForTests(lang: String) -> [String] {
        fragmentsForTests(lang: lang).map { object in
            let text = "\(object["t"] ?? "")\n\(object["x"] ?? "")"
            return String(String.UnicodeScalarView(SearchText.normalize(text)))
                .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
        }
    }
}
