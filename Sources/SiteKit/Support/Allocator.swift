import CLinux

public enum Allocator {
    /// A build allocates tens of thousands of page-sized buffers on two threads. glibc grows
    /// each thread's heap a few pages at a time, one `mprotect` call per step; growing it in
    /// large steps saves most of those calls (PERFORMANCE.md). Reserved pages that are never
    /// touched do not count towards memory use.
    public static func growInLargeSteps() {
        iclei_malloc_top_pad(64 << 20)
    }
}
