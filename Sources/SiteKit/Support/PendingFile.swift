/// An output file whose bytes are read only when they are written: a copy of a `Public/` file
/// or an image variant from the build cache. Its hash is of what it was made from (the
/// source's signature, the variant's recipe), so an incremental build knows whether the output
/// already has it without reading a byte.
struct PendingFile: Sendable {
    var path: String
    var hash: UInt64
    /// Where the bytes are, when they are not held here.
    var source: String?
    var bytes: [UInt8]?

    /// A file made in memory (a feed, the sitemap, the search index): hashed by its bytes.
    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.hash = ContentHasher.hash(bytes)
        self.bytes = bytes
    }

    init(path: String, hash: UInt64, source: String? = nil, bytes: [UInt8]? = nil) {
        self.path = path
        self.hash = hash
        self.source = source
        self.bytes = bytes
    }

    /// Applied to the source's bytes as they are read (a photo's metadata taken out).
    var transform: (@Sendable ([UInt8]) -> [UInt8])?

    func contents() -> [UInt8]? {
        if let bytes { return bytes }
        guard let read = source.flatMap({ FileIO.read($0) }) else { return nil }
        return transform.map { $0(read) } ?? read
    }
}
