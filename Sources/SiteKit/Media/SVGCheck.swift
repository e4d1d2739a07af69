import CLibXML2
import Foundation

/// SVG files are published as they are, and a reader can open one directly, where a script
/// in it runs with the site's origin. So every SVG in Public/ is checked, not rewritten: one
/// with a DOCTYPE (entities that expand without bound), a script, an event attribute, an
/// embedded document, or a reference to anything outside itself is an error at the file.
enum SVGCheck {
    struct Problem: Sendable, Equatable {
        var line: Int
        var text: String
    }

    static let forbiddenElements: Set<String> = [
        "script", "foreignObject", "iframe", "object", "embed", "handler", "listener",
    ]
    static let animations: Set<String> = ["set", "animate", "animateMotion", "animateTransform", "discard"]

    /// The first problem of the SVG at `path` (at most `limit` bytes), or nil.
    static func problem(path: String, limit: Int) -> Problem? {
        guard let bytes = FileIO.readRegularFile(path, limit: limit) else {
            return Problem(line: 1, text: "cannot be read")
        }
        return problem(bytes)
    }

    static func problem(_ bytes: [UInt8]) -> Problem? {
        // Before any parser sees it: a DTD is where entity bombs live, and no SVG needs one.
        if let at = find("<!DOCTYPE", in: bytes) ?? find("<!ENTITY", in: bytes) {
            return Problem(
                line: line(at, in: bytes),
                text: "an SVG with a DOCTYPE is not published (its entities can expand without bound): remove it")
        }
        if bytes.starts(with: [0x1F, 0x8B]) {
            return Problem(line: 1, text: "a compressed SVG (svgz) is not published: save it as plain SVG")
        }
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_NOCDATA.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "image.svg", nil, options)
            }
        }
        guard let document else {
            let error = xmlGetLastError()
            let line = error.map { Int($0.pointee.line) } ?? 1
            return Problem(line: max(1, line), text: "not well-formed XML, so not a publishable SVG")
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return Problem(line: 1, text: "no root element") }
        return problem(in: root)
    }

    private static func problem(in element: xmlNodePtr) -> Problem? {
        let name = String(cString: element.pointee.name)
        let line = Int(xmlGetLineNo(element))
        if forbiddenElements.contains(name) {
            return Problem(line: line, text: "`<\(name)>` is not allowed in a published SVG (it can run code)")
        }
        var attribute = element.pointee.properties
        while let current = attribute {
            let key = String(cString: current.pointee.name)
            let value =
                xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
                .map { pointer -> String in
                    defer { free(pointer) }
                    return String(cString: pointer)
                } ?? ""
            if key.lowercased().hasPrefix("on") {
                return Problem(line: line, text: "the event attribute `\(key)` is not allowed in a published SVG")
            }
            if key == "href", !isInternal(value, element: name) {
                return Problem(
                    line: line,
                    text:
                        "`<\(name) href=\"\(value.prefix(60))\">` refers outside the SVG: only `#id` (and data: images) may be used"
                )
            }
            if animations.contains(name), key == "attributeName",
                value.lowercased().hasSuffix("href") || value.lowercased().hasPrefix("on")
            {
                return Problem(line: line, text: "`<\(name)>` may not change `\(value)`")
            }
            if key == "style", let problem = styleProblem(value) { return Problem(line: line, text: problem) }
            attribute = current.pointee.next
        }
        if name == "style", let text = xmlNodeGetContent(element) {
            defer { free(text) }
            if let problem = styleProblem(String(cString: text)) { return Problem(line: line, text: problem) }
        }
        var child = element.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, let found = problem(in: current) { return found }
            child = current.pointee.next
        }
        return nil
    }

    /// `#id`, an empty value, or a data: picture in an image; a plain web link in `<a>`.
    static func isInternal(_ value: String, element: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return true }
        let lowered = trimmed.lowercased()
        if element == "image" || element == "feImage" {
            return ["data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;"].contains {
                lowered.hasPrefix($0)
            }
        }
        if element == "a" { return SafeURL.isAllowed(trimmed) }
        return false
    }

    /// CSS that loads something from elsewhere (`@import`, `url(…)` other than `#id`).
    static func styleProblem(_ css: String) -> String? {
        let lowered = css.lowercased()
        if lowered.contains("@import") { return "`@import` in an SVG's style loads from elsewhere" }
        var rest = Substring(lowered)
        while let range = rest.range(of: "url(") {
            let target = rest[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" }
            if !target.hasPrefix("#") { return "`url(…)` in an SVG's style may only name `#id`" }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    private static func find(_ needle: String, in bytes: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        for i in 0...(bytes.count - pattern.count) where bytes[i] == pattern[0] {
            if Array(bytes[i..<(i + pattern.count)]).elementsEqual(pattern) { return i }
        }
        return nil
    }

    private static func line(_ offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
