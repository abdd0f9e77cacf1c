import HAL
import LinuxHAL

/// `qdot-bench gpio-write`: the time of one output-line write through qdot's Linux backend
/// (`LinuxOutputLine.set`, one libgpiod call and one ioctl), to set beside the same write from a
/// minimal C loop on libgpiod (Tools/hil/gpio-write-loop.c, run by the gpio-sim lane).
///
/// Options (`QdotBench.GPIOWrite`): `--chip LABEL`, `--line NAME`, `--writes N` per round
/// (default 20 000), `--rounds N` (default 5). The line toggles on every write, after `writes / 10`
/// untimed warm-up writes (as the C loop makes); the report gives the median round, a
/// `gpio-write-result` line and a `gpio-write-rounds` line with every round in the order run, from
/// which the lane takes the minimum and median over runs interleaved with the C loop's.
enum GPIOWriteBenchmark {
    /// Measures `rounds` rounds of `writesPerRound` writes on line `lineName` of chip `chipLabel`
    /// and prints the report; returns the exit status (0 measured, 1 the line could not be written).
    static func run(chipLabel: String, lineName: String, writesPerRound: Int, rounds: Int) -> Int32 {
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
}
