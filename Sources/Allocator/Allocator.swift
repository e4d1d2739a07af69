import CTCMalloc

/// The programs (the CLI and the benchmarks) allocate through tcmalloc instead of glibc's
/// malloc: linking this module is enough, since tcmalloc's `malloc` and `free` then take the
/// place of glibc's for the whole process, the Swift runtime's included. A 10k-page build
/// spends a tenth less CPU (PERFORMANCE.md: "Allocator"); the engine's code does not change.
public enum Allocator {
    /// True when memory the Swift runtime allocates comes from tcmalloc (the link worked and
    /// glibc's malloc is not the one called).
    public static var servesSwift: Bool {
        let block = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
        defer { block.deallocate() }
        return MallocExtension_GetOwnership(block) == MallocExtension_kOwned
    }
}
