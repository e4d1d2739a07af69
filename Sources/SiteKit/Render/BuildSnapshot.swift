/// What the previous successful build wrote and from what: enough to tell which output files a
/// new build must render again, without keeping the old site in memory.
struct BuildSnapshot: Sendable, Equatable {
    /// Hash of everything every page depends on: site.yaml, templates, i18n, options, tool version.
    var globalKey: UInt64
    /// Written by this build into the output's marker file; a different marker means someone
    /// else wrote the output since, so the snapshot no longer describes it.
    var buildID: UInt64
    /// Output file (relative path) → hash of its bytes.
    var outputs: [String: UInt64]
    /// Source path → what the page looked like to other pages.
    var pages: [String: PageRecord]
    /// `lang/section` for every section that exists (a new one changes translation switchers).
    var sections: Set<String>

    /// One page as its neighbours see it.
    struct PageRecord: Sendable, Equatable {
        /// Hash of the page's template values: what lists and other pages show of it.
        var summaryHash: UInt64
        /// Hash of its HTML body, which only its own page shows.
        var bodyHash: UInt64
        var contentPath: String
        var lang: String
        var section: String
        var translationKey: String
        var tags: [String]
        /// Content paths this page's front matter refers to (`members:`).
        var references: [String]
    }
}

extension BuildSnapshot {
    static let formatVersion: UInt64 = 2

    /// Entries in byte order of their paths, so that a snapshot of the same site has the same
    /// bytes; the two tables are encoded at once (the last step of a build, on one thread).
    func encoded() -> [UInt8] {
        let (files, records) = concurrently(
            {
                var out = ByteWriter()
                out.put(UInt64(outputs.count))
                for path in outputs.keys.sorted(by: String.utf8Less) {
                    out.put(path)
                    out.put(outputs[path]!)
                }
                return out.bytes
            },
            {
                var out = ByteWriter()
                out.put(UInt64(pages.count))
                for path in pages.keys.sorted(by: String.utf8Less) {
                    let record = pages[path]!
                    out.put(path)
                    out.put(record.summaryHash)
                    out.put(record.bodyHash)
                    for text in [record.contentPath, record.lang, record.section, record.translationKey] {
                        out.put(text)
                    }
                    out.put(record.tags)
                    out.put(record.references)
                }
                return out.bytes
            })
        var out = ByteWriter()
        out.put(Self.formatVersion)
        out.put(globalKey)
        out.put(buildID)
        out.bytes += files
        out.bytes += records
        out.put(sections.sorted())
        return out.bytes
    }

    /// nil for anything that is not a snapshot of this format, or (given `buildID`) not of
    /// that build: the build then starts clean.
    static func decode(_ bytes: [UInt8], buildID wanted: UInt64? = nil) -> BuildSnapshot? {
        var input = ByteReader(bytes: bytes)
        guard input.uint64() == formatVersion, let globalKey = input.uint64(), let buildID = input.uint64(),
            wanted == nil || wanted == buildID, let outputCount = input.uint64()
        else { return nil }
        var outputs: [String: UInt64] = [:]
        outputs.reserveCapacity(Int(min(outputCount, 1 << 24)))
        for _ in 0..<outputCount {
            guard let path = input.string(), let hash = input.uint64() else { return nil }
            outputs[path] = hash
        }
        guard let pageCount = input.uint64() else { return nil }
        var pages: [String: PageRecord] = [:]
        for _ in 0..<pageCount {
            guard let path = input.string(), let summaryHash = input.uint64(), let bodyHash = input.uint64(),
                let contentPath = input.string(),
                let lang = input.string(), let section = input.string(), let key = input.string(),
                let tags = input.strings(), let references = input.strings()
            else { return nil }
            pages[path] = PageRecord(
                summaryHash: summaryHash, bodyHash: bodyHash, contentPath: contentPath, lang: lang, section: section,
                translationKey: key, tags: tags, references: references)
        }
        guard let sections = input.strings(), input.atEnd else { return nil }
        return BuildSnapshot(
            globalKey: globalKey, buildID: buildID, outputs: outputs, pages: pages, sections: Set(sections))
    }
}

/// Little-endian integers and length-prefixed UTF-8 strings.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func put(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func put(_ string: String) {
        put(UInt64(string.utf8.count))
        bytes.append(contentsOf: string.utf8)
    }

    mutating func put(_ strings: [String]) {
        put(UInt64(strings.count))
        for s in strings { put(s) }
    }
}

struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func uint64() -> UInt64? {
        guard offset + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
        offset += 8
        return value
    }

    mutating func string() -> String? {
        guard let length = uint64(), length <= UInt64(bytes.count - offset) else { return nil }
        let end = offset + Int(length)
        defer { offset = end }
        return String(validating: bytes[offset..<end], as: UTF8.self)
    }

    mutating func strings() -> [String]? {
        guard let count = uint64(), count <= UInt64(bytes.count - offset) else { return nil }
        var result: [String] = []
        for _ in 0..<count {
            guard let s = string() else { return nil }
            result.append(s)
        }
        return result
    }
}
