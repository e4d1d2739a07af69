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
                    try? FileManager.default.removeItem(at: folder)
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
