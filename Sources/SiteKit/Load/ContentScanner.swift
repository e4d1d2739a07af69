import Foundation

/// A Markdown file found under Content/, classified by where it stands and its name.
struct ContentFile: Sendable, Equatable {
    var sourcePath: String
    var kind: Page.Kind
    var section: String
    var fileSlug: String
    var lang: String
}

/// Finds the content files of a site and works out kind, section, slug and language from
/// their paths. Hidden files and folders are passed over.
struct ContentScanner: Sendable {
    var languages: [String]
    var defaultLanguage: String

    /// Relative paths (from `root`) of every `.md` file below `root/Content`, sorted; the
    /// listing of the last call is reused when no folder has changed.
    static func markdownFiles(root: URL, reusing listing: inout ContentTree.Listing?) -> [String] {
        ContentTree.files(
            below: root.appendingPathComponent("Content"), withExtension: "md", prefix: "Content", reusing: &listing)
    }

    func classify(_ sourcePath: String) -> Result<ContentFile, Diagnostic> {
        // Split as bytes, as the file system does (a split by characters walks graphemes).
        var components = sourcePath.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        guard components.first == "Content", components.count >= 2 else {
            return .failure(.error(sourcePath, 1, 1, "content files must be under Content/"))
        }
        components.removeFirst()
        // macOS writes file names in NFD; URLs and output folders use NFC, so that a name
        // typed on any system matches. ASCII names are NFC already (and most are ASCII).
        components = components.map { $0.utf8.allSatisfy { $0 < 0x80 } ? $0 : $0.precomposedStringWithCanonicalMapping }
        let fileName = components.removeLast()
        let stem = String(fileName.dropLast(3))
        var slug = stem
        var lang = defaultLanguage
        if let dot = stem.lastIndex(of: ".") {
            let suffix = String(stem[stem.index(after: dot)...])
            if languages.contains(suffix) {
                lang = suffix
                slug = String(stem[..<dot])
            } else if Self.looksLikeLanguageCode(suffix) {
                return .failure(
                    .error(
                        sourcePath, 1, 1,
                        "unknown language suffix `.\(suffix)`: site.yaml defines \(languages.map { "`\($0)`" }.joined(separator: ", "))"
                    ))
            }
        }
        guard !slug.isEmpty else {
            return .failure(.error(sourcePath, 1, 1, "the file name has no slug before the language suffix"))
        }
        for folder in components {
            if let problem = URLSegment.problem(in: folder) {
                return .failure(
                    .error(
                        sourcePath, 1, 1,
                        "the folder name `\(folder)` cannot be part of a URL: it contains \(problem); "
                            + "rename it, for example to `\(URLSegment.suggestion(for: folder))`"))
            }
        }
        let section = components.joined(separator: "/")
        let kind: Page.Kind
        switch (section.isEmpty, slug) {
        case (true, "index"): kind = .home
        case (true, _): kind = .standalone
        case (false, "_index"): kind = .sectionIndex
        default: kind = .single
        }
        return .success(ContentFile(sourcePath: sourcePath, kind: kind, section: section, fileSlug: slug, lang: lang))
    }

    static func looksLikeLanguageCode(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLowercase })
        else { return false }
        return parts.count == 1
            || (parts.count == 2 && (2...4).contains(parts[1].count)
                && parts[1].allSatisfy { $0.isASCII && $0.isLetter })
    }
}
