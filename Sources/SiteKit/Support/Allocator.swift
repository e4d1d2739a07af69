import CExchange

public enum Allocator {
    /// A build allocates tens of thousands of page-sized buffers on two threads. glibc grows
    /// each thread's heap a few pages at a time, one `mprotect` call per step; growing by
    /// 64 MB at a time cut the build's system time by a sixth at 50,000 pages. Reserved
    /// pages that are never touched do not count towards memory use.
    public static func growInLargeSteps() {
        iclei_malloc_top_pad(64 << 20)
    }
}
