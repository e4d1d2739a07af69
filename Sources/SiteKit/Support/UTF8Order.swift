import Glibc

extension String {
    /// Byte order of the UTF-8 forms, as the browser's script and other tools sort: one
    /// `memcmp`, where comparing the `utf8` views goes byte by byte through generic code.
    static func utf8Less(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let shorter = Swift.min(x.count, y.count)
                let order = shorter == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, shorter)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }
}
