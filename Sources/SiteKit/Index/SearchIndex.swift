import Foundation

/// Index stage: the search index of each language, as files under `/<lang>/search/`:
///
/// - `index.json`: the number of pages, the shards, the sections;
/// - `h<n>.bin`: page sets of Japanese n-grams and word pairs, by hash of the key;
/// - `w<hex>.bin`: page sets of words, by the hex of their first two bytes (`index.json` lists
///   them), so that the last word of a query can match as a prefix while typing;
/// - `meta.bin`: per page its section and date, for filters and for ranking by recency;
/// - `f/<g>.bin`: per page its URL, title, date and text as JSON, `fragmentsPerFile` pages a
///   file after a table of where each begins; the browser fetches the table and then only the
///   pages it shows, with HTTP range requests (PERFORMANCE.md: one file a page was half the
///   files of a build).
///
/// Pages are numbered newest first in each language, so that page order is recency order.
/// `search: false` in front matter leaves a page out.
struct SearchIndex: Sendable {
    let site: LinkedSite
    let markdown: [MarkdownResult]
    /// Aimed-at size of one shard file: a query fetches whole shards.
    var shardBytes = 4096
    /// Pages whose excerpts share one file: an edit writes the file again, so that it stays
    /// small (64 pages of the bench corpus are about 300 KB).
    static let fragmentsPerFile = 64

    struct Document: Sendable {
        var page: PageID
        var title: String
        var summary: String
        /// The page's text in UTF-8 (`HTMLText.plainBytes`).
        var body: [UInt8]
    }

    /// The pages of a language the index holds, newest first.
    func pages(lang: String) -> [PageID] {
        site.pages.pageIDs.filter { i in
            let page = site.pages[i]
            return page.lang == lang && (page.kind == .single || page.kind == .standalone)
                && page.frontMatter["search"] != .bool(false)
        }
        .sorted { site.recency[$0] < site.recency[$1] }
    }

    /// Each language's pages made into documents and tokenized, a few hundred pages to a task.
    ///
    /// - Parameter keepingTexts: keep each page's text for updates in place (a long-running
    ///   process); otherwise each task makes its pages' excerpt files and lets the texts go.
    private func tokenizing(pages: [[PageID]], keepingTexts: Bool) -> Tokenizing {
        var fragments: (@Sendable (ArraySlice<Document>) -> [UInt8])? = nil
        if !keepingTexts { fragments = { self.fragmentFile($0) } }
        return Tokenizing(pages: pages, fragments: fragments) { l, k in
            document(pages[l][k])
        }
    }

    struct Tokenizing: Sendable {
        /// Per language, the pages in the order the index numbers them.
        let pages: [[PageID]]
        /// The tasks make the excerpt files and keep no page texts.
        let makesFragments: Bool
        private let ranges: [(language: Int, pages: Range<Int>)]
        private let task: @Sendable (Int) -> Done

        private struct Done: Sendable {
            var documents: [Document]
            var run: Postings.Run
            var fragmentFiles: [[UInt8]]
        }

        /// What the tasks give: per language, its documents (without their texts when the
        /// tasks made the excerpt files), runs, and excerpt files (nil when not made).
        struct Finished {
            var documents: [[Document]]
            var runs: [[Postings.Run]]
            var fragmentFiles: [[[UInt8]]?]
        }

        /// - Parameters:
        ///   - fragments: makes the excerpt file of consecutive documents; given, each task
        ///     makes the files of its pages (when a run is a whole number of files) and empties
        ///     its documents' texts, so that no page's text outlives its task.
        ///   - document: the document of the `k`th page of language `l`.
        init(
            pages: [[PageID]], run: Int = 256,
            fragments: (@Sendable (ArraySlice<Document>) -> [UInt8])? = nil,
            document: @escaping @Sendable (_ l: Int, _ k: Int) -> Document
        ) {
            self.pages = pages
            let fragments = run % SearchIndex.fragmentsPerFile == 0 ? fragments : nil
            makesFragments = fragments != nil
            let ranges = pages.indices.flatMap { l in
                stride(from: 0, to: pages[l].count, by: run).map { (l, $0..<min($0 + run, pages[l].count)) }
            }
            self.ranges = ranges
            task = { task in
                let (l, range) = ranges[task]
                var postings = Postings()
                var tokenizer = Tokenizer()
                var documents = range.map { document(l, $0) }
                for document in documents {
                    postings.startPage()
                    tokenizer.scan(document, into: &postings)
                }
                var files: [[UInt8]] = []
                if let fragments {
                    files = stride(from: 0, to: documents.count, by: SearchIndex.fragmentsPerFile).map {
                        fragments(documents[$0..<min($0 + SearchIndex.fragmentsPerFile, documents.count)])
                    }
                    for k in documents.indices { documents[k].body = [] }
                }
                return Done(documents: documents, run: postings.finish(first: range.lowerBound), fragmentFiles: files)
            }
        }

