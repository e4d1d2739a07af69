import Foundation
public enum MustacheValue: Sendable, Equatable {
  case null, bool(Bool), int(Int), double(Double), string(String), html(String), list([MustacheValue]), object([String: MustacheValue])
}
public struct MustacheError: Error, Sendable { public var file: String; public var line: Int; public var column: Int; public var message: String }
public struct MustacheErrors: Error, Sendable { public var errors: [MustacheError] }
public struct TemplateLibrary: Sendable {
  public init(directory: URL, fileExtension: String = "mustache") throws { fatalError() }
  public func render(_ name: String, _ context: MustacheValue) throws -> String { fatalError() }
  public func contains(_ name: String) -> Bool { fatalError() }
}
extension TemplateLibrary {
  public var names: [String] { [] }
  public func referencedVariables(of name: String) -> Set<String> { [] }
}
