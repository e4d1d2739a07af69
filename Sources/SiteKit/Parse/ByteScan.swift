#if canImport(Glibc)
    import Glibc
#endif

/// The byte scans that let a pass cost nothing on a page that cannot need it: memchr for the
/// first byte, then a comparison (Glibc's memmem is not exported to Swift).
enum ByteScan {
    static func contains(_ needle: String, in text: String) -> Bool {
        let needle = Array(needle.utf8)
        return text.utf8.withContiguousStorageIfAvailable { contains(needle, in: $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { contains(needle, in: $0) }
    }

    static func contains(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, let first = needle.first else { return false }
        var from = 0
        while from < bytes.count, let hit = memchr(base + from, Int32(first), bytes.count - from) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if at + needle.count <= bytes.count && bytes[at..<at + needle.count].elementsEqual(needle) { return true }
            from = at + 1
        }
        return false
    }
}
