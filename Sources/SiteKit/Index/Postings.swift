/// The page sets of one language's keys, built in one pass over its pages: a run of pages is
/// scanned into one `Postings` (each key numbered on first sight, each page noted once per
/// key), and the runs, scanned in parallel, are joined in page order. Page sets come out
/// sorted because pages are scanned in order (PERFORMANCE.md has what this replaced).
struct Postings: KeySink {
    private var gramNumbers = CodeNumbers(capacity: 1 << 14)
    private var wordNumbers = CodeNumbers(capacity: 1 << 12)
    private var wordNames: [String] = []
    /// Per key number, the last page it was noted for.
    private var gramSeen: [Int32] = []
    /// Per triple's number, its pair's and single's (-1: none; -2: not looked up yet).
    private var prefixes: [(two: Int32, one: Int32)] = []
    private var wordSeen: [Int32] = []
    /// Key numbers, page after page; `ends` marks where each page's end.
    private var gramNotes: [Int32] = []
    private var wordNotes: [Int32] = []
    private var gramEnds: [Int] = []
    private var wordEnds: [Int] = []
    private var page: Int32 = -1

    /// Starts the next page; the first is page 0 of the run.
    mutating func startPage() {
        if page >= 0 {
            gramEnds.append(gramNotes.count)
            wordEnds.append(wordNotes.count)
        }
        page += 1
    }

    /// A triple already noted for this page had its pair and single noted with it, and a
    /// triple the run knows has their numbers beside it: most characters cost one look-up.
    mutating func grams(_ three: UInt64, _ two: UInt64, _ one: UInt64) {
        guard three != 0 else {
            if two != 0 { noteGram(gramNumbers.number(two)) }
            if one != 0 { noteGram(gramNumbers.number(one)) }
            return
        }
        let n = gramNumbers.number(three)
        if n < gramSeen.count && gramSeen[n] == page { return }
        noteGram(n)
        if prefixes[n].two == -2 {
            let numbers = (
                two != 0 ? Int32(gramNumbers.number(two)) : -1, one != 0 ? Int32(gramNumbers.number(one)) : -1
            )
            prefixes[n] = numbers
        }
        let (twoNumber, oneNumber) = prefixes[n]
        if twoNumber >= 0 { noteGram(Int(twoNumber)) }
        if oneNumber >= 0 { noteGram(Int(oneNumber)) }
    }

    /// Notes key `n` for this page, once; extends the per-key tables for a new key (keys are
    /// numbered in order, so a new key is one past the end).
    @inline(__always)
    private mutating func noteGram(_ n: Int) {
        if n == gramSeen.count {
            gramSeen.append(page)
            prefixes.append((-2, -2))
        } else if gramSeen[n] == page {
            return
        } else {
            gramSeen[n] = page
        }
        gramNotes.append(Int32(n))
    }

    mutating func word(_ code: UInt64) -> Bool {
        let n = wordNumbers.number(code)
        var new = false
        if n == wordSeen.count {
            wordSeen.append(page)
            new = true
        } else if wordSeen[n] == page {
            return false
        } else {
            wordSeen[n] = page
        }
        wordNotes.append(Int32(n))
        return new
    }

    mutating func name(_ key: [UInt8]) { wordNames.append(String(decoding: key, as: UTF8.self)) }

    /// The run's page sets, its pages numbered from `first`.
    mutating func finish(first: Int) -> Run {
        startPage()
        let grams = Self.sets(gramNotes, ends: gramEnds, keys: gramNumbers.codes.count, first: first)
        let words = Self.sets(wordNotes, ends: wordEnds, keys: wordNames.count, first: first)
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

    private static func sets(_ notes: [Int32], ends: [Int], keys: Int, first: Int) -> Sets {
        var offsets = [Int](repeating: 0, count: keys + 1)
        for n in notes { offsets[Int(n) + 1] += 1 }
        for k in 0..<keys { offsets[k + 1] += offsets[k] }
        var cursor = offsets
        var pages = [Int32](repeating: 0, count: notes.count)
        var start = 0
        for (p, end) in ends.enumerated() {
            let page = Int32(first + p)
            for i in start..<end {
                let n = Int(notes[i])
                pages[cursor[n]] = page
                cursor[n] += 1
            }
            start = end
        }
        return Sets(offsets: offsets, pages: pages)
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
