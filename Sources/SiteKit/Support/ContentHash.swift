import Mustache

/// A 64-bit content hash for the build cache: eight bytes per step, so hashing every page
/// written costs little next to writing it. Not cryptographic; it only has to tell an edited
/// input or output from the previous one, and it is the same in every process (Swift's
/// `Hasher` is seeded per process, so it cannot key a cache on disk).
struct ContentHasher {
    private(set) var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    private static let multiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD

    private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* Self.multiplier
        state ^= state >> 32
    }

    mutating func combine(_ value: UInt64) { mix(value) }
    mutating func combine(_ value: Int) { mix(UInt64(bitPattern: Int64(value))) }

    mutating func combine(bytes buffer: UnsafeRawBufferPointer) {
        var offset = 0
        let count = buffer.count
        while offset + 8 <= count {
            mix(buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(buffer[offset]) << shift
            shift += 8
            offset += 1
        }
        mix(tail ^ (UInt64(count) << 56))
    }

    mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }

    mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    var finalized: UInt64 {
        var h = state
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return h
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = ContentHasher()
        hasher.combine(bytes)
        return hasher.finalized
    }

    static func hash(_ string: String) -> UInt64 {
        var hasher = ContentHasher()
        hasher.combine(string)
        return hasher.finalized
    }

    /// Objects hash the same whatever order their keys come in: dictionaries have none.
    static func hash(_ value: MustacheValue) -> UInt64 {
        var hasher = ContentHasher()
        hasher.combine(value)
        return hasher.finalized
    }

    mutating func combine(_ value: MustacheValue) {
        switch value {
        case .null: mix(1)
        case .bool(let b): mix(b ? 2 : 3)
        case .int(let i):
            mix(4)
            combine(i)
        case .double(let d):
            mix(5)
            mix(d.bitPattern)
        case .string(let s):
            mix(6)
            combine(s)
        case .html(let s):
            mix(7)
            combine(s)
        case .htmlBytes(let bytes):
            mix(7)
            combine(bytes)
        case .list(let items):
            mix(8)
            combine(items.count)
            for item in items { combine(item) }
        case .object(let object):
            mix(9)
            combine(object.count)
            var sum: UInt64 = 0
            for (key, item) in object {
                var entry = ContentHasher()
                entry.combine(key)
                entry.combine(item)
                sum = sum &+ entry.finalized
            }
            mix(sum)
        }
    }
}
