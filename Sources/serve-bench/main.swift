#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Preview

// Save-to-reload latency of `iclei-site serve`:
//
//   swift run -c release serve-bench SITE [EDITS]
//
// Starts the preview on SITE (a site root with Content/site.yaml and Templates/), connects
// to its event stream like a browser, then EDITS times (default 20) saves one content file
// the way editors do (a temporary file renamed over it) and measures the time from the
// rename to the `reload` event arriving; then the same for Templates/single.mustache.
// SITE for the bench corpus: its Content/ with Benchmarks/site/site.yaml copied in as
// Content/site.yaml, and Benchmarks/site/Templates as Templates/.
let arguments = CommandLine.arguments
guard arguments.count > 1 else {
    print("usage: serve-bench SITE [EDITS]")
    exit(2)
}
let site = URL(fileURLWithPath: arguments[1])
let edits = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20

enum Bench {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    final class Events: @unchecked Sendable {  // used by one task at a time
    let fd: Int32
    var buffer = ""
    init(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var request = Array("GET /__iclei/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeMutableBytes { send(fd, $0.baseAddress, $0.count, 0) }
        wait(for: ": connected")
    }

    func wait(for text: String) {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while buffer.range(of: text) == nil {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { fatalError("event stream closed") }
            buffer += String(decoding: chunk[0..<n], as: UTF8.self)
        }
        buffer = String(buffer[buffer.range(of: text)!.upperBound...])
    }
}

    static func save(_ path: String, _ data: Data) {
    let temporary = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent + ".tmp"
    try! data.write(to: URL(fileURLWithPath: temporary))
    rename(temporary, path)
}

    static func measure(_ file: String, count: Int, events: Events) -> [Double] {
    let original = try! Data(contentsOf: URL(fileURLWithPath: file))
    defer { Bench.save(file, original) ; events.wait(for: "event: ") }
    var times: [Double] = []
    for k in 0..<count {
        let edited = original + Data("\n<!-- edit \(k) -->\nEdit \(k).\n".utf8)
        Thread.sleep(forTimeInterval: 0.15)  // let the previous rebuild settle, as between saves
        let start = Bench.now()
        Bench.save(file, edited)
        events.wait(for: "event: reload")
        times.append(Double(Bench.now() - start) / 1e6)
    }
    return times
}

    static func report(_ name: String, _ times: [Double]) {
    let sorted = times.sorted()
    print(String(format: "%@: median %.1f ms, min %.1f, max %.1f over %d saves", name, sorted[sorted.count / 2], sorted.first!, sorted.last!, times.count))
}
}

let server = PreviewServer(options: .init(source: site, port: 0), log: { line in if !line.contains("incremental") { print(line) } })
let (benchSite, benchEdits) = (site, edits)
// Top-level code runs on the main actor; the measuring loop blocks on sockets, so it runs
// detached and ends the process when it has printed its figures.
try await server.run { ready in
    Task.detached {
        let events = Bench.Events(port: ready.port)
        let content = benchSite.appendingPathComponent("Content")
        let files = (FileManager.default.enumerator(atPath: content.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".md") && !$0.contains("_index") }.sorted()
        var contentTimes: [Double] = []
        for k in 0..<benchEdits {
            contentTimes += Bench.measure(content.path + "/" + files[(k * 7919) % files.count], count: 1, events: events)
        }
        Bench.report("content edit → reload event", contentTimes)
        let template = benchSite.appendingPathComponent("Templates/single.mustache").path
        Bench.report("template edit → reload event", Bench.measure(template, count: max(3, benchEdits / 4), events: events))
        PreviewServer.remove(ready.output.deletingLastPathComponent())  // exit skips the server's own clean-up
        exit(0)
    }
}
