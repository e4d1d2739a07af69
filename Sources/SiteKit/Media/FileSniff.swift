import Foundation

/// What a file's first bytes say it is, read before libvips opens it: libvips picks its loader
/// by content, not by name, so `photo.png` holding an SVG entity bomb or `report.pdf` holding
/// an SVG would reach the SVG loader. A file is only handed to libvips as what its name says.
enum FileSniff {
    enum Kind: Equatable { case jpeg, png, webp, gif, svg, pdf, other }

    static func kind(of path: String) -> Kind {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return .other }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .other }
        var head = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &head, head.count, 0)
        guard n > 0 else { return .other }
        return kind(of: Array(head.prefix(n)))
    }

    static func kind(of head: [UInt8]) -> Kind {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        // An SVG is XML text: a BOM, space, an XML declaration or comments, then `<svg`.
        let text = String(decoding: head.prefix(512), as: UTF8.self)
        if text.contains("<svg") || text.hasPrefix("<?xml") || text.hasPrefix("\u{FEFF}<?xml") { return .svg }
        return .other
    }

    /// The kind a file's extension promises.
    static func expected(_ file: String) -> Kind {
        switch (file.split(separator: ".").last ?? "").lowercased() {
        case "jpg", "jpeg": return .jpeg
        case "png": return .png
        case "webp": return .webp
        case "gif": return .gif
        case "svg": return .svg
        case "pdf": return .pdf
        default: return .other
        }
    }
}
