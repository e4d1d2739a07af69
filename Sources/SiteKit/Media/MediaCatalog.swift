import Foundation
import VipsLoader

/// Media stage: every image the pages show from `Public/` (Markdown images), read once by its
/// header through libvips: its size upright (EXIF orientation applied), its format, and the
/// variants the write stage gets (480, 960 and 1600 pixels wide, never wider than the image,
/// as WebP and in the image's own format). What cannot be published is an error where the
/// image is used: a file libvips cannot read (truncated, not an image), a format that is not
/// JPEG, PNG, WebP, GIF or SVG, a file or pixel count over `limits`.
struct MediaCatalog: Sendable {
    struct Image: Sendable, Hashable {
        /// The URL as pages write it (base path included).
        var url: String
        /// Below `Public/`.
        var file: String
        var width: Int
        var height: Int
        var format: Format
        var variants: [Variant]
        /// Changes when the file does: size, inode and times (`FileSignature`).
        var signature: UInt64
    }

    enum Format: String, Sendable {
        case jpeg, png, webp, gif, svg
        /// Resized and re-encoded; GIF (often animated) and SVG are published as they are.
        var hasVariants: Bool { self == .jpeg || self == .png || self == .webp }
    }

    struct Variant: Sendable, Hashable {
        var width: Int
        var height: Int
        /// 0 WebP, 1 JPEG, 2 PNG, as `iclei_vips_variants` takes it.
        var encoding: Int32
        /// Below the output folder.
        var path: String
        var url: String
        var isWebP: Bool { encoding == 0 }
    }

    static let widths = [480, 960, 1600]

    var images: [String: Image] = [:]
    var diagnostics: [Diagnostic] = []
    /// Per page that shows images, a hash of their signatures: its HTML changes with them.
    var pageKeys: [PageID: UInt64] = [:]
    /// site.yaml's `image`, the social card of pages without their own.
    var siteImage: String?
    /// Documents the pages link to in Public/ (PDF, Office files, archives): their format,
    /// size and, for a PDF, pages, which the link text shows.
    var documents: [String: Document] = [:]

    struct Document: Sendable, Hashable {
        var url: String
        var format: String
        var bytes: Int
        var pages: Int?
        /// Below Public/.
        var file: String = ""
        var signature: UInt64 = 0
        /// A PDF's first page as a picture, for a link that stands alone in its paragraph.
        var cover: Variant?
        /// Why the first page cannot be a picture (a page size over the limits).
        var coverProblem: String?
    }

    static let coverWidth = 320
    /// WebP's largest side.
    static let coverMaxHeight = 16383

    /// The cover of a first page of `page` points: 320 px wide (never wider than the page),
    /// its height in proportion; over `imagePixels` or WebP's largest side, a problem.
    static func coverSize(page: (width: Int, height: Int), limits: SiteLimits) -> Result<(Int, Int), Problem> {
        let width = min(coverWidth, page.width)
        let height = (Double(page.height) * Double(width) / Double(page.width)).rounded()
        guard height <= Double(coverMaxHeight), Double(width) * height <= Double(limits.imagePixels) else {
            return .failure(
                Problem(
                    text:
                        "its first page is \(page.width)×\(page.height) points: a picture of it \(width) px wide would be \(Int(min(height, 1e15))) px tall, over \(coverMaxHeight) px or limits.imagePixels (\(limits.imagePixels))"
                ))
        }
        return .success((width, max(1, Int(height))))
    }

    static let documentFormats = [
        "pdf": "PDF", "doc": "Word", "docx": "Word", "xls": "Excel", "xlsx": "Excel", "ppt": "PowerPoint",
        "pptx": "PowerPoint", "zip": "ZIP", "csv": "CSV",
    ]

    init() {}

