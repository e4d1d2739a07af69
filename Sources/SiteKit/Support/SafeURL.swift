/// The addresses a `url` field may hold: a web page (`https:`, `http:`), an e-mail address
/// (`mailto:`) or a path from the site root. Any other scheme (`javascript:`, `data:`,
/// `vbscript:`…) would run in the reader's browser when a template makes it a link or a button.
enum SafeURL {
    static func isAllowed(_ url: String) -> Bool {
        // Browsers drop tabs and newlines inside a URL and ignore leading spaces and controls
        // (`java\tscript:`), so none of them may be there at all.
        guard !url.isEmpty, !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            return false
        }
        if url.hasPrefix("/") {
            // `//host/…` and `/\host` leave the site.
            return !url.hasPrefix("//") && !url.hasPrefix("/\\")
        }
        let lowered = url.lowercased()
        if lowered.hasPrefix("mailto:") { return url.count > 7 }
        for scheme in ["https://", "http://"] where lowered.hasPrefix(scheme) {
            let rest = url.dropFirst(scheme.count)
            return !rest.isEmpty && !rest.hasPrefix("/") && !rest.contains("\\")
        }
        return false
    }
}
