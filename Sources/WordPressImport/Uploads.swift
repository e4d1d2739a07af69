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

    init(items: [WXRItem]) {
        for item in items {
            if item.type == "attachment" {
                byID[item.id] = File(
                    url: item.attachmentURL, alt: item.meta["_wp_attachment_image_alt"] ?? item.title,
                    parent: item.parent)
                if item.parent != 0 { byParent[item.parent, default: []].append(item.id) }
            } else if item.type == "wp_block" {
                blocks[item.id] = item.content
            }
        }
    }
}

/// Copies the uploads the published content uses, each once, and says where they are now.
final class UploadCopier {
    let files: FileWriter
    let source: SafeFolder?
    let basePath: String
    private(set) var copied: Set<String> = []
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
        guard let source else { return "is not copied (no --uploads)" }
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
