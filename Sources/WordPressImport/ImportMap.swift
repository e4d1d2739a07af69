import Foundation
import Yams

/// `--map map.yaml`: where posts go by category, ja/en pairs the export does not carry, and
/// the language of items the export does not tag.
///
/// ```yaml
/// sections: {iclei-cafe: cafe, news: news}   # category slug → section (posts only)
/// pairs: [[120, 121], [130, 131]]            # WordPress post ids: ja, en
/// defaultLanguage: ja
/// ```
public struct ImportMap: Sendable {
    public var sections: [String: String] = [:]
    public var pairs: [[Int]] = []
    public var defaultLanguage = "ja"
    /// A WPML or Polylang language code → one of the site's (`{zh-hans: en}`); without it a
    /// code's first two letters are used.
    public var languages: [String: String] = [:]

    public init() {}

    public init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw WXRExport.Failure(description: "\(path):1:1: error: cannot read the map")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw WXRExport.Failure(description: "\(path):1:1: error: not YAML: \(error)")
        }
        guard let mapping = node?.mapping else {
            throw WXRExport.Failure(description: "\(path):1:1: error: the map is a YAML mapping (sections, pairs)")
        }
        for (key, value) in mapping {
            let line = key.mark.map { $0.line } ?? 1
            func fail(_ message: String) -> WXRExport.Failure {
                WXRExport.Failure(description: "\(path):\(line):1: error: \(message)")
            }
            switch key.string {
            case "sections":
                guard let sections = value.mapping else { throw fail("`sections` maps a category slug to a section") }
                for (category, section) in sections {
                    guard let c = category.string, let s = section.string else {
                        throw fail("`sections` maps a category slug to a section")
                    }
                    self.sections[c] = s
                }
            case "pairs":
                guard let list = value.sequence else { throw fail("`pairs` is a list of [ja id, en id]") }
                for pair in list {
                    let ids = pair.sequence?.compactMap(\.int) ?? []
                    guard ids.count == 2 else { throw fail("each pair is two WordPress post ids, like [120, 121]") }
                    pairs.append(ids)
                }
            case "defaultLanguage":
                guard let lang = value.string, ["ja", "en"].contains(lang) else {
                    throw fail("`defaultLanguage` is ja or en")
                }
                defaultLanguage = lang
            case "languages":
                guard let codes = value.mapping else {
                    throw fail("`languages` maps a WordPress language code to ja or en")
                }
                for (code, lang) in codes {
                    guard let c = code.string, let l = lang.string else {
                        throw fail("`languages` maps a WordPress language code to ja or en")
                    }
                    languages[c] = l
                }
            default:
                throw fail(
                    "unknown key `\(key.string ?? "")`: the map has sections, pairs, languages and defaultLanguage")
            }
        }
    }
}
