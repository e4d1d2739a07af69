/// What one build hands to the next: each stage's own memory, which only that stage reads and
/// writes. Kept by a long-running process (the preview server); the write stage's snapshot of
/// the output is also kept on disk for the next `iclei-site build`.
public struct PreviousBuild: Sendable {
    /// The files read last time, by path and signature, and the content folders' listing.
    var load = LoadCache()
    /// The last site linked, for an edit that changes only some pages' bodies.
    var link: LinkStage.Memory?
    /// Each page's parsed Markdown, by the page's text and link answers.
    var parse = MarkdownCache()
    /// The link checker's findings per page.
    var check = CheckStage.Memory()
    /// Each image's header.
    var media = MediaStage.Memory()
    /// Every job and where it goes.
    var plan = PlanStage.Memory()
    /// The values templates see, each page's record and the sitemap.
    var render = RenderStage.Memory()
    /// Each language's search index.
    var index = IndexStage.Memory()
    /// What the output holds, and the old output folders left for removal.
    var write = WriteStage.Memory()

    public init() {}

    /// A build that failed leaves the memories that describe one linked site (link, check,
    /// plan, render) out of step with each other: they go, and the next build links anew.
    /// The others are keyed by what they were made from and stay.
    mutating func forgetTheLinkedSite() {
        link = nil
        check = CheckStage.Memory()
        plan = PlanStage.Memory()
        render = RenderStage.Memory()
    }

    /// Deletes what `SiteBuilder.Options.deferRemovingOldOutput` left; the next build does it
    /// first if nobody called this.
    public mutating func removeReplacedOutputs() {
        Self.remove(takeReplacedOutputs())
    }

    /// The folders to delete, for a caller that deletes them off its own path (each has a
    /// name of its own, so a build running meanwhile never writes into one).
    public mutating func takeReplacedOutputs() -> [String] {
        defer { write.replacedOutputs = [] }
        return write.replacedOutputs
    }

    public static func remove(_ replacedOutputs: [String]) {
        for folder in replacedOutputs { FileIO.removeTree(folder) }
    }
}
