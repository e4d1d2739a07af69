import Dispatch
import Foundation

/// Ctrl-C (or SIGTERM) asks the preview to stop cleanly; a rebuild stuck inside a C library
/// (a decoder on a hostile file) cannot be cancelled, so the preview also leaves at once on a
/// second signal or when the clean stop takes longer than `grace`, removing its private folder
/// first. The preview stays killable by Ctrl-C at any time.
final class ForcedExit {
    private let sources: [DispatchSourceSignal]

    init(folder: URL, grace: DispatchTimeInterval = .seconds(5), log: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "iclei-site.forced-exit")
        let signals = Counter()
        sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let leave: @Sendable () -> Never = {
                    ForcedExit.remove(folder)
                    _exit(128 + number)
                }
                if signals.increment() > 1 {
                    log("stopping now")
                    leave()
                }
                queue.asyncAfter(deadline: .now() + grace) {
                    log("the preview did not stop within \(grace); stopping now")
                    leave()
                }
            }
            source.resume()
            return source
        }
    }

    /// Removes the preview's private folder while other threads may be removing it too (a
    /// clean stop overlapping a forced one) or writing into it (a rebuild, the removal of a
    /// replaced output): FileManager gives up at the first entry that vanishes or appears
    /// under it, so it tries again until the folder is gone.
    static func remove(_ folder: URL) {
        for _ in 0..<100 {
            try? FileManager.default.removeItem(at: folder)
            if access(folder.path, F_OK) != 0 { return }
        }
    }

    /// Once the preview has stopped by itself.
    func cancel() { for source in sources { source.cancel() } }

    /// Touched only on the handlers' serial queue.
    private final class Counter: @unchecked Sendable {
        private var count = 0
        func increment() -> Int {
            count += 1
            return count
        }
    }
}
