import Foundation
import Testing

@testable import SiteKit

/// The write stage alone, on a temporary folder: staged, swapped in whole, never over a folder
/// it did not write, never outside the output.
@Suite struct WriteStageTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("write-stage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aSiteIsStagedAndSwappedInWhole() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        let first = SiteWriter(output: output)
        try first.prepare()
        try first.write("one", to: "ja/index.html")
        #expect(!FileManager.default.fileExists(atPath: output.path), "nothing shows before the commit")
        try first.commit()
        let second = SiteWriter(output: output)
        try second.prepare()
        try second.write("two", to: "en/index.html")
        try second.commit()
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("ja/index.html").path))
        #expect(try String(contentsOf: output.appendingPathComponent("en/index.html"), encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"], "no staging left")
    }

    @Test func aFolderItDidNotWriteIsNeverReplaced() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try "mine".write(to: root.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let writer = SiteWriter(output: root)
        #expect(throws: SiteWriter.ForeignOutput.self) { try writer.prepare() }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("notes.txt").path))
    }

    @Test(arguments: ["../x", "/etc/x", "a/../../x", "a/./b"])
    func pathsThatClimbOutAreRefused(_ path: String) throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = SiteWriter(output: root.appendingPathComponent("out"))
        try writer.prepare()
        #expect(throws: FileIO.Failure.self) { try writer.write("x", to: path) }
        writer.discard()
    }

    @Test func aFileIsReplacedInPlaceWithoutATornState() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        let writer = SiteWriter(output: output)
        try writer.prepare()
        try writer.write("old", to: "ja/a/index.html")
        try writer.commit()
        try SiteWriter(output: output).replace(Array("new".utf8), at: "ja/a/index.html")
        #expect(try String(contentsOf: output.appendingPathComponent("ja/a/index.html"), encoding: .utf8) == "new")
        let left = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("ja/a").path)
        #expect(left == ["index.html"], "no temporary file left")
    }
}
