import Glibc
import Synchronization
import Testing

@testable import SiteKit

@Suite struct ParallelTests {
    @Test func chunkLocalsKeepOrderAndAreMadeOncePerChunk() {
        let made = Atomic<Int>(0)
        @Sendable func local() -> [Int] {
            made.add(1, ordering: .relaxed)
            return []
        }
        let items = Array(0..<1000)
        let mapped = items.parallelMap(minimumChunk: 100, local: local()) { seen, item in
            seen.append(item)
            // Items of one chunk come in order, after each other, with the chunk's own local.
            return (item * 3, seen.count == 1 || seen[seen.count - 2] == item - 1)
        }
        #expect(mapped.map(\.0) == items.map { $0 * 3 })
        #expect(mapped.allSatisfy { $0.1 })
        #expect(made.load(ordering: .relaxed) == 10)
        // Fewer items than a chunk: one local for all of them.
        made.store(0, ordering: .relaxed)
        let few = Array(0..<5).parallelMap(minimumChunk: 100, local: local()) { _, x in x }
        #expect(few == Array(0..<5))
        #expect(made.load(ordering: .relaxed) == 1)
    }

    @Test func onThreadsOfItsOwnEachThreadMakesOneLocal() {
        let made = Atomic<Int>(0)
        let threadsSeen = Mutex<Set<UInt>>([])
        @Sendable func local() -> [Int] {
            made.add(1, ordering: .relaxed)
            threadsSeen.withLock { _ = $0.insert(pthread_self()) }
            return []
        }
        let items = Array(0..<1000)
        let mapped = items.parallelMap(minimumChunk: 10, threads: 4, local: local()) { seen, item in
            seen.append(item)
            return item * 3
        }
        #expect(mapped == items.map { $0 * 3 })
        // A local per thread that took a chunk, at most four, each made on its own thread.
        let locals = made.load(ordering: .relaxed)
        #expect(locals >= 1 && locals <= 4)
        #expect(threadsSeen.withLock { $0.count } == locals)
        // No items: no thread makes a local.
        made.store(0, ordering: .relaxed)
        #expect([Int]().parallelMap(minimumChunk: 1, threads: 4, local: local()) { _, x in x }.isEmpty)
        #expect(made.load(ordering: .relaxed) == 0)
    }
}
