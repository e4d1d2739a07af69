import Foundation
import VipsLoader

/// The variants of the catalog's images, encoded on every core by libvips and kept in the
/// build cache (`<cache>/media/`) by the image's signature, width and format: a rebuild with no
/// image change encodes nothing, a one-image change encodes that image's variants.
struct MediaEncoder {
    /// The cache folder; nil keeps the encoded bytes in memory only (`--no-cache`).
    var cache: URL?

    /// A variant for the write stage: its bytes are read from the cache when written, and its
    /// hash (of what it was made from) says whether the output already has it.
    struct File: Sendable {
        var path: String
        var hash: UInt64
        var cached: String?
        var bytes: [UInt8]?

        func contents() -> [UInt8]? { bytes ?? cached.flatMap { FileIO.read($0) } }
    }

    func encode(_ catalog: MediaCatalog, publicFolder: String) -> (files: [File], problems: [Diagnostic]) {
        let jobs = catalog.images.values.sorted { $0.url < $1.url }.flatMap { image in
            image.variants.map { (image, $0) }
        }
        let folder = cache?.appendingPathComponent("media").path
        if let folder { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let results = jobs.parallelMap { image, variant -> Result<File, Diagnostic> in
            var hasher = ContentHasher()
            hasher.combine(image.signature)
            hasher.combine(variant.width)
            hasher.combine(Int(variant.encoding))
            hasher.combine(Self.version)
            let hash = hasher.finalized
            let cached = folder.map {
                $0 + "/" + String(hash, radix: 16) + "." + (variant.path.split(separator: ".").last ?? "")
            }
            if let cached, FileManager.default.fileExists(atPath: cached) {
                return .success(File(path: variant.path, hash: hash, cached: cached))
            }
            var buffer: UnsafeMutableRawPointer?
            var length = 0
            var width: Int32 = 0
            var height: Int32 = 0
            let source = publicFolder + "/" + image.file
            guard
                iclei_vips_variant(source, Int32(variant.width), variant.encoding, &buffer, &length, &width, &height)
                    == 0,
                let buffer
            else {
                return .failure(
                    .error(
                        "Public/" + image.file, 1, 1, "libvips cannot resize it: " + String(cString: iclei_vips_error())
                    ))
            }
            let bytes = Array(UnsafeRawBufferPointer(start: buffer, count: length))
            iclei_vips_free(buffer)
            if let cached {
                // Written aside and renamed, so that a build stopped halfway leaves no torn file.
                let temporary = cached + ".tmp-\(getpid())"
                if (try? FileIO.write(bytes, to: temporary)) != nil, rename(temporary, cached) == 0 {
                    return .success(File(path: variant.path, hash: hash, cached: cached))
                }
                unlink(temporary)
            }
            return .success(File(path: variant.path, hash: hash, bytes: bytes))
        }
        var files: [File] = []
        var problems: [Diagnostic] = []
        for result in results {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let problem): if !problems.contains(problem) { problems.append(problem) }
            }
        }
        return (files, problems)
    }

    /// Changes when the variants would come out differently (sizes, quality, formats).
    static let version = 1
}
