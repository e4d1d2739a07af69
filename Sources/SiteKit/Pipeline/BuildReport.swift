extension SiteBuilder {
    public struct Report: Sendable {
        public var pagesPerLanguage: [(lang: String, count: Int)]
        public var filesCopied: Int
        public var seconds: Double
        public var warnings: [Diagnostic]
        public var translations: TranslationReport
        public var timings: StageClock
        /// Set when the build updated the previous output instead of writing a new one.
        public var incremental: IncrementalSummary?

        public struct IncrementalSummary: Sendable {
            public var rendered: Int
            public var written: Int
            public var removed: Int
            /// Output files that changed, relative to the output root.
            public var changedPaths: [String]
        }

        public var summary: String {
            let pages = pagesPerLanguage.map { "\($0.count) \($0.lang)" }.joined(separator: ", ")
            var line = "built \(pages) pages, copied \(filesCopied) files in \(String(format: "%.3f", seconds)) s"
            if let incremental {
                line +=
                    " (incremental: rendered \(incremental.rendered), wrote \(incremental.written), removed \(incremental.removed))"
            }
            let missing = translations.missingPerSection
            if !missing.isEmpty {
                line += "; missing translations: " + missing.map { "\($0.section) \($0.count)" }.joined(separator: ", ")
            }
            return line
        }
    }
}
