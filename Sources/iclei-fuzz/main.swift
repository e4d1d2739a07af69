// Random-input runs of the front matter splitter, the template parser and the Markdown
// wrapper:  swift run -c release iclei-fuzz [seconds per target] [seed]
import SiteKit

#if canImport(Glibc)
    import Glibc
#endif

let seconds = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 60
let seed = CommandLine.arguments.dropFirst(2).first.flatMap(UInt64.init) ?? 20_261_124
var failed = false
for target in Fuzz.Target.allCases {
    do {
        let runs = try Fuzz.run(target, seed: seed, iterations: .max, seconds: seconds)
        print("\(target.rawValue): \(runs) inputs in \(Int(seconds)) s, no failure (seed \(seed))")
    } catch {
        print("\(target.rawValue): FAILED: \(error)")
        failed = true
    }
}
if failed { exit(1) }