    /// - Parameter known: the previous build's entries by file, reused while the file's
    ///   signature is the same (no header is read again).
    init(
        site: LinkedSite, markdown: [MarkdownResult], publicFiles: Set<String>, publicFolder: String,
        known: [String: Image] = [:]
    ) {
        let base = site.config.basePath
        // Most builds (and every rebuild of a site without photos) stop here.
        let extensions: Set<String> = ["jpg", "jpeg", "png", "webp", "gif", "svg"]
        documents(site: site, markdown: markdown, publicFiles: publicFiles, publicFolder: publicFolder)
        pageKeys = documentKeys
        let svgProblems = Self.checkSVGs(publicFiles, folder: publicFolder, limit: site.config.limits.imageBytes)
        for (file, problem) in svgProblems.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(.error("Public/" + file, problem.line, 1, "SVG: " + problem.text))
        }
        let declaresImages =
            site.config.siteImage != nil
            || site.config.model.sections.values.contains { $0.fields.contains { $0.type == .image } }
        guard
            declaresImages
                || publicFiles.contains(where: {
                    extensions.contains(($0.split(separator: ".").last ?? "").lowercased())
                })
        else { return }
        var uses: [String: [(page: PageID, line: Int, column: Int)]] = [:]
        let file = { (url: String) in Self.publicFile(url, base: base) }
        for i in site.pages.pageIDs {
            for link in markdown[i].links where link.isImage {
                guard let file = file(link.url), publicFiles.contains(file) else { continue }
                uses[file, default: []].append((i, link.line, link.column))
            }
            // Front matter images (fields of type `image`): the page's social card.
            let page = site.pages[i]
            for field in site.config.model.section(page.section).fields where field.type == .image {
                guard let url = page.frontMatter[field.name]?.text, !url.isEmpty else { continue }
                let position = page.frontMatter.position(of: field.name)
                guard let file = file(url), publicFiles.contains(file) else {
                    diagnostics.append(
                        .error(
                            page.sourcePath, position.line, position.column,
                            "`\(field.name)`: no file \(url) in Public/ (write its URL with the base path, like \(base)images/photo.jpg)"
                        ))
                    continue
                }
                uses[file, default: []].append((i, position.line, position.column))
            }
        }
        // The site's own card (site.yaml `image`), used by every page without one.
        if let url = site.config.siteImage {
            if let file = file(url), publicFiles.contains(file) {
                siteImage = url
                uses[file, default: []].append((PageID(-1), 1, 1))
            } else {
                diagnostics.append(.error(site.config.file, 1, 1, "`image`: no file \(url) in Public/"))
            }
        }
        let files = uses.keys.sorted()
        let limits = site.config.limits
        let results = files.parallelMap { file -> Result<Image, Problem> in
            if let problem = svgProblems[file] {
                return .failure(Problem(text: "the SVG cannot be published: " + problem.text))
            }
            return Self.image(file: file, url: base + file, folder: publicFolder, limits: limits, known: known[file])
        }
        var byFile: [String: UInt64] = [:]
        for (file, result) in zip(files, results) {
            switch result {
            case .success(let image):
                images[image.url] = image
                byFile[file] = image.signature
            case .failure(let problem):
                for use in uses[file]! {
                    let source = use.page.index < 0 ? site.config.file : site.pages[use.page].sourcePath
                    diagnostics.append(.error(source, use.line, use.column, "image `\(file)`: \(problem.text)"))
                }
            }
        }
        var keys: [PageID: ContentHasher] = [:]
        for file in files {
            for use in uses[file]! where use.page.index >= 0 {
                keys[use.page, default: ContentHasher()].combine(byFile[file] ?? 0)
            }
        }
        for (page, key) in keys { pageKeys[page] = (pageKeys[page] ?? 0) &+ key.finalized }
    }

    /// Links to documents: their size from the file, a PDF's pages from poppler through
    /// libvips; one over `limits.documentBytes` is a warning where it is linked.
    private mutating func documents(
        site: LinkedSite, markdown: [MarkdownResult], publicFiles: Set<String>, publicFolder: String
    ) {
        // Most sites have no document in Public/: then no link is looked at (a one-file
        // rebuild of 10k pages would otherwise spend 60 ms here).
        func isDocument(_ path: Substring) -> Bool {
            Self.documentFormats[(path.split(separator: ".").last ?? "").lowercased()] != nil
        }
        guard publicFiles.contains(where: { isDocument(Substring($0)) }) else { return }
        let base = site.config.basePath
        var uses: [String: [(page: PageID, line: Int, column: Int)]] = [:]
        var urls: [String: String] = [:]
        for i in site.pages.pageIDs {
            for link in markdown[i].links where !link.isImage {
                guard isDocument(link.url.prefix { $0 != "?" && $0 != "#" }),
                    let file = Self.publicFile(link.url, base: base), publicFiles.contains(file)
                else { continue }
                uses[file, default: []].append((i, link.line, link.column))
                urls[file] = link.url
            }
        }
        guard !uses.isEmpty else { return }
        let files = uses.keys.sorted()
        let linked = urls
        let basePath = base
        let limits = site.config.limits
        let found = files.parallelMap { file -> Document? in
            let path = publicFolder + "/" + file
            guard let signature = FileSignature(path: path) else { return nil }
            let ext = (file.split(separator: ".").last ?? "").lowercased()
            // Only a real PDF goes to libvips (which would open an SVG named .pdf as SVG).
            let pages = ext == "pdf" && FileSniff.kind(of: path) == .pdf ? iclei_vips_pages(path) : -1
            var document = Document(
                url: linked[file]!, format: Self.documentFormats[ext]!, bytes: Int(signature.size),
                pages: pages > 0 ? Int(pages) : nil, file: file)
            document.signature = signature.key
            if pages > 0, case .success(let header) = ImageHeader.read(path), header.width > 0, header.height > 0 {
                // The page's size (points, at 72 dpi) is read before anything is rendered: a
                // 418-byte PDF can declare a page that renders to gigabytes.
                switch Self.coverSize(page: (header.width, header.height), limits: limits) {
                case .success(let (width, height)):
                    let stem = file.lastIndex(of: ".").map { String(file[..<$0]) } ?? file
                    document.cover = Variant(
                        width: width, height: height, encoding: 0, path: stem + ".cover.webp",
                        url: basePath + stem + ".cover.webp")
                case .failure(let problem): document.coverProblem = problem.text
                }
            }
            return document
        }
        let limit = limits.documentBytes
        var keys: [PageID: ContentHasher] = [:]
        for (file, document) in zip(files, found) {
            guard let document else { continue }
            documents[document.url] = document
            for use in uses[file]! {
                if let problem = document.coverProblem {
                    diagnostics.append(
                        .error(site.pages[use.page].sourcePath, use.line, use.column, "document `\(file)`: \(problem)"))
                }
                keys[use.page, default: ContentHasher()].combine(document.signature)
                if document.bytes > limit {
                    diagnostics.append(
                        .warning(
                            site.pages[use.page].sourcePath, use.line, use.column,
                            "document `\(file)` has \(document.bytes) bytes, over limits.documentBytes (\(limit)): readers on phones pay for every byte"
                        ))
                }
            }
        }
        documentKeys = keys.mapValues(\.finalized)
    }

    /// Every SVG of Public/ against `SVGCheck`: published as it is, an SVG is a page of its own
    /// when opened directly.
    static func checkSVGs(_ publicFiles: Set<String>, folder: String, limit: Int) -> [String: SVGCheck.Problem] {
        let svgs = publicFiles.filter { $0.lowercased().hasSuffix(".svg") || $0.lowercased().hasSuffix(".svgz") }
            .sorted()
        guard !svgs.isEmpty else { return [:] }
        let found = svgs.parallelMap { SVGCheck.problem(path: folder + "/" + $0, limit: limit) }
        var problems: [String: SVGCheck.Problem] = [:]
        for (file, problem) in zip(svgs, found) { problems[file] = problem }
        return problems
    }

    /// Per page that links documents, a hash of their sizes.
    var documentKeys: [PageID: UInt64] = [:]

    /// The images' headers as `<cache>/media/headers.tsv` keeps them between runs: a rebuild
    /// with no image change then opens no decoder (libvips costs 70 ms to load).
    enum HeaderCache {
        static func load(_ folder: URL) -> [String: Image] {
            guard let bytes = FileIO.read(folder.appendingPathComponent("media/headers.tsv").path) else { return [:] }
            var known: [String: Image] = [:]
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count == 5, let signature = UInt64(fields[1]), let width = Int(fields[2]),
                    let height = Int(fields[3]), let format = Format(rawValue: String(fields[4]))
                else { continue }
                let file = String(fields[0])
                known[file] = Image(
                    url: "", file: file, width: width, height: height, format: format, variants: [],
                    signature: signature)
            }
            return known
        }

        static func save(_ images: [String: Image], to folder: URL) {
            let lines = images.values.sorted { $0.file < $1.file }.map {
                "\($0.file)\t\($0.signature)\t\($0.width)\t\($0.height)\t\($0.format.rawValue)\n"
            }
            let path = folder.appendingPathComponent("media/headers.tsv").path
            try? FileManager.default.createDirectory(
                atPath: folder.appendingPathComponent("media").path, withIntermediateDirectories: true)
            let temporary = path + ".tmp-\(getpid())"
            if (try? FileIO.write(Array(lines.joined().utf8), to: temporary)) != nil { rename(temporary, path) }
        }
    }

    /// The file below Public/ a root-relative URL names (base path, query and fragment off,
    /// percent-decoded), or nil for a URL elsewhere.
    static func publicFile(_ url: String, base: String) -> String? {
        guard url.hasPrefix(base) else { return nil }
        let file = String(url.dropFirst(base.count).prefix { $0 != "?" && $0 != "#" })
        return file.contains("%") ? file.removingPercentEncoding ?? file : file
    }

    struct Problem: Error {
        var text: String
    }

    private static func image(file: String, url: String, folder: String, limits: SiteLimits, known: Image?) -> Result<
        Image, Problem
    > {
        let path = folder + "/" + file
        guard let signature = FileSignature(path: path) else { return .failure(Problem(text: "cannot be read")) }
        let key = signature.key
        if let known, known.signature == key {
            // Read before, in this process or in the header cache: no decoder is opened.
            return .success(
                entry(file: file, url: url, size: (known.width, known.height), format: known.format, key: key))
        }
        if signature.size > Int64(limits.imageBytes) {
            return .failure(
                Problem(
                    text: SiteLimits.exceeded(
                        .imageBytes, "the file has \(signature.size) bytes", limit: limits.imageBytes)))
        }
        // libvips picks a loader by content: a file is only opened as what its name says.
        let expected = FileSniff.expected(file)
        let found = FileSniff.kind(of: path)
        guard found == expected else {
            return .failure(
                Problem(
                    text:
                        "its name says \(expected) but its content is \(found == .other ? "something else" : "\(found)")"
                ))
        }
        let header: ImageHeader
        switch ImageHeader.read(path) {
        case .success(let read): header = read
        case .failure(let problem): return .failure(problem)
        }
        let name = header.loader
        guard let format = Self.format(loader: name) else {
            return .failure(Problem(text: "`\(name)` images are not published: use JPEG, PNG, WebP, GIF or SVG"))
        }
        if !Self.isComplete(path, format: format, size: Int(signature.size)) {
            return .failure(Problem(text: "the file is cut short (truncated): export or copy it again"))
        }
        if header.width * header.height > limits.imagePixels {
            return .failure(
                Problem(
                    text: SiteLimits.exceeded(
                        .imagePixels, "it is \(header.width)×\(header.height) pixels", limit: limits.imagePixels)))
        }
        return .success(entry(file: file, url: url, size: header.upright, format: format, key: key))
    }

    private static func entry(file: String, url: String, size: (Int, Int), format: Format, key: UInt64) -> Image {
        Image(
            url: url, file: file, width: size.0, height: size.1, format: format,
            variants: format.hasVariants
                ? variants(file: file, base: url.dropLast(file.count), size: size, format: format) : [],
            signature: key)
    }

    /// libvips decodes a cut-off JPEG or PNG with a grey bottom rather than fail: whether the
    /// file ends as its format ends (JPEG's end-of-image marker, PNG's IEND chunk, the size
    /// WebP's RIFF header gives).
    static func isComplete(_ path: String, format: Format, size: Int) -> Bool {
        guard format != .svg && format != .gif else { return true }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 12)
        var tail = [UInt8](repeating: 0, count: min(size, 64))
        guard pread(fd, &head, head.count, 0) == head.count,
            pread(fd, &tail, tail.count, off_t(size - tail.count)) == tail.count
        else { return false }
        switch format {
        case .jpeg:
            // The marker, perhaps followed by padding some cameras add.
            return zip(tail, tail.dropFirst()).contains { $0 == 0xFF && $1 == 0xD9 }
        case .png:
            return tail.count >= 12 && Array(tail.suffix(8).prefix(4)) == Array("IEND".utf8)
        case .webp:
            let riff = Int(head[4]) | Int(head[5]) << 8 | Int(head[6]) << 16 | Int(head[7]) << 24
            return riff + 8 <= size
        case .gif, .svg:
            return true
        }
    }

    private static func format(loader: String) -> Format? {
        switch loader {
        case "jpegload", "jpegload_source", "jpegload_buffer": return .jpeg
        case "pngload", "pngload_source", "pngload_buffer": return .png
        case "webpload", "webpload_source", "webpload_buffer": return .webp
        case "gifload", "gifload_source", "gifload_buffer": return .gif
        case "svgload", "svgload_source", "svgload_buffer": return .svg
        default: return nil
        }
    }

    /// `images/photo.jpg` → `images/photo.960w.webp` and `images/photo.960w.jpg`, …: the
    /// standard widths below the image's, and its own width up to the largest.
    private static func variants(file: String, base: Substring, size: (Int, Int), format: Format) -> [Variant] {
        let stem = file.lastIndex(of: ".").map { String(file[..<$0]) } ?? file
        let own: (Int32, String) = format == .png ? (2, "png") : (1, "jpg")
        let encodings: [(Int32, String)] = format == .webp ? [(0, "webp")] : [(0, "webp"), own]
        let largest = widths.last!
        let sizes = widths.filter { $0 < min(size.0, largest) } + [min(size.0, largest)]
        return sizes.flatMap { width in
            let height = max(1, Int((Double(size.1) * Double(width) / Double(size.0)).rounded()))
            return encodings.map { encoding, ext in
                let path = "\(stem).\(width)w.\(ext)"
                return Variant(width: width, height: height, encoding: encoding, path: path, url: String(base) + path)
            }
        }
    }
}
