import Allocator
import Testing

/// The programs link `Allocator` for tcmalloc; this test binary links it the same way, so this
/// checks that linking it is enough for tcmalloc to serve the process's allocations.
@Suite struct AllocatorTests {
    @Test func tcmallocServesTheProcess() {
        #expect(Allocator.servesSwift)
    }
}
