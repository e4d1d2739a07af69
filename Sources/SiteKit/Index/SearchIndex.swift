import Foundation

/// Index stage: the search index of each language, as files under `/<lang>/search/`:
///
/// - `index.json`: the number of pages, the shards, the sections;
/// - `h<n>.bin`: page sets of Japanese n-grams and word pairs, by hash of the key;
/// - `w<n>.bin`: page sets of words, in sorted ranges (`index.json` lists each one's first
///   word), so that the last word of a query can match as a prefix while typing;
/// - `meta.bin`: per page its section and date, for filters and for ranking by recency;
/// - `f/<n>.json`: per page its URL, title, date and text, fetched for the results shown.
///
/// Pages are numbered newest first in each language, so that page order is recency order.
/// `search: false` in front matter leaves a page out.
struct SearchIndex {
    let site: LinkedSite
    let markdown: [MarkdownResult]
    /// Aimed-at size of one shard file: a query fetches whole shards.
    var shardBytes = 4096

    struct Document: Sendable {
        var page: PageID
        var title: String
        var summary: String
        var body: String
    }

    func files() -> [(path: String, bytes: [UInt8])] {
        site.config.languageCodes.flatMap { files(lang: $0) }
    }

    func documents(lang: String) -> [Document] {
        site.pages.pageIDs.filter { i in
            let page = site.pages[i]
            return page.lang == lang && (page.kind == .single || page.kind == .standalone)
                && page.frontMatter["search"] != .bool(false)
        }
        .sorted { site.recency[$0] < site.recency[$1] }
        .map { i in
            let page = site.pages[i]
            return Document(
                page: i, title: page.title, summary: page.summary ?? "",
                body: HTMLText.plain(markdown[i].html))
        }
    }

    func files(lang: String) -> [(path: String, bytes: [UInt8])] {
        let documents = documents(lang: lang)
        let keys = Self.keys(of: documents)
        // Two halves of the pages on the two cores, then joined: the first half's pages come first.
        let halves = [0..<(keys.count / 2), (keys.count / 2)..<keys.count].parallelMap { range in
            var grams = CodeNumbers()
            var gramPages: [[Int32]] = []
            var words = CodeNumbers()
            var wordPages: [[Int32]] = []
            var names: [String] = []
            for n in range {
                for code in keys[n].grams {
                    let number = grams.number(code)
                    if number == gramPages.count { gramPages.append([]) }
                    gramPages[number].append(Int32(n))
                }
                for (code, name) in zip(keys[n].words, keys[n].wordNames) {
                    let number = words.number(code)
                    if number == wordPages.count {
                        wordPages.append([])
                        names.append(name)
                    }
                    wordPages[number].append(Int32(n))
                }
            }
            return (grams.codes, gramPages, names, wordPages)
        }
        var sets: [String: [Int32]] = [:]
        for half in halves {
            for (code, pages) in zip(half.0, half.1) { sets[SearchText.gramKey(code), default: []] += pages }
            for (name, pages) in zip(half.2, half.3) { sets[name, default: []] += pages }
        }
        let base = site.languageRoot(lang).dropFirst(site.config.basePath.count) + "search/"
        var files: [(path: String, bytes: [UInt8])] = []
        let (hashed, wordShards, firstWords) = shards(sets, count: documents.count)
        for (n, shard) in hashed.enumerated() { files.append((base + "h\(n).bin", shard)) }
        for (n, shard) in wordShards.enumerated() { files.append((base + "w\(n).bin", shard)) }
        let sections = Array(Set(documents.map { site.pages[$0.page].section })).sorted()
        files.append((base + "meta.bin", meta(documents, sections: sections)))
        let fragments = documents.parallelMap { fragment($0) }
        for (n, bytes) in fragments.enumerated() { files.append((base + "f/\(n).json", bytes)) }
        let manifest: [String: Any] = [
            "v": 1, "lang": lang, "count": documents.count, "hashShards": hashed.count, "wordShards": firstWords,
            "sections": sections.map { name -> [String: String] in
                let title = site.section(name, lang: lang)?.indexPage.map { site.pages[$0].title } ?? name
                return ["name": name.isEmpty ? "pages" : name, "title": title]
            },
        ]
        files.append((base + "index.json", Self.json(manifest)))
        return files
    }

