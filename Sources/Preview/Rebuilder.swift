import Foundation
import SiteKit

/// Builds the site for the preview, one build at a time, keeping the build cache in memory
/// so that a save rebuilds only what it affects.
actor Rebuilder {
    private let builder: SiteBuilder
    private var cache = PreviousBuild()
    private var removal: Task<Void, Never>?
    private let printer: DiagnosticPrinter

    struct Outcome: Sendable {
        var status: ReloadHub.Status
        var report: SiteBuilder.Report?
        var failure: BuildFailure?
    }

    init(options: SiteBuilder.Options) {
        builder = SiteBuilder(options: options)
        printer = DiagnosticPrinter(root: options.source)
    }

    func build() -> Outcome {
        do {
            let report = try builder.build(previous: &cache)
            return Outcome(status: .ok, report: report)
        } catch {
            return Outcome(
                status: .failed(html: PreviewPages.errorPage(error.diagnostics, printer: printer)), failure: error)
        }
    }

    /// After the browsers were told: a full rebuild leaves the previous site to delete. It is
    /// deleted beside the next build rather than before it.
    func removeReplacedOutputs() {
        let folders = cache.takeReplacedOutputs()
        guard !folders.isEmpty else { return }
        let earlier = removal
        removal = Task.detached(priority: .background) {
            await earlier?.value
            PreviousBuild.remove(folders)
        }
    }

    /// Waits for the background deletions, so that the preview's folder can go in one step.
    func finishRemovals() async {
        await removal?.value
        removal = nil
    }

    func describe(_ failure: BuildFailure) -> String {
        printer.format(failure.diagnostics, as: .text)
    }
}
