import CLibXML2
import Foundation

/// A WordPress export (WXR 1.1 or 1.2): the site's address and its items as the export has
/// them, each with the line it starts on for the report.
struct WXRExport {
    var siteURL: String = ""
    var items: [WXRItem] = []

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path):1:1: error: cannot read the export")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOERROR.rawValue)
        let document = data.withUnsafeBytes { buffer in
            xmlReadMemory(
                buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), path, "UTF-8", options)
        }
        guard let document else {
            let error = xmlGetLastError()
            let line = error.map { Int($0.pointee.line) } ?? 1
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "not XML\n"
            throw Failure(
                description:
                    "\(path):\(max(line, 1)):1: error: not a WordPress export: \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        defer { xmlFreeDoc(document) }
        guard let rss = xmlDocGetRootElement(document), XMLNode.name(rss) == "rss",
            let channel = XMLNode.children(rss).first(where: { XMLNode.name($0) == "channel" })
        else {
            throw Failure(description: "\(path):1:1: error: not a WordPress export: no <rss><channel>")
        }
        for node in XMLNode.children(channel) {
            switch XMLNode.qualifiedName(node) {
            case "wp:base_site_url": siteURL = XMLNode.text(node)
            case "link" where siteURL.isEmpty: siteURL = XMLNode.text(node)
            case "item": items.append(WXRItem(node))
            default: break
            }
        }
    }
}

/// One `<item>`: a post, a page, an attachment, a revision, a menu item…
struct WXRItem {
    var line: Int
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

    init(_ node: xmlNodePtr) {
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
            case "content:encoded": content = value()
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
                if !key.isEmpty { meta[key] = metaValue }
            default: break
            }
        }
    }

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
