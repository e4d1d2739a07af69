import CCmark
import CmarkArena

struct MarkdownResult: Sendable {
    /// The HTML as UTF-8, valid by construction (the HTML writer writes validated text and
    /// ASCII markup): it goes to the page and to the search index as bytes.
    var html: [UInt8]
    /// The headings, in document order, with the `id`s given to them.
    var headings: [Heading]
    /// The first paragraph as plain text, for summaries.
    var firstParagraph: String?
    var diagnostics: [Diagnostic]
    /// Every link and image, for the link checker.
    var links: [LinkRecord] = []
    /// What the accessibility checks read (`AccessibilityFacts`).
    var accessibility = AccessibilityFacts()

    var headingIDs: [String] { headings.map(\.id) }

    struct Heading: Sendable, Equatable {
        /// 1 for `#`, 2 for `##`, …
        var level: Int
        /// As plain text.
        var text: String
        var id: String
    }
}

/// A link or image found in a page, where it stands and what it resolved to.
struct LinkRecord: Sendable, Equatable {
    var url: String
    /// The content page it points at, when it is a content link.
    var page: PageID?
    var fragment: String
    var isImage: Bool
    /// The line in the file.
    var line: Int
    /// cmark's column in bytes; see `SourceColumns` for the character column.
    var column: Int
}

/// Turns a page's Markdown into HTML with libcmark: parse to a node tree, walk it, and write
/// the HTML ourselves so that headings get ids, content links get their page URLs, raw HTML
/// and dangerous URLs are dropped, and soft breaks inside Japanese text vanish.
struct MarkdownRenderer: Sendable {
    var allowRawHTML: Bool
    var limits: SiteLimits
    /// Typographic quotes and dashes (cmark's smart option); off only to compare with specs.
    var smartPunctuation = true
    /// The CommonMark CJK-friendly amendments for `*` and `_` (`CJKEmphasis`); off only to
    /// compare with plain CommonMark.
    var cjkFriendly = true
    /// GFM's strikethrough, autolinks and footnotes; off only to compare with CommonMark.
    var gfmExtensions = true
    /// The footnotes' heading (read by screen readers) by page language; GitHub's English word
    /// for a language not listed.
    var footnoteLabels: [String: String] = [:]
    /// The services whose links on a line of their own become players or maps (`Embeds`).
    var embeds: Set<EmbedService> = []

    init(allowRawHTML: Bool = false, limits: SiteLimits = SiteLimits()) {
        self.allowRawHTML = allowRawHTML
        self.limits = limits
    }

    /// - Parameters:
    ///   - file: the source path for diagnostics.
    ///   - firstLine: the file line on which `markdown` starts (after the front matter).
    ///   - lang: the page's language, for what the renderer writes in words (footnotes' heading).
    ///   - resolveLink: called for every link and image URL.
    func render(
        _ markdown: String, file: String, firstLine: Int = 1, lang: String? = nil,
        resolveLink: (String) -> LinkResolution = { _ in .unchanged }
    ) -> MarkdownResult {
        if let deep = MarkdownBounds.nestingProblem(in: markdown, limit: limits.markdownNesting) {
            let message = SiteLimits.exceeded(
                .markdownNesting, "block quotes and list items are nested \(deep.depth) deep here",
                limit: limits.markdownNesting)
            return MarkdownResult(
                html: [], headings: [], firstParagraph: nil,
                diagnostics: [.error(file, firstLine + deep.line - 1, deep.column, message)])
        }
        if let brackets = MarkdownBounds.bracketProblem(in: markdown, limit: limits.markdownImageBrackets) {
            let message = SiteLimits.exceeded(
                .markdownImageBrackets,
                "this paragraph has \(brackets.openers) `![` and \(brackets.closers) `]` (libcmark's work grows with their product)",
                limit: limits.markdownImageBrackets)
            return MarkdownResult(
                html: [], headings: [], firstParagraph: nil,
                diagnostics: [.error(file, firstLine + brackets.line - 1, 1, message)])
        }
        let options = (smartPunctuation ? CMARK_OPT_SMART : 0) | (allowRawHTML ? CMARK_OPT_UNSAFE : 0)
        // cmark allocates from this thread's arena (CCmark/shim.h); the parser and the tree are
        // released at once when the document is done, instead of node by node.
        defer { iclei_cmark_arena_reset() }
        guard let parser = cmark_parser_new_with_mem(options, iclei_cmark_arena()) else {
            return MarkdownResult(
                html: [], headings: [], firstParagraph: nil,
                diagnostics: [.error(file, firstLine, 1, "libcmark could not allocate a parser")])
        }
        // libcmark reads the page with stand-ins where our passes need them (`MarkdownExtensions`;
        // most pages need none and are read as they are).
        let extensions = MarkdownExtensions(cjkFriendly: cjkFriendly, gfm: gfmExtensions)
        // Footnote definitions come out first (`Footnotes`), their lines left blank.
        let footnotes = gfmExtensions && Footnotes.isNeeded(markdown) ? Footnotes.extract(markdown) : nil
        let prepared = extensions.prepare(footnotes?.text ?? markdown)
        let parsed = prepared.text
        parsed.utf8.withContiguousStorageIfAvailable { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
            ?? {
                var copy = parsed
                copy.withUTF8 { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
                }
            }()
        guard let document = cmark_parser_finish(parser) else {
            return MarkdownResult(
                html: [], headings: [], firstParagraph: nil,
                diagnostics: [.error(file, firstLine, 1, "libcmark could not parse the document")])
        }
        extensions.finish(document, prepared)
        var tables = PipeTables(source: markdown, options: options, extensions: extensions)
        tables.convert(document)
        footnotes?.footnotes.apply(to: document, label: lang.flatMap { footnoteLabels[$0] } ?? "Footnotes") {
            definition in
            extensions.parse(definition.body, line: definition.line, options: options)
        }
        let embedded =
            !embeds.isEmpty && Embeds.isNeeded(markdown) ? Embeds(allowed: embeds).apply(to: document) : []
        var writer = HTMLTreeWriter(
            allowRawHTML: allowRawHTML, file: file, lineOffset: firstLine - 1,
            capacity: markdown.utf8.count + markdown.utf8.count / 4, source: markdown,
            columnShifts: prepared.shifts)
        writer.write(document, resolveLink: resolveLink)
        var facts = AccessibilityFacts.collect(document, lineOffset: firstLine - 1, shifts: prepared.shifts)
        facts.tables += tables.headerless.map {
            AccessibilityFacts.Table(hasHeader: false, at: .init(line: firstLine - 1 + $0.line, column: $0.column))
        }
        return MarkdownResult(
            html: writer.out.bytes,
            headings: writer.headings,
            firstParagraph: PlainText.firstParagraph(of: document),
            diagnostics: writer.diagnostics
                + embedded.map { problem in
                    let column = prepared.shifts.original(line: problem.line, column: problem.column)
                    return .error(
                        file, firstLine - 1 + problem.line,
                        SourceColumns.characterColumn(in: markdown, line: problem.line, byteColumn: column),
                        problem.message)
                }
                + tables.nearMisses.map { miss in
                    .warning(
                        file, firstLine - 1 + miss.line, 1,
                        "this is not a table: its header row has \(miss.header) cells and the delimiter row below it \(miss.delimiter); a table needs as many"
                    )
                }, links: writer.links, accessibility: facts)
    }
}