    /// Hash shards for n-grams and word pairs, sorted range shards for words.
    private func shards(_ sets: [String: [Int32]], count: Int) -> ([[UInt8]], [[UInt8]], [String]) {
        func entry(_ key: String, _ pages: [Int32]) -> [UInt8] {
            var out: [UInt8] = []
            let utf8 = Array(key.utf8)
            PageSetEncoding.varint(utf8.count, into: &out)
            out += utf8
            PageSetEncoding.pageSet(pages, count: count, into: &out)
            return out
        }
        var hashedEntries: [(hash: UInt32, key: String, bytes: [UInt8])] = []
        var wordEntries: [(word: String, key: String, bytes: [UInt8])] = []
        for (key, pages) in sets {
            let tag = key.unicodeScalars.first!
            let bare = String(key.unicodeScalars.dropFirst())
            if tag == "w" || tag == "W" {
                wordEntries.append((bare, key, entry(key, pages)))
            } else {
                hashedEntries.append((PageSetEncoding.fnv1a(bare), key, entry(key, pages)))
            }
        }
        let hashedTotal = hashedEntries.reduce(0) { $0 + $1.bytes.count }
        let shardCount = max(1, (hashedTotal + shardBytes - 1) / shardBytes)
        var hashed = [[UInt8]](repeating: [], count: shardCount)
        for entry in hashedEntries.sorted(by: { Self.utf8Less($0.key, $1.key) }) {
            hashed[Int(entry.hash % UInt32(shardCount))] += entry.bytes
        }
        // Words in byte order, both tags of a word in one shard.
        wordEntries.sort { $0.word != $1.word ? Self.utf8Less($0.word, $1.word) : $0.key < $1.key }
        var words: [[UInt8]] = []
        var firstWords: [String] = []
        var current: [UInt8] = []
        var previousWord: String?
        for entry in wordEntries {
            if current.count >= shardBytes && entry.word != previousWord {
                words.append(current)
                current = []
            }
            if current.isEmpty { firstWords.append(entry.word) }
            current += entry.bytes
            previousWord = entry.word
        }
        if !current.isEmpty { words.append(current) }
        return (hashed, words, firstWords)
    }

    struct Keys: Sendable {
        var grams: [UInt64]
        var words: [UInt64]
        var wordNames: [String]
    }

    /// Each page's keys, in chunks that reuse one pair of sets (`CodeSet`).
    static func keys(of documents: [Document]) -> [Keys] {
        let chunk = max(1, documents.count / 16)
        let ranges = stride(from: 0, to: documents.count, by: chunk).map { $0..<min($0 + chunk, documents.count) }
        return ranges.parallelMap { range -> [Keys] in
            var grams = CodeSet()
            var words = CodeSet(capacity: 1024)
            return range.map { n in
                let document = documents[n]
                grams.removeAll()
                words.removeAll()
                var names: [String] = []
                let heading = SearchText.normalize(document.title + "\n" + document.summary)
                SearchText.keys(of: heading, title: true, grams: &grams, words: &words, wordNames: &names)
                SearchText.keys(
                    of: heading + ["\n"] + SearchText.normalize(document.body), title: false, grams: &grams,
                    words: &words, wordNames: &names)
                return Keys(grams: grams.elements, words: words.elements, wordNames: names)
            }
        }.flatMap { $0 }
    }

    static func distinct(_ sorted: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(sorted.count)
        for code in sorted where code != result.last { result.append(code) }
        return result
    }

    static func utf8Less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Three bytes a page: its section's number in `index.json`, and its day (days since
    /// 2000-01-01, plus one; 0 when undated), little-endian.
    private func meta(_ documents: [Document], sections: [String]) -> [UInt8] {
        let number = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1, $0) })
        var out: [UInt8] = []
        out.reserveCapacity(documents.count * 3)
        for document in documents {
            let page = site.pages[document.page]
            out.append(UInt8(number[page.section] ?? 0))
            let day = page.date.map { Self.daysSince2000($0) + 1 } ?? 0
            let clamped = UInt16(clamping: max(0, day))
            out.append(UInt8(clamped & 0xFF))
            out.append(UInt8(clamped >> 8))
        }
        return out
    }

    static func daysSince2000(_ date: SiteDate) -> Int {
        var components = DateComponents()
        (components.year, components.month, components.day) = (date.year, date.month, date.day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let day = calendar.date(from: components) else { return 0 }
        return Int((day.timeIntervalSince1970 - 946_684_800) / 86_400)
    }

    private func fragment(_ document: Document) -> [UInt8] {
        let page = site.pages[document.page]
        var out: [UInt8] = Array("{".utf8)
        if let date = page.date {
            out += Array("\"d\":".utf8)
            Self.jsonString(DateText.long(date, japanese: site.config.isJapanese(page.lang)), into: &out)
            out.append(UInt8(ascii: ","))
        }
        out += Array("\"t\":".utf8)
        Self.jsonString(document.title, into: &out)
        out += Array(",\"u\":".utf8)
        Self.jsonString(page.url, into: &out)
        out += Array(",\"x\":".utf8)
        Self.jsonString(document.summary + "\n" + document.body, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A JSON string: quotes, backslashes and control characters escaped, `<` too (the
    /// fragments are data, never markup).
    static func jsonString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func json(_ object: [String: Any]) -> [UInt8] {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        return data.map { Array($0) } ?? Array("{}".utf8)
    }
}
