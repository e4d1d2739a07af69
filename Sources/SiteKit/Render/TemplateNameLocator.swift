import Foundation

/// Finds where template files use a name inside a tag, for warnings with a position.
struct TemplateNameLocator {
    struct Place: Equatable {
        var file: String
        var line: Int
        var column: Int
        var name: String
    }

    let folder: URL

    func places(of names: [String]) -> [Place] {
        guard !names.isEmpty else { return [] }
        let prefix = folder.lastPathComponent
        var places: [Place] = []
        for path in ContentTree.files(below: folder, withExtension: "mustache") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) else {
                continue
            }
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for name in names {
                    for tag in ["{{", "{{#", "{{^", "{{&", "{{{", "{{ ", "{{# ", "{{^ "] {
                        guard let range = line.range(of: tag + name) else { continue }
                        let after = line[range.upperBound...].first
                        guard after == "}" || after == " " else { continue }
                        let column = line[..<range.lowerBound].count + tag.count + 1
                        places.append(Place(file: "\(prefix)/\(path)", line: n + 1, column: column, name: name))
                        break
                    }
                }
            }
        }
        return places
    }
}
