import Foundation
import Preview

#if canImport(Glibc)
    import Glibc
#endif

// Save-to-reload latency of `iclei-site serve`:
//
//   swift run -c release --static-swift-stdlib serve-bench SITE [EDITS]
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

/// The preview's event stream, read the way a browser's EventSource reads it.
final class EventStream: @unchecked Sendable {  // used by one task at a time
    let fd: Int32
    var buffer = ""

    init(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
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

/// Saves as editors do: a temporary file renamed over the real one.
@Sendable func save(_ path: String, _ data: Data) {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp").path
    try! data.write(to: URL(fileURLWithPath: temporary))
    rename(temporary, path)
}

/// Milliseconds from each of `count` saves of `file` to the reload event; the file is put back after.
@Sendable func measure(_ file: String, count: Int, events: EventStream) -> [Double] {
    let original = try! Data(contentsOf: URL(fileURLWithPath: file))
    defer {
        save(file, original)
        events.wait(for: "event: ")
    }
    var times: [Double] = []
    for k in 0..<count {
        let edited = original + Data("\n<!-- edit \(k) -->\nEdit \(k).\n".utf8)
        Thread.sleep(forTimeInterval: 0.15)  // let the previous rebuild settle, as between saves
        let start = DispatchTime.now().uptimeNanoseconds
        save(file, edited)
        events.wait(for: "event: reload")
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times
}

@Sendable func report(_ name: String, _ times: [Double]) {
    let sorted = times.sorted()
    print(
        String(
            format: "%@: median %.1f ms, min %.1f, max %.1f over %d saves",
            name, sorted[sorted.count / 2], sorted.first!, sorted.last!, times.count))
}

let server = PreviewServer(
    options: .init(source: site, port: 0), log: { line in if !line.contains("incremental") { print(line) } })
let (readiness, announce) = AsyncStream<PreviewServer.Ready>.makeStream()
let serving = Task { try await server.run { announce.yield($0) } }
guard let ready = await readiness.first(where: { _ in true }) else { fatalError("the preview did not start") }
// The measuring loop blocks on sockets, so it runs off the main actor.
let (benchSite, benchEdits) = (site, edits)
await Task.detached {
    let events = EventStream(port: ready.port)
    let content = benchSite.appendingPathComponent("Content")
    let files = (FileManager.default.enumerator(atPath: content.path)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".md") && !$0.contains("_index") }.sorted()
    var contentTimes: [Double] = []
    for k in 0..<benchEdits {
        contentTimes += measure(content.path + "/" + files[(k * 7919) % files.count], count: 1, events: events)
    }
    report("content edit → reload event", contentTimes)
    let template = benchSite.appendingPathComponent("Templates/single.mustache").path
    report("template edit → reload event", measure(template, count: max(3, benchEdits / 4), events: events))
}.value
serving.cancel()  // a graceful shutdown, which removes the preview's folder
_ = await serving.result
