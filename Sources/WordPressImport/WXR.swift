import CLibXML2
import Foundation

/// A WordPress export (WXR 1.1 or 1.2), read as a stream with libxml2's `xmlTextReader`: one
/// `<item>` at a time is made a tree, so memory follows the largest item, not the file (a
/// whole-file tree of a 200 MB export took about 1 GB). The first pass keeps what every item
/// needs to know of the others (ids, links, slugs, terms) and drops the content of all but
/// reusable blocks; `forEachItem` reads the file again for the content.
struct WXRExport {
    let path: String
    var siteURL: String = ""
    var items: [WXRItem] = []

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `keep` decides which items are kept (all by default): an export is mostly revisions
    /// and menu items, which the importer only counts, and a million of them kept as records
    /// took 500 MB.
    init(path: String, keep: (WXRItem) -> Bool = { _ in true }) throws {
        self.path = path
        var siteURL = ""
        var items: [WXRItem] = []
        var position = 0
        try Self.scan(path: path) { name, node in
            switch name {
            case "wp:base_site_url": siteURL = XMLNode.text(node)
            case "link" where siteURL.isEmpty: siteURL = XMLNode.text(node)
            case "item":
                // Content is the bulk of an export (revisions above all): read only for
                // reusable blocks, which other items include.
                var item = WXRItem(node, content: false)
                item.position = position
                position += 1
                guard keep(item) else { break }
                if item.type == "wp_block" { item.content = WXRItem.content(of: node) }
                items.append(item)
            default: break
            }
            return true
        }
        self.siteURL = siteURL
        self.items = items
    }

    /// The content of the items at `wanted` (their `position`s), read again in order.
    func forEachContent(of wanted: Set<Int>, _ body: (Int, String) throws -> Void) throws {
        var n = 0
        // The first pass read the whole file: this one stops after the last item it needs.
        guard let last = wanted.max() else { return }
        try Self.scan(path: path) { name, node in
            guard name == "item" else { return true }
            if wanted.contains(n) { try body(n, WXRItem.content(of: node)) }
            n += 1
            return n <= last
        }
    }

    /// The children of `<channel>`, each made a tree in turn and freed after `body`.
    /// `body` returns false to stop reading (the rest of the file is not checked then).
    private static func scan(path: String, _ body: (String, xmlNodePtr) throws -> Bool) throws {
        try refuseEntityDeclarations(path: path)
        // No XML_PARSE_NOENT (entities stay references), no DTDLOAD (nothing fetched or
        // read besides the file), no HUGE (libxml2's own limits on text and depth stay on).
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue)
        // Always UTF-8, as WordPress writes: a declared other encoding would also hide an
        // <!ENTITY> from the byte scan above.
        guard let reader = xmlReaderForFile(path, "UTF-8", options) else {
            throw Failure(description: "\(path):1:1: error: cannot read the export")
        }
        defer { xmlFreeTextReader(reader) }
        xmlResetLastError()
        var sawChannel = false
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            let depth = xmlTextReaderDepth(reader)
            let type = xmlTextReaderNodeType(reader)
            let name = xmlTextReaderConstName(reader).map { String(cString: $0) } ?? ""
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) && depth == 0 && name != "rss" {
                throw Failure(
                    description:
                        "\(path):\(xmlTextReaderGetParserLineNumber(reader)):1: error: not a WordPress export: no <rss><channel>"
                )
            }
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) && depth == 1 && name == "channel" { sawChannel = true }
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) && depth == 2 && sawChannel {
                // Expand fails on an item the file ends inside: an error, not the end.
                guard let node = xmlTextReaderExpand(reader) else {
                    status = -1
                    break
                }
                guard try body(name, node) else { return }
                // The body parses HTML, whose errors libxml2 records too; only the export's
                // own may be reported below.
                xmlResetLastError()
                status = xmlTextReaderNext(reader)
            } else {
                status = xmlTextReaderRead(reader)
            }
        }
        if status < 0 {
            let error = xmlGetLastError()
            let line = error.map { Int($0.pointee.line) } ?? 0
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "not XML\n"
            throw Failure(
                description:
                    "\(path):\(max(line, Int(xmlTextReaderGetParserLineNumber(reader)), 1)):1: error: not a WordPress export: \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        guard sawChannel else {
            throw Failure(description: "\(path):1:1: error: not a WordPress export: no <rss><channel>")
        }
    }

    /// Refuses an export whose DOCTYPE declares entities, before libxml2 sees it: one entity
    /// used thousands of times makes gigabytes of a small file, and WordPress writes no
    /// DOCTYPE at all. Only the prolog is read, up to the first element.
    static func refuseEntityDeclarations(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(description: "\(path):1:1: error: cannot read the export")
        }
        defer { try? handle.close() }
        var line = 1
        var previous: UInt8 = 0
        // The bytes of `<!ENTITY` matched so far.
        let marker = Array("<!ENTITY".utf8)
        var matched = 0
        func chunk() throws -> Data? {
            do {
                return try handle.read(upToCount: 65536)
            } catch {
                // A folder, or a file the system cannot read.
                let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
                let reason = underlying.map { String(cString: strerror(Int32($0.code))) } ?? "\(error)"
                throw Failure(description: "\(path):1:1: error: cannot read the export: \(reason)")
            }
        }
        while let chunk = try chunk(), !chunk.isEmpty {
            for byte in chunk {
                if byte == UInt8(ascii: "\n") { line += 1 }
                // `<` then a letter: the root element; the prolog is over.
                if previous == UInt8(ascii: "<") && (byte | 0x20) >= UInt8(ascii: "a")
                    && (byte | 0x20) <= UInt8(ascii: "z")
                {
                    return
                }
                matched = byte == marker[matched] ? matched + 1 : (byte == marker[0] ? 1 : 0)
                if matched == marker.count {
                    throw Failure(
                        description:
                            "\(path):\(line):1: error: the export declares XML entities (<!ENTITY>); WordPress exports have none, and entities can expand a small file into gigabytes"
                    )
                }
                previous = byte
            }
        }
    }
}

