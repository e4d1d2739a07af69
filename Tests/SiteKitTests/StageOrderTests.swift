import Foundation
import Testing

@testable import SiteKit

/// The engine's folders are its stages in run order, and no stage uses a type of a later one:
/// each stage can be read, and tested, with only what comes before it. `Support/` is used by
/// every stage and uses none; `Pipeline/` runs the stages and may use them all. The order is
/// the one list in code, `Stage`; the docs show the same.
@Suite struct StageOrderTests {
    static let stages = Stage.allCases.map(\.folder)
    static let engine = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/SiteKit").standardizedFileURL

    /// Source text without comments and string literals, where type names are only mentioned.
    static func code(of file: URL) throws -> String {
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var kept = line.components(separatedBy: "//").first ?? ""
            kept = kept.replacingOccurrences(of: #""([^"\\]|\\.)*""#, with: "\"\"", options: .regularExpression)
            return kept
        }.joined(separator: "\n")
    }

    /// Every Swift file below `folder`, subfolders too (`Render/BuiltIn/`).
    static func files(in folder: String) -> [URL] {
        let url = engine.appendingPathComponent(folder)
        let names = FileManager.default.subpaths(atPath: url.path) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { url.appendingPathComponent($0) }
    }

    @Test func everySourceFileIsInAStageSupportOrPipeline() throws {
        let top = try FileManager.default.contentsOfDirectory(atPath: Self.engine.path).sorted()
        #expect(Set(top) == Set(Self.stages + ["Support", "Pipeline"]), "\(top)")
        #expect(Self.files(in: "Render").contains { $0.path.contains("/BuiltIn/") }, "subfolders are read")
    }

    /// ARCHITECTURE.md's table of stages and the README's line list them in the order of `Stage`.
    @Test func theDocsListTheStagesInTheirRunOrder() throws {
        let root = Self.engine.deletingLastPathComponent().deletingLastPathComponent()
        let architecture = try String(contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        let rows = architecture.split(separator: "\n").compactMap { line -> String? in
            guard let match = line.firstMatch(of: /^\| [0-9½]+ \| [a-z]+ \| `([A-Za-z]+)\/` \|/) else { return nil }
            return String(match.1)
        }
        #expect(rows == Self.stages, "ARCHITECTURE.md: \(rows)")
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let line = readme.components(separatedBy: "one folder per stage in run order:").dropFirst().first ?? ""
        let listed = line.prefix(400).matches(of: /`([A-Z][a-z]+)\/`/).map { String($0.1) }
        #expect(Array(listed.prefix(Self.stages.count)) == Self.stages, "README: \(listed)")
    }

    @Test func noStageUsesALaterStageAndSupportUsesNone() throws {
        var declaredIn: [String: Int] = [:]
        let declaration = try NSRegularExpression(
            pattern:
                #"(?m)^(?:public |final |private |fileprivate |internal |indirect )*(?:struct|enum|class|protocol|actor) ([A-Z][A-Za-z0-9]*)"#
        )
        for (n, stage) in Self.stages.enumerated() {
            for file in Self.files(in: stage) {
                let code = try Self.code(of: file)
                for match in declaration.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                    declaredIn[String(code[Range(match.range(at: 1), in: code)!])] = n
                }
            }
        }
        #expect(declaredIn.count > 40)
        let word = try NSRegularExpression(pattern: #"\b[A-Z][A-Za-z0-9]*\b"#)
        var violations: [String] = []
        for (n, folder) in (Self.stages + ["Support"]).enumerated() {
            let own = folder == "Support" ? -1 : n
            for file in Self.files(in: folder) {
                let code = try Self.code(of: file)
                let used = Set(
                    word.matches(in: code, range: NSRange(code.startIndex..., in: code)).map {
                        String(code[Range($0.range, in: code)!])
                    })
                for name in used.sorted() {
                    if let stage = declaredIn[name], stage > own {
                        violations.append("\(folder)/\(file.lastPathComponent) uses \(name) of \(Self.stages[stage])/")
                    }
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }
}
