import Foundation
import SiteKit

/// What the link checks found, by address, with when: `.iclei-cache/links.json`. A good link
/// is not fetched again for 7 days; a failing one is fetched again after a day and called
/// broken only once it has failed on two different days (a server down for an afternoon is
/// not a broken link). Answers without a response (timeouts, DNS, TLS) are never kept.
public struct LinkCache: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public enum Result: String, Sendable, Codable { case ok, moved, broken, unknown }
        public var result: Result
        public var checked: Date
        /// The status line or reason (`404 Not Found`).
        public var detail: String?
        /// Where a moved link should point.
        public var target: String?
        public var movedStatus: Int?
        /// The days (Japan time, `2026-12-06`) on which it failed, while it keeps failing.
        public var failedDays: [String]?
    }

    public var links: [String: Entry] = [:]

    public static let goodFor: TimeInterval = 7 * 86_400
    public static let badFor: TimeInterval = 86_400
    public static let fileName = "links.json"

    public init(links: [String: Entry] = [:]) { self.links = links }

    /// Whether the entry for `address` still stands at `now`, so the address is not fetched.
    public func isFresh(_ address: String, now: Date) -> Bool {
        guard let entry = links[address] else { return false }
        let age = now.timeIntervalSince(entry.checked)
        let life = entry.result == .ok || entry.result == .moved ? Self.goodFor : Self.badFor
        return age >= 0 && age < life
    }

    /// Keeps what a fetch found.
    public mutating func record(_ address: String, _ outcome: LinkOutcome, now: Date) {
        let before = links[address]
        switch outcome {
        case .ok:
            links[address] = Entry(result: .ok, checked: now)
        case .moved(let status, let target):
            links[address] = Entry(result: .moved, checked: now, target: target, movedStatus: status)
        case .broken(let detail):
            var days = before?.result == .broken ? before?.failedDays ?? [] : []
            let today = Self.day(now)
            if !days.contains(today) { days.append(today) }
            links[address] = Entry(result: .broken, checked: now, detail: detail, failedDays: Array(days.suffix(7)))
        case .unknown(let detail):
            // Says nothing about the page: an earlier failure stays counted, none is added.
            var entry = Entry(result: .unknown, checked: now, detail: detail)
            if before?.result == .broken { entry.failedDays = before?.failedDays }
            links[address] = entry
        case .unreachable:
            break
        }
    }

    /// Only the addresses the content still links to.
    public mutating func keep(only addresses: Set<String>) {
        links = links.filter { addresses.contains($0.key) }
    }

    /// The calendar day in Japan time, which is the editors' day.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    // MARK: The file

    /// The cache in `folder`, or an empty one (a missing file is no problem; an unreadable one
    /// is said, at its path, and replaced on the next save).
    public static func load(from folder: URL, root: URL) -> (LinkCache, Diagnostic?) {
        let file = folder.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: file) else { return (LinkCache(), nil) }
        do {
            return (try decoder.decode(LinkCache.self, from: data), nil)
        } catch {
            let path =
                file.path.hasPrefix(root.path + "/") ? String(file.path.dropFirst(root.path.count + 1)) : file.path
            return (
                LinkCache(),
                .warning(
                    path, 1, 1, "the link cache could not be read (\(Self.reason(error))); every link is fetched again")
            )
        }
    }

    /// Written beside and renamed over the old file, so a reader never sees half of it; the
    /// folder is made if missing, and never followed if it is a symbolic link.
    public func save(to folder: URL) throws {
        let manager = FileManager.default
        if let type = try? manager.attributesOfItem(atPath: folder.path)[.type] as? FileAttributeType {
            guard type == .typeDirectory else {
                throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: folder.path])
            }
        } else {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try (Self.encoder.encode(self) + Data([0x0A])).write(
            to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "no `\(key.stringValue)`"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "`\(context.codingPath.map(\.stringValue).joined(separator: "."))` is not what it should be"
        default: return "\(error)"
        }
    }
}