        /// Each language's documents, runs and excerpt files, in page order.
        func finish() -> Finished {
            let done = Array(zip(ranges.map(\.language), ranges.indices.parallelMapEach(task)))
            let languages = pages.indices.map { l in done.filter { $0.0 == l }.map(\.1) }
            return Finished(
                documents: languages.map { $0.flatMap(\.documents) }, runs: languages.map { $0.map(\.run) },
                fragmentFiles: languages.map { makesFragments ? $0.flatMap(\.fragmentFiles) : nil })
        }
    }

    func document(_ i: PageID) -> Document {
        let page = site.pages[i]
        return Document(
            page: i, title: page.title, summary: page.summary ?? "", body: HTMLText.plainBytes(markdown[i].html))
    }

    /// What the index stage gives the write stage: the files to write (all of them, or those
    /// that changed since the previous build), and which files the index has: every path of a
    /// language indexed anew; for a language updated in place, its folder (what is there stays)
    /// and the files it no longer has.
    struct Output: Sendable {
        var files: [(path: String, bytes: [UInt8])] = []
        var paths: [String] = []
        var keptFolders: [String] = []
        var removed: [String] = []

        /// True for a file of the previous output that the index still has.
        func keeps(_ path: String) -> Bool { keptFolders.contains { path.hasPrefix($0) } }
    }

    /// One language's index as last built, for updating it in place after an edit.
    struct LanguageState: Sendable {
        var pages: [PageID] = []
        var paths: [String]
        var inputs: [UInt64]
        var documents: [Document]
        var sets: [String: [Int32]]
        /// Bytes of the hashed entries, which decide the number of hash shards.
        var hashedBytes: Int
        var hashShards: Int
        /// File name → the keys it holds.
        var shardKeys: [String: Set<String>]
        /// File name (below `/<lang>/search/`) → bytes.
        var files: [String: [UInt8]]
        /// False when the sets were not kept (a one-shot build): the next build starts anew.
        var patchable: Bool
    }

    /// - Parameters:
    ///   - inputs: per page, a hash of everything its keys and excerpt come from.
    ///   - complete: every file is wanted, not only the changed ones (a whole-site write).
    ///   - keepState: keep what an update in place needs (a long-running process).
    ///   - samePages: only page bodies changed since the previous build (the same pages, in
    ///     the same order), so the previous page list stands.
    func build(
        previous: inout [String: LanguageState], inputs: [UInt64], complete: Bool, keepState: Bool,
        samePages: Bool = false
    ) -> Output {
        var output = Output()
        var anew: [(lang: String, pages: [PageID], paths: [String], inputs: [UInt64])] = []
        var changedFiles: [String: [String: [UInt8]]] = [:]
        for lang in site.config.languageCodes {
            let kept = samePages ? previous[lang] : nil
            let pages = kept?.pages ?? self.pages(lang: lang)
            let paths = kept?.paths ?? pages.map { site.pages[$0].sourcePath }
            let pageInputs = pages.map { inputs[$0] }
            if var state = previous.removeValue(forKey: lang), state.patchable, state.paths == paths,
                let (changed, removed) = update(&state, lang: lang, pages: pages, inputs: pageInputs)
            {
                changedFiles[lang] = changed
                state.pages = pages
                previous[lang] = state
                output.keptFolders.append(searchBase(lang))
                output.removed += removed.map { searchBase(lang) + $0 }
            } else {
                anew.append((lang, pages, paths, pageInputs))
            }
        }
        let pages = anew.map(\.pages)
        let made = tokenizing(pages: pages, keepingTexts: keepState).finish()
        let allKeys = Self.keys(ofRuns: made.runs)
        // The languages at once: each one's steps between its parallel parts are serial.
        let states = Array(anew.enumerated()).parallelMapEach { l, language in
            var state = fullState(
                documents: made.documents[l], keys: allKeys[l], fragmentFiles: made.fragmentFiles[l],
                paths: language.paths, inputs: language.inputs, lang: language.lang, keepState: keepState)
            state.pages = language.pages
            return state
        }
        for (language, state) in zip(anew, states) {
            changedFiles[language.lang] = state.files
            previous[language.lang] = state
            output.paths += state.files.keys.map { searchBase(language.lang) + $0 }
        }
        for lang in site.config.languageCodes {
            let files = complete ? previous[lang]!.files : changedFiles[lang] ?? [:]
            for name in files.keys.sorted() { output.files.append((searchBase(lang) + name, files[name]!)) }
        }
        return output
    }

