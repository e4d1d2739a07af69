/// A photo's metadata taken out without decoding it: the GPS position, camera, author and
/// editing history in EXIF, XMP, IPTC and text chunks stay on the editor's disk. The pixels
/// are untouched (no quality lost); a JPEG keeps its EXIF orientation, rewritten as the only
/// tag, so it still shows upright. The variants are re-encoded without metadata already; this
/// is for the original, published at its own URL.
enum PhotoMetadata {
    /// Changes when what is taken out changes (so every copy is written again).
    static let version: UInt64 = 1

    static func isPhoto(_ file: String) -> Bool {
        ["jpg", "jpeg", "png", "webp"].contains((file.split(separator: ".").last ?? "").lowercased())
    }

    /// The file without its metadata, or the file as it is when it is not a JPEG, PNG or WebP
    /// this understands (a damaged file is published as it was: libvips judged it already).
    static func stripped(_ bytes: [UInt8]) -> [UInt8] {
        switch FileSniff.kind(of: Array(bytes.prefix(16))) {
        case .jpeg: return jpeg(bytes) ?? bytes
        case .png: return png(bytes) ?? bytes
        case .webp: return webp(bytes) ?? bytes
        default: return bytes
        }
    }

    /// Segments APP1 (EXIF, XMP), APP12, APP13 (IPTC, Photoshop) and COM go; APP0 (JFIF),
    /// APP2 (ICC colour profile, MPF), APP14 (Adobe colour transform) and the image stay.
    static func jpeg(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(bytes.count)
        var i = 2
        var orientation: UInt16?
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { return nil }
            let marker = bytes[i + 1]
            if marker == 0xFF {  // fill byte
                i += 1
                continue
            }
            // Start of scan: the rest is image data (and later markers the decoder reads).
            if marker == 0xDA {
                if let orientation {
                    // Where readers look for EXIF: first, or right after JFIF's APP0.
                    let at = out.count > 5 && out[3] == 0xE0 ? 4 + (Int(out[4]) << 8 | Int(out[5])) : 2
                    out.insert(contentsOf: orientationSegment(orientation), at: at)
                }
                out += bytes[i...]
                return out
            }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2, i + 2 + length <= bytes.count else { return nil }
            let segment = bytes[i..<(i + 2 + length)]
            let drop = marker == 0xE1 || marker == 0xEC || marker == 0xED || marker == 0xFE
            if marker == 0xE1, orientation == nil { orientation = exifOrientation(Array(segment.dropFirst(4))) }
            if !drop { out += segment }
            i += 2 + length
        }
        return nil
    }

    /// An APP1 EXIF segment whose only tag is Orientation (big-endian TIFF).
    static func orientationSegment(_ value: UInt16) -> [UInt8] {
        let tiff: [UInt8] = [
            0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,  // "MM", 42, first IFD at 8
            0x00, 0x01,  // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, UInt8(value >> 8), UInt8(value & 0xFF), 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,  // no next IFD
        ]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// The Orientation tag (0x0112) of an APP1 payload that is EXIF, if it has one other than 1.
    static func exifOrientation(_ payload: [UInt8]) -> UInt16? {
        guard payload.count > 14, payload.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
        let tiff = Array(payload.dropFirst(6))
        let little = tiff.starts(with: [0x49, 0x49])
        func u16(_ at: Int) -> Int? {
            guard at + 2 <= tiff.count else { return nil }
            return little ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard let ifd = u32(4), let count = u16(ifd) else { return nil }
        for n in 0..<count {
            let entry = ifd + 2 + n * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112, let value = u16(entry + 8), (2...8).contains(value) { return UInt16(value) }
        }
        return nil
    }

    /// Text (tEXt, zTXt, iTXt), EXIF (eXIf) and time (tIME) chunks go; the image's chunks stay.
    static func png(_ bytes: [UInt8]) -> [UInt8]? {
        let dropped: Set<String> = ["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]
        var out = Array(bytes.prefix(8))
        var i = 8
        while i + 12 <= bytes.count {
            let length = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 0, i + 12 + length <= bytes.count else { return nil }
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            if !dropped.contains(type) { out += bytes[i..<(i + 12 + length)] }
            i += 12 + length
            if type == "IEND" { return out }
        }
        return nil
    }

    /// EXIF and XMP chunks go, and the extended header's flags for them are cleared.
    static func webp(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 12 else { return nil }
        var chunks: [UInt8] = []
        var i = 12
        while i + 8 <= bytes.count {
            let type = String(decoding: bytes[i..<(i + 4)], as: UTF8.self)
            let size = Int(bytes[i + 4]) | Int(bytes[i + 5]) << 8 | Int(bytes[i + 6]) << 16 | Int(bytes[i + 7]) << 24
            let padded = size + (size & 1)
            guard i + 8 + size <= bytes.count else { return nil }
            var chunk = Array(bytes[i..<min(bytes.count, i + 8 + padded)])
            if type == "VP8X", chunk.count > 8 { chunk[8] &= ~(0x08 | 0x04) }  // EXIF, XMP flags
            if type != "EXIF" && type != "XMP " { chunks += chunk }
            i += 8 + padded
        }
        let riff = chunks.count + 4
        return Array("RIFF".utf8) + [
            UInt8(riff & 0xFF), UInt8(riff >> 8 & 0xFF), UInt8(riff >> 16 & 0xFF), UInt8(riff >> 24),
        ]
            + Array("WEBP".utf8) + chunks
    }
}
