import Foundation

extension WriteStage {
    /// Renders the selected files in memory first (a template error then stops the build
    /// before anything is touched), then replaces only the files whose bytes changed, each one
    /// atomically, and removes the files no page produces any more.
    /// `outputs`, the previous build's file hashes, becomes this one's.
    func updateOutput(_ input: Input, selected: [JobID], outputs: inout [String: UInt64]) throws(BuildFailure)
        -> Written.InPlace
    {
        let (renderer, jobs, infos, index) = (input.rendered.renderer, input.plan.jobs, input.plan.infos, input.index)
        // A few pages are not worth copying the templates for.
        let copies = selected.count >= 2 * Self.rendersPerCopy
        let rendered = selected.parallelMap(
            minimumChunk: Self.rendersPerCopy, local: copies ? renderer.unshared() : renderer
        ) { $0.render(jobs[$1], info: infos[$1]) }
        var files: [(path: String, bytes: [UInt8])] = []
        var diagnostics: [Diagnostic] = []
        for result in rendered {
            switch result {
            case .success(let output): files.append((output.path, output.html))
            case .failure(let d): diagnostics.append(d)
            }
        }
        if diagnostics.hasErrors { throw BuildFailure((input.warnings + diagnostics).sortedForReport()) }
        var changed: [(path: String, bytes: [UInt8])] = []
        for file in files {
            let hash = ContentHasher.hash(file.bytes)
            if outputs[file.path] != hash { changed.append(file) }
            outputs[file.path] = hash
        }
        // A copy or a variant is read only when the output lacks it or has another.
        let extra = filesBesidePages(input)
        for file in extra where outputs[file.path] != file.hash {
            guard let bytes = file.contents() else { continue }
            changed.append((file.path, bytes))
            outputs[file.path] = file.hash
        }
        var current = Set(infos.map(\.outputPath))
        for file in extra { current.insert(file.path) }
        for path in index.paths { current.insert(path) }
        let stale = (outputs.keys.filter { !current.contains($0) && !index.keeps($0) } + index.removed).sorted()

        let writer = SiteWriter(output: output)
        do {
            for file in changed { try writer.replace(file.bytes, at: file.path) }
            for path in stale {
                try writer.remove(path)
                outputs[path] = nil
            }
        } catch {
            throw BuildFailure([.error(output.path, 1, 1, "\(error)")])
        }
        return Written.InPlace(
            rendered: selected.count, written: changed.count, removed: stale.count,
            changedPaths: changed.map(\.path) + stale)
    }
}