    private func searchBase(_ lang: String) -> String {
        String(site.searchURL(lang).dropFirst(site.config.basePath.count))
    }

    /// - Parameter fragmentFiles: the excerpt files, when the tokenizing tasks made them.
    private func fullState(
        documents: [Document], keys: Postings.Language, fragmentFiles: [[UInt8]]?, paths: [String],
        inputs: [UInt64], lang: String, keepState: Bool = true
    ) -> LanguageState {
        let names = keys.names
        let count = documents.count
        let entries = names.indices.parallelMap(minimumChunk: 256, local: [Int32]()) { pages, k in
            keys.pages(of: k, into: &pages)
            return Self.entry(names[k], pages[...], count: count)
        }
        var hashedBytes = 0
        for (name, entry) in zip(names, entries) where !Self.isWordKey(name) { hashedBytes += entry.count }
        let hashShards = shardCount(hashedBytes)
        var shards: [String: [Int]] = [:]
        for (k, name) in names.enumerated() {
            shards[Self.shardName(name, hashShards: hashShards), default: []].append(k)
        }
        var state = LanguageState(
            paths: paths, inputs: inputs, documents: documents, sets: [:], hashedBytes: hashedBytes,
            hashShards: hashShards, shardKeys: [:], files: [:], patchable: keepState)
        if keepState {
            state.sets = Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], Array(keys.pages(of: $0))) })
            state.shardKeys = shards.mapValues { Set($0.map { names[$0] }) }
        }
        let shardNames = Array(shards.keys)
        let frozenShards = shards
        let encoded = shardNames.parallelMap { shard in
            frozenShards[shard]!.sorted { String.utf8Less(names[$0], names[$1]) }.flatMap { entries[$0] }
        }
        for (shard, bytes) in zip(shardNames, encoded) { state.files[shard] = bytes }
        let groups = Array(stride(from: 0, to: documents.count, by: Self.fragmentsPerFile))
        let fragmentFiles =
            fragmentFiles
            ?? groups.parallelMap { group in
                fragmentFile(documents[group..<min(group + Self.fragmentsPerFile, documents.count)])
            }
        for (group, file) in zip(groups, fragmentFiles) { state.files[Self.fragmentFileName(group)] = file }
        state.files["meta.bin"] = meta(documents)
        state.files["index.json"] = manifest(state, lang: lang)
        if !keepState { state.documents = [] }
        return state
    }

    /// Updates `state` for pages whose inputs changed; the files that changed, or nil when the
    /// shards would have to be laid out anew (then the whole index is built again).
    private func update(_ state: inout LanguageState, lang: String, pages: [PageID], inputs: [UInt64]) -> (
        changed: [String: [UInt8]], removed: [String]
    )? {
        // The same paths in the same order, but a page added or removed in another language
        // moves page indices: the kept documents take their pages' current ones (the manifest
        // reads their sections through them).
        for k in state.documents.indices where k < pages.count { state.documents[k].page = pages[k] }
        let changed = pages.indices.filter { inputs[$0] != state.inputs[$0] }
        guard !changed.isEmpty else {
            // A section's title (its `_index`, which the index does not hold) is in the manifest.
            let manifest = manifest(state, lang: lang)
            guard state.files["index.json"] != manifest else { return ([:], []) }
            state.files["index.json"] = manifest
            return (["index.json": manifest], [])
        }
        var removed: [String] = []
        let fresh = changed.map { document(pages[$0]) }
        var files: [String: [UInt8]] = [:]
        func put(_ name: String, _ bytes: [UInt8]) {
            if state.files[name] != bytes {
                state.files[name] = bytes
                files[name] = bytes
            }
        }
        let count = pages.count
        var touched: Set<String> = []
        let old = changed.map { Self.keyNames(state.documents[$0]) }
        let new = fresh.map(Self.keyNames)
        var hashedBytes = state.hashedBytes
        var fragmentGroups: Set<Int> = []
        for (k, n) in changed.enumerated() {
            let before = old[k]
            let after = new[k]
            for key in before.symmetricDifference(after) {
                let pages = state.sets[key] ?? []
                if !Self.isWordKey(key) {
                    hashedBytes -= pages.isEmpty ? 0 : Self.entry(key, pages[...], count: count).count
                }
                var updated = pages
                let page = Int32(n)
                let at = updated.firstIndex { $0 >= page } ?? updated.endIndex
                if after.contains(key) {
                    if at == updated.endIndex || updated[at] != page { updated.insert(page, at: at) }
                } else if at < updated.endIndex && updated[at] == page {
                    updated.remove(at: at)
                }
                state.sets[key] = updated.isEmpty ? nil : updated
                if !Self.isWordKey(key) {
                    hashedBytes += updated.isEmpty ? 0 : Self.entry(key, updated[...], count: count).count
                }
                touched.insert(key)
            }
            state.inputs[n] = inputs[n]
            state.documents[n] = fresh[k]
            fragmentGroups.insert(n / Self.fragmentsPerFile * Self.fragmentsPerFile)
        }
        for group in fragmentGroups {
            let pages = group..<min(group + Self.fragmentsPerFile, state.documents.count)
            put(Self.fragmentFileName(group), fragmentFile(state.documents[pages]))
        }
        guard shardCount(hashedBytes) == state.hashShards else { return nil }
        state.hashedBytes = hashedBytes
        var shards: Set<String> = []
        for key in touched {
            let name = Self.shardName(key, hashShards: state.hashShards)
            if state.sets[key] == nil {
                state.shardKeys[name]?.remove(key)
            } else {
                state.shardKeys[name, default: []].insert(key)
            }
            shards.insert(name)
        }
        for name in shards {
            if let keys = state.shardKeys[name], !keys.isEmpty {
                put(name, Self.encodeShard(keys, sets: state.sets, count: count))
            } else {
                state.shardKeys[name] = nil
                state.files[name] = nil
                removed.append(name)
            }
        }
        put("meta.bin", meta(state.documents))
        put("index.json", manifest(state, lang: lang))
        return (files, removed)
    }

    /// A power of two, so that a small edit leaves it as a clean build would choose it.
    private func shardCount(_ hashedBytes: Int) -> Int {
        var count = 1
        while count * shardBytes < hashedBytes { count <<= 1 }
        return count
    }

    static func isWordKey(_ key: String) -> Bool {
        let tag = key.utf8.first
        return tag == UInt8(ascii: "w") || tag == UInt8(ascii: "W")
    }

    /// Words go by their first two bytes (so that a prefix finds its shard), the other keys
    /// by hash.
    static func shardName(_ key: String, hashShards: Int) -> String {
        let bare = key.utf8.dropFirst()
        if isWordKey(key) {
            let hex = Array("0123456789abcdef".utf8)
            var name: [UInt8] = [UInt8(ascii: "w")]
            for byte in bare.prefix(2) { name += [hex[Int(byte >> 4)], hex[Int(byte & 15)]] }
            return String(decoding: name, as: UTF8.self) + ".bin"
        }
        return "h\(Int(PageSetEncoding.fnv1a(bare)) & (hashShards - 1)).bin"
    }

    static func entry(_ key: String, _ pages: ArraySlice<Int32>, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        let utf8 = Array(key.utf8)
        PageSetEncoding.varint(utf8.count, into: &out)
        out += utf8
        PageSetEncoding.pageSet(pages, count: count, into: &out)
        return out
    }

    static func encodeShard(_ keys: Set<String>, sets: [String: [Int32]], count: Int) -> [UInt8] {
        var out: [UInt8] = []
        for key in keys.sorted(by: String.utf8Less) { out += entry(key, (sets[key] ?? [])[...], count: count) }
        return out
    }

    static func keyNames(_ document: Document) -> Set<String> {
        var tokenizer = Tokenizer()
        var keys = PageKeys()
        tokenizer.scan(document, into: &keys)
        return keys.names
    }

    private func manifest(_ state: LanguageState, lang: String) -> [UInt8] {
        let sections = sections(state.documents)
        let words = state.files.keys.filter { $0.hasPrefix("w") }.map { String($0.dropFirst().dropLast(4)) }.sorted()
        return Self.json([
            "v": 3, "lang": lang, "count": state.documents.count, "hashShards": state.hashShards, "wordShards": words,
            "fragmentsPerFile": Self.fragmentsPerFile,
            "sections": sections.map { name -> [String: String] in
                let pages = site.config.isJapanese(lang) ? "その他のページ" : "Other pages"
                let title =
                    site.section(name, lang: lang).map(site.title(of:))
                    ?? (name.isEmpty ? pages : name)
                return ["name": name.isEmpty ? "pages" : name, "title": title]
            },
        ])
    }

    /// Each language's runs joined: its keys and page sets.
    static func keys(ofRuns runsOf: [[Postings.Run]]) -> [Postings.Language] {
        let joined = (0..<runsOf.count * 2).parallelMap { k in
            Postings.Language.join(runsOf[k / 2], words: k % 2 == 1)
        }
        return runsOf.indices.parallelMapEach { l in
            Postings.Language(grams: joined[2 * l], words: joined[2 * l + 1], runs: runsOf[l])
        }
    }

    /// The sections the pages belong to, in the order `index.json` numbers them.
    private func sections(_ documents: [Document]) -> [String] {
        Array(Set(documents.map { site.pages[$0.page].section })).sorted()
    }

    /// Three bytes a page: its section's number in `index.json`, and its day (days since
    /// 2000-01-01, plus one; 0 when undated), little-endian.
    private func meta(_ documents: [Document]) -> [UInt8] {
        let number = Dictionary(uniqueKeysWithValues: sections(documents).enumerated().map { ($1, $0) })
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
        SiteDate.daysFromCivil(date.year, date.month, date.day) - SiteDate.daysFromCivil(2000, 1, 1)
    }

    /// The fragment file that holds page `n`'s excerpt.
    static func fragmentFileName(_ n: Int) -> String { "f/\(n / fragmentsPerFile).bin" }

    /// The excerpts of `documents`, after a table of where each begins: 4-byte little-endian
    /// offsets from the file's start, one more than there are excerpts (the last is the file's
    /// length).
    func fragmentFile(_ documents: ArraySlice<Document>) -> [UInt8] {
        let table = (documents.count + 1) * 4
        var out = [UInt8](repeating: 0, count: table)
        out.reserveCapacity(table + documents.reduce(0) { $0 + $1.body.count + $1.summary.utf8.count + 256 })
        func put(_ offset: Int, at k: Int) {
            for b in 0..<4 { out[k * 4 + b] = UInt8(truncatingIfNeeded: offset >> (b * 8)) }
        }
        put(table, at: 0)
        for (k, document) in documents.enumerated() {
            appendFragment(document, to: &out)
            put(out.count, at: k + 1)
        }
        return out
    }

    /// The fragment of page `n` of a fragment file, as `fragmentFile` laid it out.
    static func fragment(_ n: Int, in file: [UInt8]) -> ArraySlice<UInt8> {
        let i = n % fragmentsPerFile
        func offset(_ k: Int) -> Int { (0..<4).reduce(0) { $0 | Int(file[k * 4 + $1]) << ($1 * 8) } }
        return file[offset(i)..<offset(i + 1)]
    }

    /// A page's URL, title, date and text as JSON.
    private func appendFragment(_ document: Document, to out: inout [UInt8]) {
        let page = site.pages[document.page]
        out.append(UInt8(ascii: "{"))
        if let date = page.date {
            out += Array("\"d\":".utf8)
            JSON.quote(DateText.long(date, japanese: site.config.isJapanese(page.lang)), into: &out)
            out.append(UInt8(ascii: ","))
        }
        out += Array("\"t\":".utf8)
        JSON.quote(document.title, into: &out)
        out += Array(",\"u\":".utf8)
        JSON.quote(page.url, into: &out)
        out += Array(",\"x\":\"".utf8)
        JSON.quoteContent(document.summary, into: &out)
        out += Array("\\n".utf8)
        JSON.quoteContent(document.body, into: &out)
        out += Array("\"}".utf8)
    }

    static func json(_ object: [String: Any]) -> [UInt8] {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        return data.map { Array($0) } ?? Array("{}".utf8)
    }
}
