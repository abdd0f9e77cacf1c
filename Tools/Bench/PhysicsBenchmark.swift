import Glibc
import Physics

/// Laser pulses per second through source, optics and four detectors (the physics alone), with
/// the literature defaults of ``StationParameters``.
enum PhysicsBenchmark {
    /// Simulates a fixed number of pulses at an 80 MHz repetition rate, with the analyzers
    /// cycling through the standard basis codes, and prints the rate and what was counted.
    static func run() {
        let pulseCount = 20_000_000
        let periodPicoseconds: Int64 = 12_500
        let parameters = StationParameters()
        var rng = PhysicsRandom(seed: 0x5EED)
        let station: StationModel
        do {
            station = try StationModel(parameters: parameters, rng: &rng)
        } catch {
            print("physics: the default station data is invalid: \(error)")
            return
        }
        var model = station
        let settings: [AnalyzerSetting] = [.horizontalVertical, .diagonalAntidiagonal, .rightLeft]
        var clicks = PulseClicks()
        var clickCount = 0
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = processCPUSeconds()
        for pulse in 0..<pulseCount {
            let pulseTime = Int64(pulse) * periodPicoseconds
            let setting = settings[pulse % 3]
            model.simulatePeriod(pulseAtPicoseconds: pulseTime, periodEndPicoseconds: pulseTime + periodPicoseconds,
                                 analyzerA: setting, analyzerB: setting, gate: nil, rng: &rng, into: &clicks)
            clickCount += clicks.count
        }
        let elapsed = clock.now - start
        let cpuSeconds = processCPUSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print("physics: \(pulseCount) pulses through source + optics + 4 detectors: "
            + "\(Int(Double(pulseCount) / cpuSeconds)) pulses/s of CPU time (\(cpuSeconds) s), "
            + "\(Int(Double(pulseCount) / seconds)) pulses/s of wall time (\(seconds) s); "
            + "\(clickCount) clicks, \(clicks.overflowCount) overflowed")
    }

    /// CPU time this process has used, in seconds: the honest figure on a shared machine, where
    /// wall time also counts the other processes' turns.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
