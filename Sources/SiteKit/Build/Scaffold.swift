import Foundation

/// `iclei-site new`: both language files of a new page with the front matter its section
/// needs, never overwriting anything.
public struct Scaffold: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case news, cafe, member, page }

    public var root: URL
    /// Today in Japan time.
    public var today: SiteDate

    public init(root: URL, now: Date = Date()) {
        self.root = root
        let seconds = Int(now.timeIntervalSince1970) + SiteDate.tokyoOffsetSeconds
        let days = Int((Double(seconds) / 86400).rounded(.down))
        let (y, m, d) = SiteDate.civilFromDays(days)
        today = SiteDate(year: y, month: m, day: d, secondOfDay: 0, original: "\(pad(y, 4))-\(pad(m))-\(pad(d))")
    }

    /// Writes the files and returns their paths relative to the root.
    public func create(_ kind: Kind, slug: String) throws(BuildFailure) -> [String] {
        guard PageReader.isSafeSlug(slug), !slug.contains("."), !slug.contains(" ") else {
            throw BuildFailure([.error(slug, 1, 1, "a slug is one URL segment of letters, digits and hyphens, like saitama-matsuyama")])
        }
        let stem: String
        switch kind {
        case .news: stem = "Content/news/\(today.iso)-\(slug)"
        case .cafe: stem = "Content/cafe/\(slug)"
        case .member: stem = "Content/members/\(slug)"
        case .page: stem = "Content/\(slug)"
        }
        let files = ["ja", "en"].map { (lang: $0, path: "\(stem).\($0).md") }
        let existing = files.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0.path).path) }
        guard existing.isEmpty else {
            throw BuildFailure(existing.map { .error($0.path, 1, 1, "already exists: `new` never overwrites a file") })
        }
        let number = kind == .cafe ? nextCafeNumber() : 0
        for file in files {
            let url = root.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(skeleton(kind, lang: file.lang, number: number).utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw BuildFailure([.error(file.path, 1, 1, "cannot write the file: \(error)")])
            }
        }
        return files.map(\.path)
    }

    func skeleton(_ kind: Kind, lang: String, number: Int) -> String {
        let ja = lang == "ja"
        switch kind {
        case .news:
            return "---\ntitle: \"\(ja ? "タイトル" : "Title")\"\ndate: \(today.iso)\nmembers: []\ntags: []\nsummary: \"\(ja ? "一文の要約" : "A one-sentence summary")\"\n---\n\n\(ja ? "本文" : "Text")\n"
        case .cafe:
            let title = ja ? "第\(number)回イクレイカフェ「テーマ」" : "ICLEI Cafe No. \(number): Theme"
            return "---\ntitle: \"\(title)\"\ndate: \(today.iso)\nnumber: \(number)\ntheme: \"\(ja ? "テーマ" : "Theme")\"\nformat: online\npresenters: []\n---\n\n\(ja ? "本文" : "Text")\n"
        case .member:
            return "---\ntitle: \"\(ja ? "○○市" : "... City")\"\nnameJa: \"○○市\"\nnameEn: \"... City\"\nreading: \"まるまるし\"\nkind: city\nhead:\n  title: \"\(ja ? "市長" : "Mayor")\"\n  name: \"\(ja ? "氏名" : "FAMILY Given")\"\nmembershipClass: \"\(ja ? "正会員" : "Full member")\"\ninitiatives: []\nsummary: \"\(ja ? "一文の紹介" : "A one-sentence profile")\"\n---\n\n\(ja ? "## 取組のハイライト" : "## Highlights")\n"
        case .page:
            return "---\ntitle: \"\(ja ? "タイトル" : "Title")\"\nsummary: \"\(ja ? "一文の要約" : "A one-sentence summary")\"\n---\n\n\(ja ? "本文" : "Text")\n"
        }
    }

    /// One more than the highest session number of the current fiscal year.
    func nextCafeNumber() -> Int {
        var highest = 0
        let folder = root.appendingPathComponent("Content/cafe")
        for path in ContentTree.files(below: folder, withExtension: "md") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path),
                  case .success(let parts) = FrontMatterSplitter().split([UInt8](data), file: path), let yaml = parts.yaml,
                  case .success(let fm) = YAMLReader.readMapping(yaml, file: path),
                  let date = fm["date"]?.text.flatMap(SiteDate.parse), date.fiscalYear == today.fiscalYear,
                  case .int(let n)? = fm["number"] else { continue }
            highest = max(highest, n)
        }
        return highest + 1
    }
}
