import Dispatch

/// Wall time per pipeline stage, for `build --timings` and for finding what dominates.
public struct StageClock: Sendable {
    public private(set) var laps: [(stage: String, seconds: Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds

    public init() {}

    public mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((stage, Double(now - last) / 1e9))
        last = now
    }

    public var description: String {
        laps.map { "\($0.stage) \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: ", ")
    }
}
