/// The bytes of the search index, read by `search.js`: unsigned LEB128 varints, page sets as
/// delta lists or bitmaps (whichever is smaller), and a 32-bit FNV-1a hash that assigns keys to
/// shards.
enum PageSetEncoding {
    static func varint(_ value: Int, into out: inout [UInt8]) {
        var v = UInt64(value)
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Sorted, distinct page numbers below `count`: a kind byte (0 deltas, 1 bitmap), the
    /// payload's length, the payload.
    static func pageSet(_ pages: ArraySlice<Int32>, count: Int, into out: inout [UInt8]) {
        var deltas: [UInt8] = []
        varint(pages.count, into: &deltas)
        var last = -1
        for page in pages {
            varint(Int(page) - last - 1, into: &deltas)
            last = Int(page)
        }
        let bitmapBytes = (count + 7) / 8
        if bitmapBytes < deltas.count {
            var bitmap = [UInt8](repeating: 0, count: bitmapBytes)
            for page in pages { bitmap[Int(page) >> 3] |= 1 << (UInt8(page & 7)) }
            out.append(1)
            varint(bitmap.count, into: &out)
            out += bitmap
        } else {
            out.append(0)
            varint(deltas.count, into: &out)
            out += deltas
        }
    }

    static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }
}
