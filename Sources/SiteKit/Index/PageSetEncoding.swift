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
    /// payload's length, the payload. The deltas' length is counted first, so that the smaller
    /// form is written straight into `out`.
    static func pageSet(_ pages: ArraySlice<Int32>, count: Int, into out: inout [UInt8]) {
        var deltaBytes = varintLength(pages.count)
        var last = -1
        for page in pages {
            deltaBytes += varintLength(Int(page) - last - 1)
            last = Int(page)
        }
        let bitmapBytes = (count + 7) / 8
        if bitmapBytes < deltaBytes {
            out.append(1)
            varint(bitmapBytes, into: &out)
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: bitmapBytes))
            out.withUnsafeMutableBufferPointer { bitmap in
                for page in pages { bitmap[start + Int(page) >> 3] |= 1 << (UInt8(page & 7)) }
            }
        } else {
            out.append(0)
            varint(deltaBytes, into: &out)
            out.reserveCapacity(out.count + deltaBytes)
            varint(pages.count, into: &out)
            last = -1
            for page in pages {
                varint(Int(page) - last - 1, into: &out)
                last = Int(page)
            }
        }
    }

    /// How many bytes `varint` writes for `value`.
    @inline(__always)
    static func varintLength(_ value: Int) -> Int {
        var length = 1
        var v = UInt64(value) >> 7
        while v != 0 {
            length += 1
            v >>= 7
        }
        return length
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
