import CCmark
import CmarkArena

#if canImport(Glibc)
    import Glibc
#endif

/// GFM's extended autolinks on libcmark's tree: `https://…`, `http://…`, `ftp://…`, `www.…`
/// and `name@example.org` in text become links, as cmark-gfm's autolink extension finds them
/// (a valid domain, the path up to a space or `<`, trailing punctuation and unbalanced `)`
/// left out). One change for Japanese: a link also ends at the first CJK character, so that
/// `https://iclei.org/をご覧ください` links the address and not the sentence, and `www.`
/// may follow Japanese text directly. Text inside links and code is not touched.
enum Autolinks {
    /// A byte scan: without `://`, `www.` or `@` nothing can be a link.
    static func isNeeded(_ source: String) -> Bool {
        ByteScan.contains("://", in: source) || ByteScan.contains("www.", in: source)
            || ByteScan.contains("@", in: source)
    }

    static func apply(to root: OpaquePointer) {
        for text in CmarkText.nodesOutsideLinks(root) { link(in: text) }
    }

    /// A match: scalar range in the text and the link's URL.
    struct Match: Equatable {
        var range: Range<Int>
        var url: String
    }

    private static func link(in node: OpaquePointer) {
        // Most text has no `://`, `www.` or `@`: strstr on the C string before any decoding.
        guard let literal = cmark_node_get_literal(node),
            strstr(literal, "://") != nil || strstr(literal, "www.") != nil || strchr(literal, 0x40) != nil
        else { return }
        let scalars = Array(String(cString: literal).unicodeScalars)
        let matches = Self.matches(in: scalars)
        guard !matches.isEmpty else { return }
        var cut = 0
        for match in matches {
            if match.range.lowerBound > cut {
                CmarkText.insertText(scalars[cut..<match.range.lowerBound], before: node)
            }
            guard let link = cmark_node_new_with_mem(CMARK_NODE_LINK, iclei_cmark_arena()) else { return }
            cmark_node_set_url(link, match.url)
            cmark_node_insert_before(node, link)
            if let text = CmarkText.insertText(scalars[match.range], before: node) {
                cmark_node_append_child(link, text)
            }
            cut = match.range.upperBound
        }
        if cut < scalars.count { CmarkText.insertText(scalars[cut...], before: node) }
        cmark_node_unlink(node)
    }

    /// Every autolink in one text, left to right, not overlapping.
    static func matches(in s: [Unicode.Scalar]) -> [Match] {
        var result: [Match] = []
        var i = 0
        while i < s.count {
            let found: Match?
            switch s[i] {
            case ":": found = url(s, colon: i, after: result.last?.range.upperBound ?? 0)
            case "w": found = www(s, at: i)
            case "@": found = email(s, at: i, after: result.last?.range.upperBound ?? 0)
            default: found = nil
            }
            if let found {
                result.append(found)
                i = found.range.upperBound
            } else {
                i += 1
            }
        }
        return result
    }

    private static func isAlpha(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    private static func isAlnum(_ c: Unicode.Scalar) -> Bool { isAlpha(c) || (c >= "0" && c <= "9") }

    /// What ends a link: whitespace, `<`, or (our rule) a CJK character.
    private static func ends(_ c: Unicode.Scalar) -> Bool {
        CJKCharacters.isWhitespace(c.value) || c == "<" || CJKCharacters.isCJK(c.value)
    }

    /// cmark-gfm's `check_domain`: host characters and dots up to the path, no underscore in
    /// the last two labels; the length, or nil.
    private static func domain(_ s: [Unicode.Scalar], from start: Int, needsDot: Bool) -> Int? {
        var i = start
        var dots = 0
        var underscoresBefore = 0
        var underscores = 0
        while i < s.count {
            let c = s[i]
            if c == "_" {
                underscores += 1
            } else if c == "." {
                underscoresBefore = underscores
                underscores = 0
                dots += 1
            } else if c == "-" || isAlnum(c)
                || (c.value >= 0x80 && !ends(c) && !CJKCharacters.isPunctuationOrSymbol(c))
            {
                // ASCII letters and digits, and letters of other scripts (not CJK).
            } else {
                break
            }
            i += 1
        }
        guard i > start, underscoresBefore == 0, underscores == 0, !needsDot || dots > 0 else { return nil }
        return i - start
    }

    /// From the domain's end to the link's end, then cmark-gfm's `autolink_delim` trimming.
    private static func end(_ s: [Unicode.Scalar], from start: Int, domainEnd: Int) -> Int {
        var end = domainEnd
        while end < s.count && !ends(s[end]) { end += 1 }
        var parentheses: (Int, Int)?
        while end > start {
            let last = s[end - 1]
            if "?!.,:*_~".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ";" {
                var j = end - 2
                while j > start && isAlpha(s[j]) { j -= 1 }
                end = (j < end - 2 && s[j] == "&") ? j : end - 1
            } else if last == ")" {
                // Counted once per link, then kept as the `)` are trimmed (linear however many).
                if parentheses == nil {
                    parentheses = (s[start..<end].filter { $0 == "(" }.count, s[start..<end].filter { $0 == ")" }.count)
                }
                guard let (opening, closing) = parentheses, closing > opening else { break }
                parentheses = (opening, closing - 1)
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    private static func url(_ s: [Unicode.Scalar], colon: Int, after floor: Int) -> Match? {
        guard colon + 2 < s.count, s[colon + 1] == "/", s[colon + 2] == "/" else { return nil }
        var start = colon
        while start > floor && isAlpha(s[start - 1]) { start -= 1 }
        let scheme = String(String.UnicodeScalarView(s[start..<colon])).lowercased()
        guard ["http", "https", "ftp"].contains(scheme),
            let length = domain(s, from: colon + 3, needsDot: false)
        else { return nil }
        let end = end(s, from: start, domainEnd: colon + 3 + length)
        guard end > colon + 3 else { return nil }
        let text = String(String.UnicodeScalarView(s[start..<end]))
        return Match(range: start..<end, url: text)
    }

    private static func www(_ s: [Unicode.Scalar], at i: Int) -> Match? {
        guard i + 4 <= s.count, s[i + 1] == "w", s[i + 2] == "w", s[i + 3] == "." else { return nil }
        if i > 0 {
            let before = s[i - 1]
            let allowed =
                CJKCharacters.isWhitespace(before.value) || "*_~(".unicodeScalars.contains(before)
                || CJKCharacters.isCJK(before.value)
            guard allowed else { return nil }
        }
        guard let length = domain(s, from: i, needsDot: true) else { return nil }
        let end = end(s, from: i, domainEnd: i + length)
        guard end > i + 4 else { return nil }
        let text = String(String.UnicodeScalarView(s[i..<end]))
        return Match(range: i..<end, url: "http://" + text)
    }

    private static func email(_ s: [Unicode.Scalar], at at: Int, after floor: Int) -> Match? {
        var start = at
        while start > floor && (isAlnum(s[start - 1]) || ".+-_".unicodeScalars.contains(s[start - 1])) { start -= 1 }
        guard start < at else { return nil }
        var end = at + 1
        var dots = 0
        while end < s.count {
            let c = s[end]
            if isAlnum(c) || c == "-" || c == "_" {
                end += 1
            } else if c == ".", end + 1 < s.count, isAlnum(s[end + 1]) {
                dots += 1
                end += 1
            } else {
                break
            }
        }
        guard end > at + 1, dots > 0, isAlpha(s[end - 1]) || s[end - 1] == "." else { return nil }
        let text = String(String.UnicodeScalarView(s[start..<end]))
        return Match(range: start..<end, url: "mailto:" + text)
    }
}
