import Dispatch
import Synchronization

/// Holds the results of a parallel map: each index is written by exactly one iteration,
/// so no two threads ever touch the same slot; that is why this is `@unchecked Sendable`.
private final class ResultSlots<T>: @unchecked Sendable {
    var storage: [T?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
}

extension Collection where Index == Int, Self: Sendable, Element: Sendable {
    /// Maps every element on all cores, keeping the order of the input.
    /// Work is handed out in chunks so that tiny items don't drown in scheduling.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 4 { return map(transform) }
        return map(inChunksOf: chunk(atLeast: 1), transform)
    }

    /// Maps a few large items, each on a thread of its own (`parallelMap` does fewer than four
    /// in order): per language, where each item's own work is also parallel in parts.
    func parallelMapEach<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        return map(inChunksOf: 1, transform)
    }

    /// `parallelMap(minimumChunk:threads:local:_:)` handing out one element at a time, for
    /// elements that are themselves pieces of work of uneven size.
    func parallelMapEach<Local, T: Sendable>(
        threads: Int, local makeLocal: @autoclosure @Sendable () -> Local,
        _ transform: @Sendable (inout Local, Element) -> T
    ) -> [T] {
        map(inChunksOf: 1, threads: threads, local: makeLocal(), transform)
    }

    /// `parallelMap` where each chunk first makes its own `local` (say, copies of values every
    /// item reads: see `MustacheValue.unshared()`); chunks hold at least `minimumChunk` items,
    /// so that a few items do not pay for a copy each.
    ///
    /// - Parameter threads: run on this many threads of their own (a local each), more than
    ///   there are cores, for work that waits on the disk: while ext4 reads a block of its
    ///   inode table for one thread, another one uses the core (PERFORMANCE.md, "Writing on
    ///   more threads than cores"). Without it, on the cores through `concurrentPerform`.
    func parallelMap<Local, T: Sendable>(
        minimumChunk: Int, threads: Int? = nil, local makeLocal: @autoclosure @Sendable () -> Local,
        _ transform: @Sendable (inout Local, Element) -> T
    ) -> [T] {
        map(inChunksOf: chunk(atLeast: minimumChunk), threads: threads, local: makeLocal(), transform)
    }

    /// Eight chunks a core, so that uneven items even out.
    private func chunk(atLeast minimum: Int) -> Int { Swift.max(minimum, count / (ProcessInfoCores.count * 8)) }

    private func map<T: Sendable>(inChunksOf chunk: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        map(inChunksOf: chunk, local: ()) { _, element in transform(element) }
    }

    /// The chunks of `chunk` elements are handed out to the cores (or threads) as they become free.
    private func map<Local, T: Sendable>(
        inChunksOf chunk: Int, threads: Int? = nil, local makeLocal: @autoclosure @Sendable () -> Local,
        _ transform: @Sendable (inout Local, Element) -> T
    ) -> [T] {
        let n = count
        let slots = ResultSlots<T>(count: n)
        let chunks = (n + chunk - 1) / chunk
        let base = startIndex
        slots.storage.withUnsafeMutableBufferPointer { buffer in
            let out = UncheckedBuffer(buffer: buffer)
            @Sendable func run(_ c: Int, _ local: inout Local) {
                for i in (c * chunk)..<Swift.min(c * chunk + chunk, n) {
                    out.buffer[i] = transform(&local, self[base + i])
                }
            }
            guard let threads else {
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    var local = makeLocal()
                    run(c, &local)
                }
                return
            }
            let next = Atomic<Int>(0)
            withoutActuallyEscaping(run) { run in
                withoutActuallyEscaping(makeLocal) { makeLocal in
                    OwnThreads.run(threads) {
                        var local: Local? = nil
                        while case let c = next.wrappingAdd(1, ordering: .relaxed).oldValue, c < chunks {
                            if local == nil { local = makeLocal() }
                            run(c, &local!)
                        }
                    }
                }
            }
        }
        return slots.storage.map { $0! }
    }
}

/// Runs work on threads of its own, for `parallelMap(minimumChunk:threads:local:_:)`.
enum OwnThreads {
    /// Runs `work` on `count` threads at once (this one and `count - 1` new ones) and returns
    /// once every thread has ended, so nothing of `work` outlives the call (which lets
    /// `parallelMap` pass it closures that do not escape).
    static func run(_ count: Int, _ work: @escaping () -> Void) {
        var threads: [pthread_t] = []
        for _ in 1..<Swift.max(1, count) {
            let context = Unmanaged.passRetained(Work(work)).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(
                &thread, nil,
                { context in
                    Unmanaged<Work>.fromOpaque(context!).takeRetainedValue().run()
                    return nil
                }, context)
            if started == 0 {
                threads.append(thread)
            } else {
                Unmanaged<Work>.fromOpaque(context).release()
            }
        }
        work()
        for thread in threads { pthread_join(thread, nil) }
    }

    /// The threads share the work's captures; what it writes, it writes to disjoint slots or
    /// through atomics (`parallelMap`).
    private final class Work: @unchecked Sendable {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}

/// Runs two independent pieces of work at once and returns both results.
func concurrently<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    let results = ResultPair<A, B>()
    DispatchQueue.concurrentPerform(iterations: 2) { k in
        if k == 0 { results.first = a() } else { results.second = b() }
    }
    return (results.first!, results.second!)
}

/// Two slots, each written by exactly one of the two iterations of `concurrently`.
private final class ResultPair<A, B>: @unchecked Sendable {
    var first: A?
    var second: B?
}

/// A buffer whose slots are written by disjoint iterations of `concurrentPerform`.
private struct UncheckedBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}

enum ProcessInfoCores {
    static let count: Int = {
        #if canImport(Glibc)
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 4
        #endif
    }()
}

#if canImport(Glibc)
    import Glibc
#endif
