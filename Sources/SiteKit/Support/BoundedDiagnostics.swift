/// One file's diagnostics, at most `limit` of them; past that they are only counted. A page with
/// 50,000 broken links on one line then costs a hundred positions and quoted lines, not 50,000
/// (each position is found by scanning the text, and each quotes its line).
struct BoundedDiagnostics: Sendable {
    static let perFile = 100

    let file: String
    var limit = perFile
    private(set) var kept: [Diagnostic] = []
    private var droppedErrors = 0
    private var droppedWarnings = 0

    init(file: String) { self.file = file }

    /// Callers check this before working out a position, so positions past the limit are
    /// never computed.
    var hasRoom: Bool { kept.count < limit }

    mutating func add(_ diagnostic: Diagnostic) {
        guard hasRoom else { return drop(diagnostic.severity) }
        kept.append(diagnostic)
    }

    mutating func drop(_ severity: Diagnostic.Severity) {
        if severity == .error { droppedErrors += 1 } else { droppedWarnings += 1 }
    }

    /// The kept diagnostics and, when some were dropped, one more that says how many (an error
    /// if any dropped one was, so the build fails as it would have).
    var all: [Diagnostic] {
        let dropped = droppedErrors + droppedWarnings
        guard dropped > 0 else { return kept }
        // Placed just after the last one listed, so that it is read last.
        let (line, column) = (kept.last?.line ?? 1, (kept.last?.column ?? 0) + 1)
        let message =
            "\(dropped) more problems in this file are not listed (\(droppedErrors) errors, \(droppedWarnings) warnings): only the first \(limit) are"
        return kept + [
            Diagnostic(
                file: file, line: line, column: column, severity: droppedErrors > 0 ? .error : .warning,
                message: message)
        ]
    }
}
