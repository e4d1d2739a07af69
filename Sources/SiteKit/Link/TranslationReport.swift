import Foundation

/// Which content exists in which language: for the summary line and `--report-translations`.
public struct TranslationReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var key: String
        public var section: String
        /// Language code → source path, for the languages that have the page.
        public var sources: [String: String]
    }

    public var languages: [String]
    public var rows: [Row]

    init(site: LinkedSite) {
        languages = site.config.languageCodes
        rows = site.byTranslationKey.map { key, versions in
            let first = site.pages[versions.values.min()!]
            return Row(
                key: key, section: first.section.isEmpty ? "(pages)" : first.section,
                sources: versions.mapValues { site.pages[$0].sourcePath })
        }.sorted { ($0.section, $0.key) < ($1.section, $1.key) }
    }

    public var incomplete: [Row] { rows.filter { $0.sources.count < languages.count } }

    /// Sections with untranslated content and how many keys lack a language.
    public var missingPerSection: [(section: String, count: Int)] {
        var counts: [String: Int] = [:]
        for row in incomplete { counts[row.section, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { (section: $0.key, count: $0.value) }
    }

    /// One warning per missing translation, on the file that exists.
    public var warnings: [Diagnostic] {
        incomplete.flatMap { row -> [Diagnostic] in
            let missing = languages.filter { row.sources[$0] == nil }
            guard let (lang, source) = languages.compactMap({ l in row.sources[l].map { (l, $0) } }).first else {
                return []
            }
            return missing.map { other in
                let twin = source.replacingOccurrences(of: ".\(lang).md", with: ".\(other).md")
                return .warning(
                    source, 1, 1,
                    "no `\(other)` translation: add \(twin == source ? "a page" : twin) (or give a page in `\(other)` the same translationKey `\(row.key)`)"
                )
            }
        }
    }

    /// A plain-text table: key, then ✓ or – per language.
    public var table: String {
        let width = max(3, rows.map(\.key.count).max() ?? 3)
        var lines = [
            "key".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + languages.joined(separator: "  ")
        ]
        for row in rows {
            let marks = languages.map { row.sources[$0] == nil ? "– " : "✓ " }.joined(separator: "  ")
            lines.append(row.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + marks)
        }
        lines.append("\(incomplete.count) of \(rows.count) keys lack a language")
        return lines.joined(separator: "\n")
    }
}
