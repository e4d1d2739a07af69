/// The page sets of one language's keys, built in one pass over its pages: a run of pages is
/// scanned into one `Postings` (each key numbered on first sight, and a bit set for each page
/// that has it), and the runs, scanned in parallel, are joined in page order. Page sets come
/// out sorted because pages are scanned in order (PERFORMANCE.md has what this replaced).
struct Postings: KeySink {
    private var gramNumbers = CodeNumbers(capacity: 1 << 14)
    private var wordNumbers = CodeNumbers(capacity: 1 << 12)
    private var wordNames: [String] = []
    /// Per triple's number, its pair's and single's (-1: none; -2: not looked up yet).
    private var prefixes: [(two: Int32, one: Int32)] = []
    /// Per key number, the pages of the run that have it: setting a bit again costs what
    /// setting it once does, so no character asks whether its page already has its key (a
    /// branch no predictor learns).
    private var gramPages = PageBits()
    private var wordPages = PageBits()
    private var page = -1
    private var bit: UInt64 = 0

    /// Starts the next page; the first is page 0 of the run.
    mutating func startPage() {
        page += 1
        bit = 1 << UInt64(page & 63)
        if page > 0 && page & 63 == 0 {
            spreadTriples()
            gramPages.nextBlock()
            wordPages.nextBlock()
        }
    }

    /// A character costs one look-up: its triple's. The pages of a triple's pair and single
    /// are those of its triples, spread to them once per block of pages (`spreadTriples`);
    /// only a pair or single that starts no triple (at the end of a run) is noted as it comes.
    mutating func grams(_ three: UInt64, _ two: UInt64, _ one: UInt64) {
        guard three != 0 else {
            if two != 0 { noteGram(gramNumbers.number(two)) }
            if one != 0 { noteGram(gramNumbers.number(one)) }
            return
        }
        let n = gramNumbers.number(three)
        noteGram(n)
        if prefixes[n].two == -2 {
            let numbers = (two != 0 ? gramNumbers.number(two) : -1, one != 0 ? gramNumbers.number(one) : -1)
            if numbers.0 >= 0 { noteGram(numbers.0) }
            if numbers.1 >= 0 { noteGram(numbers.1) }
            prefixes[n] = (Int32(numbers.0), Int32(numbers.1))
        }
    }

    /// Gives each triple's pair and single the pages of the block that have the triple.
    private mutating func spreadTriples() {
        for (n, (two, one)) in prefixes.enumerated() where two != -2 {
            if two >= 0 { gramPages.spread(n, to: Int(two)) }
            if one >= 0 { gramPages.spread(n, to: Int(one)) }
        }
    }

    /// Notes key `n` for this page; extends the per-key tables for a new key (keys are
    /// numbered in order, so a new key is one past the end).
    @inline(__always)
    private mutating func noteGram(_ n: Int) {
        if n == prefixes.count {
            prefixes.append((-2, -2))
            gramPages.addKey()
        }
        gramPages.set(n, bit)
    }

    mutating func word(_ code: UInt64) -> Bool {
        let n = wordNumbers.number(code)
        let new = n == wordPages.keys
        if new { wordPages.addKey() }
        wordPages.set(n, bit)
        return new
    }

    mutating func name(_ key: [UInt8]) { wordNames.append(String(decoding: key, as: UTF8.self)) }

    /// The run's keys and their pages, its pages numbered from `first`.
    mutating func finish(first: Int) -> Run {
        spreadTriples()
        return Run(
            first: first, gramCodes: gramNumbers.codes, wordCodes: wordNumbers.codes, wordNames: wordNames,
            grams: gramPages.closed(), words: wordPages.closed())
    }

    struct Run: Sendable {
        /// The number of the run's first page in its language.
        var first: Int
        var gramCodes: [UInt64]
        var wordCodes: [UInt64]
        var wordNames: [String]
        var grams: PageBits
        var words: PageBits
    }

    /// One language's keys and page sets: runs in page order joined, n-grams first, then words.
    /// A key's pages are read out of the runs' bitmaps when they are asked for, so that the
    /// pages of all keys are never copied into one table.
    struct Language: Sendable {
        var names: [String]
        private let runs: [Run]
        private let grams: Joined
        private let words: Joined

