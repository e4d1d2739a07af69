import Foundation
import VipsLoader

/// The variants of the catalog's images, encoded on every core by libvips and kept in the
/// build cache (`<cache>/media/`) by the image's signature, width and format: a rebuild with no
/// image change encodes nothing, a one-image change encodes that image's variants.
struct MediaEncoder {
    /// The cache folder; nil keeps the encoded bytes in memory only (`--no-cache`).
    var cache: URL?

    func encode(_ catalog: MediaCatalog, publicFolder: String) -> (files: [PendingFile], problems: [Diagnostic]) {
        // One job per image and width: decoded and resized once, then encoded in each format.
        var jobs = catalog.images.values.sorted { $0.url < $1.url }.flatMap { image in
            Dictionary(grouping: image.variants, by: \.width).sorted { $0.key < $1.key }.map { (image, $0.value) }
        }
        // A PDF's cover is a variant of its first page (libvips renders PDFs through poppler).
        for document in catalog.documents.values.sorted(by: { $0.url < $1.url }) {
            guard let cover = document.cover else { continue }
            let source = MediaCatalog.Image(
                url: document.url, file: document.file, width: cover.width, height: cover.height, format: .png,
                variants: [cover], signature: document.signature)
            jobs.append((source, [cover]))
        }
        let folder = cache?.appendingPathComponent("media").path
        if let folder { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let results = jobs.parallelMap { image, variants -> Result<[PendingFile], Diagnostic> in
            let planned = variants.map { variant -> (MediaCatalog.Variant, UInt64, String?) in
                var hasher = ContentHasher()
                hasher.combine(image.signature)
                hasher.combine(variant.width)
                hasher.combine(Int(variant.encoding))
                hasher.combine(Self.version)
                let hash = hasher.finalized
                let ext = variant.path.split(separator: ".").last ?? ""
                return (variant, hash, folder.map { $0 + "/" + String(hash, radix: 16) + "." + ext })
            }
            if planned.allSatisfy({ $0.2.map(FileManager.default.fileExists) ?? false }) {
                return .success(planned.map { PendingFile(path: $0.0.path, hash: $0.1, source: $0.2) })
            }
            var buffers = [UnsafeMutableRawPointer?](repeating: nil, count: planned.count)
            var lengths = [Int](repeating: 0, count: planned.count)
            var width: Int32 = 0
            var height: Int32 = 0
            let formats = planned.map { Int32($0.0.encoding) }
            let source = publicFolder + "/" + image.file
            guard
                iclei_vips_variants(
                    source, Int32(variants[0].width), formats, Int32(formats.count), &buffers, &lengths, &width,
                    &height) == 0
            else {
                return .failure(
                    .error(
                        "Public/" + image.file, 1, 1, "libvips cannot resize it: " + String(cString: iclei_vips_error())
                    ))
            }
            return .success(
                zip(planned, zip(buffers, lengths)).map { plan, encoded in
                    let bytes = Array(UnsafeRawBufferPointer(start: encoded.0, count: encoded.1))
                    iclei_vips_free(encoded.0)
                    return Self.store(bytes, path: plan.0.path, hash: plan.1, cached: plan.2)
                })
        }
        var files: [PendingFile] = []
        var problems: [Diagnostic] = []
        for result in results {
            switch result {
            case .success(let made): files += made
            case .failure(let problem): if !problems.contains(problem) { problems.append(problem) }
            }
        }
        return (files, problems)
    }

    /// Into the cache, written aside and renamed (a build stopped halfway leaves no torn
    /// file); kept in memory when there is no cache or it cannot be written.
    private static func store(_ bytes: [UInt8], path: String, hash: UInt64, cached: String?) -> PendingFile {
        if let cached {
            let temporary = cached + ".tmp-\(getpid())"
            if (try? FileIO.write(bytes, to: temporary)) != nil, rename(temporary, cached) == 0 {
                return PendingFile(path: path, hash: hash, source: cached)
            }
            unlink(temporary)
        }
        return PendingFile(path: path, hash: hash, bytes: bytes)
    }

    /// Changes when the variants would come out differently (sizes, quality, formats).
    static let version = 2
}
