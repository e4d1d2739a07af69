/// The text of a page's HTML as a reader sees it, for the search index: tags dropped, a line
/// break where a block ends (so that words of two paragraphs never run together), the
/// entities our HTML writer produces decoded.
enum HTMLText {
    private static let blockEnds: Set<String> = [
        "p", "/p", "br", "br/", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/li", "/blockquote", "/pre", "/tr",
        "/td", "/th", "hr", "hr/", "/table", "/ul", "/ol", "/dd", "/dt", "/figcaption", "/div",
    ]

    /// The text as UTF-8: valid, since it is the HTML's own bytes and decoded entities, so the
    /// index takes it as it is (making a String validates every byte again).
    static func plainBytes(_ html: [UInt8]) -> [UInt8] {
        html.withUnsafeBufferPointer { bytes -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                // Text up to the next tag or entity goes over as it is.
                var end = skipText(bytes, from: i)
                while end < bytes.count && bytes[end] != UInt8(ascii: "<") && bytes[end] != UInt8(ascii: "&") {
                    end += 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                i = end
                guard i < bytes.count else { break }
                if bytes[i] == UInt8(ascii: "<") {
                    end = i + 1
                    while end < bytes.count && bytes[end] != UInt8(ascii: ">") { end += 1 }
                    var nameEnd = i + 1
                    while nameEnd < end && bytes[nameEnd] != UInt8(ascii: " ") { nameEnd += 1 }
                    if out.last != UInt8(ascii: "\n"),
                        isBlockEnd(UnsafeBufferPointer(rebasing: bytes[(i + 1)..<nameEnd]))
                    {
                        out.append(UInt8(ascii: "\n"))
                    }
                    i = end + 1
                } else if let (decoded, length) = entity(bytes, at: i) {
                    out += decoded
                    i += length
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            while out.last == UInt8(ascii: "\n") { out.removeLast() }
            return out
        }
    }

    /// Where the eight-byte words from `start` first may hold `<` or `&`: a word is tested at
    /// once (the bytes equal to either become zero, and a zero byte sets its top bit).
    @inline(__always)
    private static func skipText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = start
        while i + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let lt = word ^ (ones &* UInt64(UInt8(ascii: "<")))
            let amp = word ^ (ones &* UInt64(UInt8(ascii: "&")))
            if ((lt &- ones) & ~lt | (amp &- ones) & ~amp) & highs != 0 { break }
            i += 8
        }
        return i
    }

    /// The tag's name, lower-cased, packed into one number for the look-up (names are short).
    private static func isBlockEnd(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count <= 12 else { return false }
        var packed: UInt128 = 0
        for byte in name { packed = packed << 8 | UInt128(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        return blockEndCodes.contains(packed)
    }

    /// A plain array: comparing 25 numbers costs less than hashing one (every tag of every
    /// page is looked up).
    private static let blockEndCodes = blockEnds.map { name in name.utf8.reduce(UInt128(0)) { $0 << 8 | UInt128($1) } }

    private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> ([UInt8], Int)? {
        var end = start + 1
        while end < bytes.count && end - start <= 10 && bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        let name = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end])
        if let text = named(name) { return ([text], end - start + 1) }
        let body = String(decoding: name, as: UTF8.self)
        guard body.hasPrefix("#") else { return nil }
        let digits = body.dropFirst()
        let value =
            digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        guard let value, let scalar = Unicode.Scalar(value) else { return nil }
        return (Array(String(scalar).utf8), end - start + 1)
    }

    /// The character of a named entity our HTML writer (or cmark) writes, from its name's bytes.
    private static func named(_ name: UnsafeBufferPointer<UInt8>) -> UInt8? {
        switch name.count {
        case 2 where name[1] == UInt8(ascii: "t"):
            if name[0] == UInt8(ascii: "l") { return UInt8(ascii: "<") }
            if name[0] == UInt8(ascii: "g") { return UInt8(ascii: ">") }
        case 3 where name.elementsEqual("amp".utf8): return UInt8(ascii: "&")
        case 4 where name.elementsEqual("quot".utf8): return UInt8(ascii: "\"")
        case 4 where name.elementsEqual("apos".utf8): return UInt8(ascii: "'")
        default: break
        }
        return nil
    }
}
