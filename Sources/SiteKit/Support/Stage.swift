/// The engine's stages in run order: one folder each under `Sources/SiteKit/`, the order
/// `StageOrderTests` holds the folders (and every subfolder) to, and the order ARCHITECTURE.md
/// and the README list them in (a test compares), and the order `--timings` prints them in.
/// `Pipeline/` runs them; `Support/` (where this list lives, since every stage's clock names
/// it) serves all.
enum Stage: String, CaseIterable, Sendable {
    case load, link, parse, check, media, plan, render, index, write

    /// `Load`, `Link`, …: the stage's folder.
    var folder: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
