/// A set of non-zero 64-bit codes by open addressing with a multiplicative hash, reused from
/// page to page: tokenizing inserts every character's n-grams, three a character, and Swift's
/// `Set` spends most of that time hashing (PERFORMANCE.md).
struct CodeSet {
    private var slots: [UInt64]
    private var shift: UInt64
    private(set) var elements: [UInt64] = []

    init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// True when `code` was not in the set.
    @discardableResult
    mutating func insert(_ code: UInt64) -> Bool {
        if elements.count * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let slot = slots[i]
            if slot == code { return false }
            if slot == 0 {
                slots[i] = code
                elements.append(code)
                return true
            }
            i = (i + 1) & mask
        }
    }

    /// Empties the set, keeping its storage.
    mutating func removeAll() {
        if elements.count * 8 < slots.count {
            let mask = slots.count - 1
            for code in elements {
                var i = Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while slots[i] != 0 {
                    slots[i] = 0
                    i = (i + 1) & mask
                }
            }
        } else {
            for i in slots.indices { slots[i] = 0 }
        }
        elements.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        let old = elements
        self = CodeSet(capacity: slots.count)
        for code in old { insert(code) }
    }
}

/// Codes to consecutive numbers (0, 1, 2, … in order of first sight), the same way: the
/// merge looks every page's codes up here.
struct CodeNumbers {
    private var slots: [UInt64]
    private var numbers: [Int32]
    private var shift: UInt64
    private(set) var codes: [UInt64] = []

    init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        numbers = [Int32](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    mutating func number(_ code: UInt64) -> Int {
        if codes.count * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let slot = slots[i]
            if slot == code { return Int(numbers[i]) }
            if slot == 0 {
                slots[i] = code
                numbers[i] = Int32(codes.count)
                codes.append(code)
                return codes.count - 1
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = codes
        self = CodeNumbers(capacity: slots.count)
        for code in old { _ = number(code) }
    }
}

/// 64-bit FNV-1a of a word's UTF-8 bytes, never 0: words travel through the index as codes and
/// are written out by name once per distinct word.
enum WordCode {
    /// The code of a tag and a word.
    static func of(_ tag: UInt8, _ word: [UInt8]) -> UInt64 {
        var hash = adding(tag, to: start)
        for byte in word { hash = adding(byte, to: hash) }
        return finished(hash)
    }

    /// The code of two words next to each other (a word pair), from theirs: the pair's key
    /// is spelled out only when a run first sees it.
    static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        var x = first &* 0x9E37_79B9_7F4A_7C15 ^ (second &+ 0x632B_E59B_D9B4_E019)
        x = (x ^ x >> 31) &* 0xBF58_476D_1CE4_E5B9
        return finished(x ^ x >> 29)
    }

    static var start: UInt64 { 0xCBF2_9CE4_8422_2325 }

    @inline(__always)
    static func adding(_ byte: UInt8, to hash: UInt64) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

    @inline(__always)
    static func finished(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }
}
