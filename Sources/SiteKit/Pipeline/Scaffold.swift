import Foundation

/// `iclei-site new SECTION SLUG`: a page in every language, with the front matter its section
/// declares in site.yaml (`sections.<name>.fields`), never overwriting anything. `page` makes
/// a standalone page. Dated sections get today's date (Japan time); article files are named
/// with it; a session series gets the next `number` of the current 年度.
public struct Scaffold: Sendable {
    public var root: URL
    /// Today in Japan time.
    var today: SiteDate

    public init(root: URL, now: Date = Date()) {
        self.root = root
        let (y, m, d, _) = SiteDate.civil(Int(now.timeIntervalSince1970) + SiteDate.tokyoOffsetSeconds)
        today = SiteDate(year: y, month: m, day: d, secondOfDay: 0, original: "\(pad(y, 4))-\(pad(m))-\(pad(d))")
    }

    /// Writes the files and returns their paths relative to the root.
    public func create(_ sectionName: String, slug: String) throws(BuildFailure) -> [String] {
        guard PageReader.isSafeSlug(slug), !slug.contains(".") else {
            throw BuildFailure([
                .error(slug, 1, 1, "a slug is one URL segment of letters, digits and hyphens, like saitama-matsuyama")
            ])
        }
        let configURL = root.appendingPathComponent(SiteConfig.path)
        let config: SiteConfig
        switch SiteConfig.parse(
            String(decoding: FileManager.default.contents(atPath: configURL.path) ?? Data(), as: UTF8.self))
        {
        case .success(let c): config = c
        case .failure(let failure): throw failure
        }
        let standalone = sectionName == "page"
        guard standalone || config.model.sections[sectionName] != nil else {
            let known = config.model.sections.keys.sorted()
            let hint = Suggest.closest(to: sectionName, in: known + ["page"]).map { "did you mean `\($0)`? " } ?? ""
            throw BuildFailure([
                .error(
                    SiteConfig.path, 1, 1,
                    "no section `\(sectionName)` in site.yaml: \(hint)"
                        + "`new` makes pages of \((known + ["page"]).map { "`\($0)`" }.joined(separator: ", "))")
            ])
        }
        let section = config.model.section(standalone ? "" : sectionName)
        let name = section.kind == .articles ? "\(today.iso)-\(slug)" : slug
        let stem = standalone ? "Content/\(slug)" : "Content/\(sectionName)/\(name)"
        let files = config.languageCodes.map { (lang: $0, path: "\(stem).\($0).md") }
        let existing = files.filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0.path).path)
        }
        guard existing.isEmpty else {
            throw BuildFailure(existing.map { .error($0.path, 1, 1, "already exists: `new` never overwrites a file") })
        }
        let number = section.field(role: .sequence).map { nextNumber(in: sectionName, field: $0.name) }
        for file in files {
            let url = root.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let text = skeleton(section, japanese: config.isJapanese(file.lang), number: number)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw BuildFailure([.error(file.path, 1, 1, "cannot write the file: \(error)")])
            }
        }
        return files.map(\.path)
    }

    func skeleton(_ section: ContentModel.SectionModel, japanese: Bool, number: Int?) -> String {
        var lines = ["---", "title: \"\(japanese ? "タイトル" : "Title")\""]
        // An event's date is its start's.
        if section.kind.isDated && section.field("date") == nil && !section.isEvents {
            lines.append("date: \(today.iso)")
        }
        for field in section.fields {
            if field.role == .sequence, let number {
                lines.append("\(field.name): \(number)")
                continue
            }
            // An optional URL has no placeholder that is a URL: it is shown, commented out.
            if field.type == .url && !field.required && field.defaultValue == nil {
                lines.append("# \(field.name): https://…")
                continue
            }
            lines.append("\(field.name): \(field.defaultValue.map(Self.yaml) ?? placeholder(field))")
        }
        lines.append("summary: \"\(japanese ? "一文の要約" : "A one-sentence summary")\"")
        return (lines + ["---", "", japanese ? "本文" : "Text", ""]).joined(separator: "\n")
    }

    private func placeholder(_ field: ContentModel.Field) -> String {
        switch field.type {
        case .text, .url, .image: return "\"\""
        case .date: return today.iso
        case .datetime: return "\(today.iso)T10:00:00+09:00"
        case .bool: return "false"
        case .int: return "0"
        case .list, .reference: return "[]"
        case .choice: return field.values.first ?? "\"\""
        case .mapping: return "{}"
        }
    }

    /// A value as one line of flow YAML.
    static func yaml(_ value: YAMLValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s):
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        case .list(let items): return "[" + items.map(yaml).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.keys.sorted().map { "\($0): \(yaml(object[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    /// One more than the highest session number of the current fiscal year.
    func nextNumber(in section: String, field: String) -> Int {
        var highest = 0
        let folder = root.appendingPathComponent("Content/\(section)")
        for path in ContentTree.files(below: folder, withExtension: "md") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path),
                case .success(let parts) = FrontMatterSplitter().split([UInt8](data), file: path),
                let yaml = parts.yaml,
                case .success(let fm) = YAMLReader.readMapping(yaml, file: path),
                let date = fm["date"]?.text.flatMap(SiteDate.parse), date.fiscalYear == today.fiscalYear,
                case .int(let n)? = fm[field]
            else { continue }
            highest = max(highest, n)
        }
        return highest + 1
    }
}
