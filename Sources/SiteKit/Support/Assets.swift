import COpenSSL
import Foundation

/// The stylesheets and scripts the site publishes under a name carrying their content hash
/// (`css/site.css` also as `css/site.3f9a1c2b7e.css`), so that a page and the CSS it was made
/// with are deployed and cached together: a browser or a CDN holding an old `site.css` cannot
/// show it against new HTML, since the new HTML names another file. An unchanged file keeps its
/// name from build to build. Each also has its Subresource Integrity hash, for the pages'
/// `integrity` attribute.
///
/// The plain name is written too: links from other sites and old bookmarks keep working,
/// a `url()` or `@import` naming another stylesheet by its plain name stays right, and the
/// preview swaps stylesheets by it. The fingerprinted copy sits in the same folder, so the
/// relative `url()`s of a stylesheet resolve to the same files from either name.
struct Assets: Sendable, Equatable {
    struct Asset: Sendable, Equatable {
        /// Where the plain file goes, relative to the output: `css/site.css`.
        var path: String
        /// The same file's fingerprinted name: `css/site.3f9a1c2b7e.css`.
        var fingerprinted: String
        /// `sha384-` and the base64 of the file's SHA-384.
        var integrity: String
    }

    private(set) var byPath: [String: Asset] = [:]

    /// The files fingerprinted: what a page loads with `<link>` or `<script>`.
    static func isAsset(_ path: String) -> Bool {
        path.hasSuffix(".css") || path.hasSuffix(".js") || path.hasSuffix(".mjs")
    }

    /// Reads the assets among `publicFiles` (relative to `folder`); one that cannot be read is
    /// left out here, and the write stage, which copies it, reports it.
    init(publicFiles: [String], in folder: String) {
        for path in publicFiles where Self.isAsset(path) {
            if let bytes = FileIO.read(folder + "/" + path) { add(path, bytes: bytes) }
        }
    }

    init() {}

    mutating func add(_ path: String, bytes: [UInt8]) {
        let digest = Self.sha384(bytes)
        let hex = digest.prefix(5).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        byPath[path] = Asset(
            path: path, fingerprinted: Self.fingerprinted(path, hex),
            integrity: "sha384-" + Data(digest).base64EncodedString())
    }

    subscript(path: String) -> Asset? { byPath[path] }

    /// `css/site.css` with `3f9a1c2b7e` is `css/site.3f9a1c2b7e.css`; a name without an
    /// extension gets the hash at its end.
    static func fingerprinted(_ path: String, _ hash: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        guard let dot = path[slash...].lastIndex(of: "."), dot > slash else { return path + "." + hash }
        return path[..<dot] + "." + hash + path[dot...]
    }

    /// The names and hashes of the assets `loaded` says a page loads: part of every page's key.
    func key(loaded: (String) -> Bool) -> UInt64 {
        var hasher = ContentHasher()
        for path in byPath.keys.sorted() where loaded(path) {
            hasher.combine(Array(path.utf8))
            hasher.combine(Array(byPath[path]!.integrity.utf8))
        }
        return hasher.finalized
    }

    static func sha384(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = bytes.withUnsafeBytes { buffer in
            EVP_Digest(buffer.baseAddress, buffer.count, &digest, &length, EVP_sha384(), nil)
        }
        precondition(done == 1 && length == 48, "libcrypto could not compute a SHA-384")
        return Array(digest.prefix(Int(length)))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
