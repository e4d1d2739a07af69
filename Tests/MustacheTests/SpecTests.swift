import Foundation
import Testing

@testable import Mustache

/// Runs the official Mustache specification files, unchanged, from `Spec/` beside this file
/// (vendored with their licence and version, so a clone on its own runs them).
@Suite struct SpecTests {
    static let required = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance",
    ]
    /// Optional modules we do not implement, and why. They are reported, never counted as passed.
    static let skipped = [
        "~lambdas": "lambdas are code in the data; this engine is logic-less by design and its values are data only",
        "~dynamic-names": "dynamic partial names would defeat checking every partial at load time",
    ]

    static var specFolder: URL {
        if let path = ProcessInfo.processInfo.environment["MUSTACHE_SPEC_DIR"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Spec")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var name: String
        var template: String
        var data: MustacheValue
        var partials: [String: String]
        var expected: String
        var testDescription: String { "\(file): \(name)" }
    }

    static func cases(_ file: String) throws -> [Case] {
        let url = specFolder.appendingPathComponent(file + ".json")
        let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        return spec.tests.map { test in
            Case(
                file: file, name: test.name, template: test.template, data: test.data.value,
                partials: test.partials ?? [:], expected: test.expected)
        }
    }

    struct SpecFile: Decodable { var tests: [SpecCase] }
    struct SpecCase: Decodable {
        var name: String
        var template: String
        var data: JSONValue
        var partials: [String: String]?
        var expected: String
    }

    /// JSON → the engine's typed values (test input only).
    struct JSONValue: Decodable {
        var value: MustacheValue
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                value = .null
            } else if let b = try? c.decode(Bool.self) {
                value = .bool(b)
            } else if let i = try? c.decode(Int.self) {
                value = .int(i)
            } else if let d = try? c.decode(Double.self) {
                value = .double(d)
            } else if let s = try? c.decode(String.self) {
                value = .string(s)
            } else if let a = try? c.decode([JSONValue].self) {
                value = .list(a.map(\.value))
            } else {
                value = .object(try c.decode([String: JSONValue].self).mapValues(\.value))
            }
        }
    }

    static var allCases: [Case] { required.flatMap { (try? cases($0)) ?? [] } }

    @Test func specFilesArePresent() throws {
        for file in Self.required {
            #expect(
                FileManager.default.fileExists(atPath: Self.specFolder.appendingPathComponent(file + ".json").path),
                "missing spec file \(file).json in \(Self.specFolder.path)")
        }
        #expect(Self.allCases.count > 130)
        for (file, reason) in Self.skipped.sorted(by: { $0.key < $1.key }) {
            let count = (try? Self.cases(file).count) ?? 0
            print("skipping \(file).json (\(count) tests): \(reason)")
        }
    }

    @Test(arguments: SpecTests.allCases)
    func spec(_ test: Case) throws {
        var templates = ["__main__": try Template(source: test.template, name: "__main__")]
        for (name, source) in test.partials { templates[name] = try Template(source: source, name: name) }
        var library = TemplateLibrary(templates: templates)
        library.partialSearchPrefixes = [""]
        library.strictPartials = false
        let output = try library.render("__main__", test.data)
        #expect(output == test.expected, "\(test.file): \(test.name)")
    }
}
