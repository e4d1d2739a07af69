/// Index: each language's search index (`SearchIndex`) and the script that reads it. After an
/// edit only the changed files are made, from each language's state as the last build left it.
struct IndexStage {
    /// The files of `Public/`: a `search.js` there replaces the built-in one.
    var publicFiles: [String]
    /// The built-in `search.js` is also written under its fingerprinted name.
    var assets: Assets
    /// Keep what an update in place needs (a long-running process).
    var keeping: Bool

    /// Each language's index as last built.
    struct Memory: Sendable {
        var languages: [String: SearchIndex.LanguageState] = [:]
    }

    /// - Parameters:
    ///   - records: what each page shows (the render stage's), whose hashes say which pages changed.
    ///   - complete: every file is wanted, not only the changed ones (a whole-site write).
    func run(
        _ linked: LinkStage.Output, _ markdown: [MarkdownResult], records: [BuildSnapshot.PageRecord], complete: Bool,
        memory: inout Memory
    ) -> SearchIndex.Output {
        var output = SearchIndex(site: linked.site, markdown: markdown).build(
            previous: &memory.languages, inputs: records.map { $0.summaryHash &+ $0.bodyHash &* 31 },
            complete: complete, keepState: keeping, samePages: linked.editedBodies != nil)
        if !keeping { memory = Memory() }
        if !publicFiles.contains(OutputNames.searchScript) {
            output.files.append((OutputNames.searchScript, SearchScript.bytes))
            if let asset = assets[OutputNames.searchScript] {
                output.files.append((asset.fingerprinted, SearchScript.bytes))
            }
        }
        return output
    }
}
