import VipsLoader

/// An image's header as libvips reads it (no pixels are decoded): its size as stored, its EXIF
/// orientation (1–8) and the name of the loader that read it (jpegload, pdfload, …).
struct ImageHeader: Sendable, Equatable {
    var width: Int
    var height: Int
    var orientation: Int
    var loader: String

    /// The header, or libvips's error.
    static func read(_ path: String) -> Result<ImageHeader, MediaCatalog.Problem> {
        var width: Int32 = 0
        var height: Int32 = 0
        var orientation: Int32 = 1
        var loader = [CChar](repeating: 0, count: 64)
        guard iclei_vips_probe(path, &width, &height, &orientation, &loader, loader.count) == 0 else {
            return .failure(
                MediaCatalog.Problem(text: "libvips cannot read it: " + String(cString: iclei_vips_error())))
        }
        let name = String(decoding: loader.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .success(
            ImageHeader(width: Int(width), height: Int(height), orientation: Int(orientation), loader: name))
    }

    /// Orientations 5–8 turn the image a quarter: its upright width is its stored height.
    var upright: (width: Int, height: Int) { orientation >= 5 ? (height, width) : (width, height) }
}