        init(grams: Joined, words: Joined, runs: [Run]) {
            var wordNames = [String](repeating: "", count: words.codes.count)
            for (run, numbers) in zip(runs, words.numbers) {
                for (k, number) in numbers.enumerated() where wordNames[number].isEmpty {
                    wordNames[number] = run.wordNames[k]
                }
            }
            names = grams.codes.map(SearchText.gramKey) + wordNames
            self.runs = runs
            self.grams = grams
            self.words = words
        }

        /// Key `key`'s pages, in order.
        func pages(of key: Int) -> [Int32] {
            var pages: [Int32] = []
            self.pages(of: key, into: &pages)
            return pages
        }

        /// The same into `pages`, emptied first (a buffer reused from key to key).
        func pages(of key: Int, into pages: inout [Int32]) {
            pages.removeAll(keepingCapacity: true)
            let word = key >= grams.codes.count
            let joined = word ? words : grams
            let k = word ? key - grams.codes.count : key
            for owner in joined.owners[joined.offsets[k]..<joined.offsets[k + 1]] {
                let run = runs[Int(owner.run)]
                if word {
                    run.words.appendPages(of: Int(owner.key), first: run.first, to: &pages)
                } else {
                    run.grams.appendPages(of: Int(owner.key), first: run.first, to: &pages)
                }
            }
        }

        struct Joined: Sendable {
            var codes: [UInt64]
            /// Per run, its key numbers in the joined table.
            var numbers: [[Int]]
            /// `owners[offsets[k]..<offsets[k + 1]]`: the runs that have key k, in page order,
            /// and its number in each.
            var offsets: [Int]
            var owners: [(run: Int32, key: Int32)]
        }

        /// The n-grams or the words of runs, joined.
        static func join(_ runs: [Run], words: Bool) -> Joined {
            var all = CodeNumbers(capacity: runs.first.map { words ? $0.wordCodes.count : $0.gramCodes.count } ?? 16)
            let numbers = runs.map { run in (words ? run.wordCodes : run.gramCodes).map { all.number($0) } }
            var offsets = [Int](repeating: 0, count: all.codes.count + 1)
            for map in numbers {
                for number in map { offsets[number + 1] += 1 }
            }
            for k in 0..<all.codes.count { offsets[k + 1] += offsets[k] }
            var cursor = offsets
            var owners = [(run: Int32, key: Int32)](repeating: (0, 0), count: offsets.last ?? 0)
            for (r, map) in numbers.enumerated() {
                for (k, number) in map.enumerated() {
                    owners[cursor[number]] = (Int32(r), Int32(k))
                    cursor[number] += 1
                }
            }
            return Joined(codes: all.codes, numbers: numbers, offsets: offsets, owners: owners)
        }
    }
}

/// Per key, a bitmap of the pages of a run that have it, 64 pages to a block: the block being
/// scanned holds one word a key, so that the keys of the pages being scanned sit close
/// together.
struct PageBits: Sendable {
    private(set) var keys = 0
    private var blocks: [[UInt64]] = []
    private var current: [UInt64] = []

    mutating func addKey() {
        keys += 1
        current.append(0)
    }

    /// Sets `bit` (this page's, in its block) for key `n`.
    @inline(__always)
    mutating func set(_ n: Int, _ bit: UInt64) { current[n] |= bit }

    /// Gives key `m` the pages of key `n` in the block being scanned.
    @inline(__always)
    mutating func spread(_ n: Int, to m: Int) { current[m] |= current[n] }

    /// Moves on to the next 64 pages.
    mutating func nextBlock() {
        blocks.append(current)
        current = [UInt64](repeating: 0, count: keys)
    }

    /// The bitmaps with the block being scanned among the others.
    func closed() -> PageBits {
        var bits = self
        bits.blocks.append(bits.current)
        bits.current = []
        return bits
    }

    /// Appends key `key`'s pages, numbered from `first`, in order.
    func appendPages(of key: Int, first: Int, to pages: inout [Int32]) {
        for (b, block) in blocks.enumerated() where key < block.count {
            var word = block[key]
            while word != 0 {
                pages.append(Int32(first + b * 64 + word.trailingZeroBitCount))
                word &= word &- 1
            }
        }
    }
}
