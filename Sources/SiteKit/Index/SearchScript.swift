/// The search page's script, written to `/search.js` unless `Public/` has one. Plain
/// JavaScript, no dependencies: it reads the index `SearchIndex` writes, with the same
/// normalisation and keys as `SearchText` (the tests run it against the index under Node).
enum SearchScript {
    /// `search.js` beside this file, embedded at build time; the file ends with a newline the
    /// published script never had.
    static let source: String = {
        var bytes = PackageResources.search_js
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }()

    /// The published script's bytes.
    static let bytes = Array(source.utf8)
}
