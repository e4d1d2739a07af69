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
            gramPages.nextBlock()
            wordPages.nextBlock()
        }
    }

    /// A triple the run knows has its pair's and single's numbers beside it: most characters
    /// cost one look-up.
    mutating func grams(_ three: UInt64, _ two: UInt64, _ one: UInt64) {
        guard three != 0 else {
            if two != 0 { noteGram(gramNumbers.number(two)) }
            if one != 0 { noteGram(gramNumbers.number(one)) }
            return
        }
        let n = gramNumbers.number(three)
        noteGram(n)
        let (twoNumber, oneNumber) = prefixes[n]
        if twoNumber == -2 {
            let numbers = (two != 0 ? gramNumbers.number(two) : -1, one != 0 ? gramNumbers.number(one) : -1)
            if numbers.0 >= 0 { noteGram(numbers.0) }
            if numbers.1 >= 0 { noteGram(numbers.1) }
            prefixes[n] = (Int32(numbers.0), Int32(numbers.1))
            return
        }
        if twoNumber >= 0 { gramPages.set(Int(twoNumber), bit) }
        if oneNumber >= 0 { gramPages.set(Int(oneNumber), bit) }
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

    /// The run's page sets, its pages numbered from `first`.
    func finish(first: Int) -> Run {
        let grams = gramPages.sets(first: first)
        let words = wordPages.sets(first: first)
        return Run(
            gramCodes: gramNumbers.codes, wordCodes: wordNumbers.codes, wordNames: wordNames, grams: grams, words: words
        )
    }

    /// Page sets: `pages[offsets[k]..<offsets[k + 1]]` is key k's (a counting sort).
    struct Sets: Sendable {
        var offsets: [Int]
        var pages: [Int32]

        func pages(of key: Int) -> ArraySlice<Int32> { pages[offsets[key]..<offsets[key + 1]] }
    }

    struct Run: Sendable {
        var gramCodes: [UInt64]
        var wordCodes: [UInt64]
        var wordNames: [String]
        var grams: Sets
        var words: Sets
    }

    /// One language's keys and page sets: runs in page order joined, n-grams first, then words.
    struct Language: Sendable {
        var names: [String]
        private var grams: Sets
        private var words: Sets

        init(grams: Joined, words: Joined, runs: [Run]) {
            var wordNames = [String](repeating: "", count: words.codes.count)
            for (run, numbers) in zip(runs, words.numbers) {
                for (k, number) in numbers.enumerated() where wordNames[number].isEmpty {
                    wordNames[number] = run.wordNames[k]
                }
            }
            names = grams.codes.map(SearchText.gramKey) + wordNames
            self.grams = grams.sets
            self.words = words.sets
        }

        func pages(of key: Int) -> ArraySlice<Int32> {
            let gramCount = grams.offsets.count - 1
            return key < gramCount ? grams.pages(of: key) : words.pages(of: key - gramCount)
        }

        /// The n-grams or the words of runs, joined.
        static func join(_ runs: [Run], words: Bool) -> Joined {
            join(runs.map { words ? ($0.wordCodes, $0.words) : ($0.gramCodes, $0.grams) })
        }

        struct Joined: Sendable {
            var codes: [UInt64]
            /// Per run, its key numbers in the joined table.
            var numbers: [[Int]]
            var sets: Sets
        }

        private static func join(_ runs: [(codes: [UInt64], sets: Sets)]) -> Joined {
            var all = CodeNumbers(capacity: runs.first?.codes.count ?? 16)
            let numbers = runs.map { run in run.codes.map { all.number($0) } }
            var offsets = [Int](repeating: 0, count: all.codes.count + 1)
            for (run, map) in zip(runs, numbers) {
                for (k, number) in map.enumerated() {
                    offsets[number + 1] += run.sets.offsets[k + 1] - run.sets.offsets[k]
                }
            }
            for k in 0..<all.codes.count { offsets[k + 1] += offsets[k] }
            var cursor = offsets
            var pages = [Int32](repeating: 0, count: offsets.last ?? 0)
            for (run, map) in zip(runs, numbers) {
                for (k, number) in map.enumerated() {
                    for page in run.sets.pages(of: k) {
                        pages[cursor[number]] = page
                        cursor[number] += 1
                    }
                }
            }
            return Joined(codes: all.codes, numbers: numbers, sets: Sets(offsets: offsets, pages: pages))
        }
    }
}

/// Per key, a bitmap of the pages of a run that have it, 64 pages to a block: the block being
/// scanned holds one word a key, so that the keys of the pages being scanned sit close
/// together.
struct PageBits {
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

    /// Moves on to the next 64 pages.
    mutating func nextBlock() {
        blocks.append(current)
        current = [UInt64](repeating: 0, count: keys)
    }

    /// Each key's pages, numbered from `first`, in order.
    func sets(first: Int) -> Postings.Sets {
        let all = blocks + [current]
        var offsets = [Int](repeating: 0, count: keys + 1)
        for k in 0..<keys {
            var count = 0
            for block in all where k < block.count { count &+= block[k].nonzeroBitCount }
            offsets[k + 1] = offsets[k] + count
        }
        var pages = [Int32]()
        pages.reserveCapacity(offsets[keys])
        for k in 0..<keys {
            for (b, block) in all.enumerated() where k < block.count {
                var word = block[k]
                while word != 0 {
                    pages.append(Int32(first + b * 64 + word.trailingZeroBitCount))
                    word &= word &- 1
                }
            }
        }
        return Postings.Sets(offsets: offsets, pages: pages)
    }
}
