import Foundation

/// The export's attachments by id: where the file is, its alt text, the item it belongs to.
struct MediaLibrary {
    struct File {
        var url: String
        var alt: String
        var parent: Int
    }

    var byID: [Int: File] = [:]
    /// Attachment ids by the item they are attached to, in export order (`[gallery]` without
    /// `ids` shows these, as WordPress does).
    var byParent: [Int: [Int]] = [:]
    /// Reusable blocks' content (`<!-- wp:block {"ref":N} /-->`), by id.
    var blocks: [Int: String] = [:]
    /// The hosts the attachments are served from.
    var hosts: Set<String> = []
    /// The alt text the media library has for a file (`_wp_attachment_image_alt`), by its
    /// path below `uploads/` without WordPress's size suffix (`-150x150`).
    var altByUpload: [String: String] = [:]

    init(items: [WXRItem]) {
        for item in items {
            if item.type == "attachment" {
                byID[item.id] = File(
                    url: item.attachmentURL, alt: item.meta["_wp_attachment_image_alt"] ?? item.title,
                    parent: item.parent)
                if item.parent != 0 { byParent[item.parent, default: []].append(item.id) }
                if let host = URL(string: item.attachmentURL)?.host { hosts.insert(host) }
                if let alt = item.meta["_wp_attachment_image_alt"], !alt.isEmpty,
                    let range = item.attachmentURL.range(of: "/wp-content/uploads/")
                        ?? item.attachmentURL.range(of: ".files.wordpress.com/")
                {
                    altByUpload[Self.sizeless(String(item.attachmentURL[range.upperBound...]))] = alt
                }
            } else if item.type == "wp_block" {
                blocks[item.id] = item.content
            }
        }
    }
}

extension MediaLibrary {
    /// A file's path without query and without the size WordPress adds to the copies it
    /// makes (`photo-300x200.jpg` is `photo.jpg`).
    static func sizeless(_ path: String) -> String {
        let bare = String(path.prefix { $0 != "?" && $0 != "#" })
        return bare.replacing(/-[0-9]{1,5}x[0-9]{1,5}(\.[A-Za-z0-9]{1,5})$/) { $0.1 }
    }

    /// The media library's alt text for an image URL, if it is one of the attachments.
    func alt(for url: String) -> String? {
        guard !altByUpload.isEmpty else { return nil }
        for marker in ["/wp-content/uploads/", ".files.wordpress.com/"] {
            if let range = url.range(of: marker) {
                let decoded =
                    String(url[range.upperBound...]).removingPercentEncoding ?? String(url[range.upperBound...])
                if let alt = altByUpload[Self.sizeless(decoded)] { return alt }
            }
        }
        return nil
    }
}

/// Copies the uploads the published content uses, each once, and says where they are now.
final class UploadCopier {
    let files: FileWriter
    let source: SafeFolder?
    let basePath: String
    private(set) var copied: Set<String> = []
    /// Links to uploads left at their old address because no --uploads was given.
    private(set) var keptOld = 0
    /// A link or a folder in the way below `Public/`: the import stops with it.
    private(set) var failure: Error?

    init(files: FileWriter, source: SafeFolder?, basePath: String) {
        self.files = files
        self.source = source
        self.basePath = basePath
    }

    /// Nil when copied (now or before), else why not, in words.
    func copy(_ upload: String) throws -> String? {
        guard !copied.contains(upload) else { return nil }
        guard let source else {
            keptOld += 1
            return "is not copied (no --uploads)"
        }
        if let reason = try files.copyUpload(from: source, upload) { return reason }
        copied.insert(upload)
        return nil
    }

    /// The new address of an upload, or nil and a reason when it could not be copied.
    func address(_ upload: String) -> (String?, String?) {
        do {
            if let reason = try copy(upload) { return (nil, reason) }
            return (basePath + "wp-content/uploads/" + upload, nil)
        } catch {
            if failure == nil { failure = error }
            return (nil, nil)
        }
    }
}