/// One `<item>`: a post, a page, an attachment, a revision, a menu item…
struct WXRItem {
    var line: Int
    /// Its place among all the export's items, kept or not.
    var position = 0
    var id = 0
    var title = ""
    var link = ""
    var type = ""
    var status = ""
    var slug = ""
    var parent = 0
    var dateGMT = ""
    var date = ""
    var content = ""
    var excerpt = ""
    var attachmentURL = ""
    /// `category`, `post_tag`, Polylang's `language` and `post_translations`: domain, slug, name.
    var terms: [(domain: String, slug: String, name: String)] = []
    var meta: [String: String] = [:]
    /// `wp:post_password`: WordPress shows a password form instead of the content.
    var password = ""
    /// `_wp_old_slug`s: the item's earlier addresses (WordPress redirects them).
    var oldSlugs: [String] = []

    /// `content`: whether to read `content:encoded` too.
    init(_ node: xmlNodePtr, content readContent: Bool = true) {
        line = Int(xmlGetLineNo(node))
        for child in XMLNode.children(node) {
            let value = { XMLNode.text(child) }
            switch XMLNode.qualifiedName(child) {
            case "title": title = value()
            case "link": link = value()
            case "wp:post_id": id = Int(value().trimmingCharacters(in: .whitespaces)) ?? 0
            case "wp:post_type": type = value()
            case "wp:status": status = value()
            case "wp:post_name": slug = value()
            case "wp:post_parent": parent = Int(value()) ?? 0
            case "wp:post_date_gmt": dateGMT = value()
            case "wp:post_date": date = value()
            case "wp:post_password": password = value()
            case "content:encoded" where readContent: content = value()
            case "excerpt:encoded": excerpt = value()
            case "wp:attachment_url": attachmentURL = value()
            case "category":
                terms.append(
                    (XMLNode.attribute(child, "domain") ?? "", XMLNode.attribute(child, "nicename") ?? "", value()))
            case "wp:postmeta":
                var key = ""
                var metaValue = ""
                for part in XMLNode.children(child) {
                    if XMLNode.qualifiedName(part) == "wp:meta_key" { key = XMLNode.text(part) }
                    if XMLNode.qualifiedName(part) == "wp:meta_value" { metaValue = XMLNode.text(part) }
                }
                if key == "_wp_old_slug" {
                    oldSlugs.append(metaValue)
                } else if Self.metaKeys.contains(key) {
                    meta[key] = metaValue
                }
            default: break
            }
        }
    }

    static func content(of node: xmlNodePtr) -> String {
        XMLNode.children(node).first { XMLNode.qualifiedName($0) == "content:encoded" }.map(XMLNode.text) ?? ""
    }

    /// The post meta the importer reads. Page builders keep hundreds of kilobytes per post
    /// in others (`_elementor_data`), and every kept item would carry them to the end.
    static let metaKeys: Set<String> = [
        "_thumbnail_id", "_wp_attachment_image_alt", "_wpml_import_language_code", "_wpml_import_translation_group",
        "wpml_language", "wpml_trid",
    ]

    func terms(_ domain: String) -> [(slug: String, name: String)] {
        terms.filter { $0.domain == domain }.map { ($0.slug, $0.name) }
    }
}

/// Small reads of libxml2's tree.
enum XMLNode {
    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            result.append(current)
            child = current.pointee.next
        }
        return result
    }

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// `prefix:name` for a namespaced element, as WXR writes them.
    static func qualifiedName(_ node: xmlNodePtr) -> String {
        guard node.pointee.type == XML_ELEMENT_NODE else { return "" }
        if let ns = node.pointee.ns, let prefix = ns.pointee.prefix {
            return String(cString: prefix) + ":" + name(node)
        }
        return name(node)
    }

    static func text(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { free(content) }
        return String(cString: content)
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }
}
