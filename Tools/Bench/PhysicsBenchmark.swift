import Vocabulary
import Composition
import Physics
import SeededRandom

/// Laser pulses per second through source, optics and four detectors (the physics alone), with
/// the literature defaults of ``StationParameters``.
enum PhysicsBenchmark {
    /// Simulates a fixed number of pulses at an 80 MHz repetition rate, with the analyzers
    /// cycling through the standard basis codes, and prints the rate and what was counted.
    static func run() {
        let pulseCount = 20_000_000
        let periodPicoseconds: Int64 = 12_500
        let parameters = StationParameters()
        var rng = Xoshiro256StarStar(seed: 0x5EED)
        let station: StationModel
        do {
            station = try StationModel(parameters: parameters, rng: &rng)
        } catch {
            print("physics: the default station data is invalid: \(error)")
            return
        }
        var model = station
        let settings: [AnalyzerBasis] = [.horizontalVertical, .diagonalAntidiagonal, .rightLeft]
        var clicks = PulseClicks()
        var clickCount = 0
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = CPUTime.process()
        for pulse in 0..<pulseCount {
            let pulseTime = Int64(pulse) * periodPicoseconds
            let setting = settings[pulse % 3]
            model.simulatePeriod(pulseAtPicoseconds: pulseTime, periodEndPicoseconds: pulseTime + periodPicoseconds,
                                 analyzerA: setting, analyzerB: setting, gate: nil, rng: &rng, into: &clicks)
            clickCount += clicks.count
        }
        let elapsed = clock.now - start
        let cpuSeconds = CPUTime.process() - cpuStart
        let seconds = elapsed.inSeconds
        print("physics: \(pulseCount) pulses through source + optics + 4 detectors: "
            + "\(Int(Double(pulseCount) / cpuSeconds)) pulses/s of CPU time (\(cpuSeconds) s), "
            + "\(Int(Double(pulseCount) / seconds)) pulses/s of wall time (\(seconds) s); "
            + "\(clickCount) clicks, \(clicks.overflowCount) overflowed")
    }

}
