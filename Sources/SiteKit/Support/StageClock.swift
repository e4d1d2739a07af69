import Dispatch

/// Wall time per pipeline stage, for `build --timings` and for finding what dominates: each lap
/// is added to its stage's total, and the totals are printed in run order (`Stage`). Pages are
/// rendered as the write stage writes them (the rendered site is never held), so their
/// rendering counts under `write`; `render` is making the values every page shows and the
/// files beside the pages.
public struct StageClock: Sendable {
    private var totals: [Stage: Double] = [:]

    public init() {}

    /// Runs one stage, adding its time to the stage's total (also when it throws).
    mutating func time<T, Failure: Error>(_ stage: Stage, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { totals[stage, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        return try body()
    }

    /// The stages timed, in run order.
    public var laps: [(stage: String, seconds: Double)] {
        Stage.allCases.compactMap { stage in totals[stage].map { (stage.rawValue, $0) } }
    }

    public var description: String {
        laps.map { "\($0.stage) \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: ", ")
    }
}
