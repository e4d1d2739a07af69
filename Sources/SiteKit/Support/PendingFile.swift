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

    func contents() -> [UInt8]? { bytes ?? source.flatMap { FileIO.read($0) } }
}
