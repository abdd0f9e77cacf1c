import HAL
import LinuxHAL

/// `qdot-bench gpio-write`: the time of one output-line write through qdot's Linux backend
/// (`LinuxOutputLine.set`, one libgpiod call and one ioctl), to set beside the same write from a
/// minimal C loop on libgpiod (Tools/hil/gpio-write-loop.c, run by the gpio-sim lane).
///
/// Options: `--chip LABEL` (required), `--line NAME` (required), `--writes N` per round
/// (default 20 000), `--rounds N` (default 5). The line toggles on every write, after `writes / 10`
/// untimed warm-up writes (as the C loop makes); the report gives the median round, a
/// `gpio-write-result` line and a `gpio-write-rounds` line with every round in the order run, from
/// which the lane takes the minimum and median over runs interleaved with the C loop's.
enum GPIOWriteBenchmark {
    /// Parses `arguments` (after the benchmark's name), measures, prints the report.
    static func run(arguments: [String]) -> Int32 {
        var chipLabel: String?, lineName: String?, writesPerRound = 20_000, rounds = 5
        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--chip": chipLabel = rest.popFirst()
            case "--line": lineName = rest.popFirst()
            case "--writes": guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else {
                    return usage("--writes needs a positive integer") }
                writesPerRound = value
            case "--rounds": guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else {
                    return usage("--rounds needs a positive integer") }
                rounds = value
            default: return usage("unknown option \(option)")
            }
        }
        guard let chipLabel, let lineName else { return usage("--chip and --line are required") }

        let clock = LinuxClock()
        do {
            let gpio = LinuxGPIO(consumer: "qdot-bench", driver: try LibgpiodDriver.load())
            let line = try gpio.requestOutputs(chipLabel: chipLabel, lines: [OutputLineSpec(name: lineName)])
            var nanosecondsPerWrite: [Double] = []
            var value = LineValue.inactive
            for _ in 0..<writesPerRound / 10 {
                value = value.toggled
                try line.set(value)
            }
            for _ in 0..<rounds {
                let start = clock.now
                for _ in 0..<writesPerRound {
                    value = value.toggled
                    try line.set(value)
                }
                let elapsed = clock.now - start
                nanosecondsPerWrite.append(Double(elapsed.nanoseconds) / Double(writesPerRound))
            }
            try line.driveSafe()
            let inOrder = nanosecondsPerWrite.map { "\(Int($0.rounded()))" }.joined(separator: " ")
            nanosecondsPerWrite.sort()
            let median = nanosecondsPerWrite[rounds / 2]
            print("== gpio-write: \(chipLabel):\(lineName) through LinuxOutputLine.set, \(rounds) rounds of \(writesPerRound) writes")
            print("  per write  median \(Int(median.rounded())) ns  (rounds: \(nanosecondsPerWrite.map { "\(Int($0.rounded()))" }.joined(separator: ", ")) ns)")
            print("  rate       \(Int((1e9 / median).rounded())) writes per second")
            print("gpio-write-result backend=qdot ns-per-write=\(Int(median.rounded()))")
            print("gpio-write-rounds backend=qdot ns-per-write=\(inOrder)")
            return 0
        } catch {
            print("qdot-bench gpio-write: \(error)")
            return 1
        }
    }

    private static func usage(_ problem: String) -> Int32 {
        print("qdot-bench gpio-write: \(problem)\n"
            + "usage: qdot-bench gpio-write --chip LABEL --line NAME [--writes N] [--rounds N]")
        return 2
    }
}
