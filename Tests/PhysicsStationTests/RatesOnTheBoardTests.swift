import Vocabulary
import Firmware
import HAL
import Physics
import Testing

/// Count rates through the firmware on the simulated board against their closed forms, within 4
/// standard errors (each test names its error).
@Suite struct RatesOnTheBoardTests {
    /// Pairs: with no dark counts and dead time far shorter than the 10 µs cycle, a cycle gives a
    /// coincidence with probability p_exc·η_A·η_B·η_det², so the rate is R_trigger times that.
    /// Error: binomial, √(N p(1 − p)) on N cycles.
    @Test func pairCoincidenceRate() throws {
        let parameters = try TestStation.ideal {
            $0.source.excitationProbability = 0.9
            $0.armA.efficiency = 0.5
            $0.armB.efficiency = 0.5
            for index in $0.detectors.indices {
                $0.detectors[index].efficiency = 0.85
                $0.detectors[index].jitterRMSPicoseconds = 30
            }
        }
        let cycles = 20_000
        let run = try PhysicsStationRun(parameters, steps: [.init(label: "HV", codeA: 0, codeB: 0, cycles: cycles)], seed: 5)
        #expect(run.report.complete && run.report.lostEdges == 0)
        let pairProbability = 0.9 * 0.5 * 0.5 * 0.85 * 0.85
        let triggerRate = 1 / CycleTiming.standard.triggerPeriod.seconds
        let measuredRate = Double(run.report.total.totalCoincidences) / run.report.runDuration.seconds
        let expectedRate = triggerRate * pairProbability
        let error = triggerRate * (pairProbability * (1 - pairProbability) / Double(cycles)).squareRoot()
        #expect(abs(measuredRate - expectedRate) <= 4 * error,
                "pair rate \(measuredRate) /s, expected R·p_exc·η_A·η_B·η_det² = \(expectedRate) ± \(error) /s")
        // Singles of arm A (A+ and A−): p_exc·η_A·η_det per cycle, same binomial error.
        let singlesProbability = 0.9 * 0.5 * 0.85
        let singlesA = Double(run.report.total.singles[.aPlus] + run.report.total.singles[.aMinus]) / Double(cycles)
        #expect(abs(singlesA - singlesProbability)
                <= 4 * (singlesProbability * (1 - singlesProbability) / Double(cycles)).squareRoot())
    }

    /// Accidentals from dark counts alone: two free-running detectors (A+, B+) at rates a and b,
    /// no source. The firmware compares the first click of each detector in a cycle of N board
    /// cycles (1 ns); a click at t shows at the cycle edge ⌈t⌉, so the first click falls in bin
    /// i with probability e^{−a i}(1 − e^{−a}), and a coincidence is |i − j| ≤ w. The expected
    /// count is cycles × Σ_ij p_A(i) p_B(j) [|i − j| ≤ w]; for low occupancy it tends to
    /// R_A·R_B·(2w + 1 ns)·T per cycle — the textbook R_A·R_B·window with the window's full width
    /// on the quantized time axis. Error: Poisson, √(expected count).
    @Test func accidentalCoincidencesFromDarkCounts() throws {
        let darkRate = 2.5e6
        let windowNanoseconds: Int64 = 20
        let timing = CycleTiming(triggerPeriod: .nanoseconds(200), triggerPulseWidth: .nanoseconds(20),
                                 gateDelay: .zero, gateWidth: .nanoseconds(100),
                                 coincidenceWindow: .nanoseconds(windowNanoseconds))
        let parameters = try TestStation.ideal {
            $0.source.excitationProbability = 0
            for index in $0.detectors.indices {
                $0.detectors[index].mode = .freeRunning
                $0.detectors[index].deadTimePicoseconds = 0
                $0.detectors[index].clickPulseWidthPicoseconds = 1_000
            }
            $0.detectors[DetectorChannel.aPlus.rawValue].darkCountRatePerSecond = darkRate
            $0.detectors[DetectorChannel.bPlus.rawValue].darkCountRatePerSecond = darkRate
        }
        let cycles = 20_000
        let run = try PhysicsStationRun(parameters, steps: [.init(label: "dark", codeA: 0, codeB: 0, cycles: cycles)],
                                        timing: timing, seed: 11)
        #expect(run.report.complete && run.report.lostEdges == 0)

        let binsPerCycle = Int(timing.triggerPeriod.nanoseconds)
        let ratePerBin = darkRate * 1e-9
        let expected = Double(cycles) * Self.firstClickCoincidenceProbability(
            rateAPerBin: ratePerBin, rateBPerBin: ratePerBin, bins: binsPerCycle, windowBins: Int(windowNanoseconds))
        let measured = Double(run.report.total.coincidences[.plusPlus])
        #expect(abs(measured - expected) <= 4 * expected.squareRoot(),
                "accidentals \(measured), expected \(expected) ± \(expected.squareRoot())")
        #expect(run.report.total.coincidences.values[1...].allSatisfy { $0 == 0 }, "only A+ and B+ count")

        // The singles: a·T per cycle (no dead time); Poisson error.
        let expectedSingles = darkRate * timing.triggerPeriod.seconds * Double(cycles)
        for channel in [DetectorChannel.aPlus, .bPlus] {
            let singles = Double(run.report.total.singles[channel])
            #expect(abs(singles - expectedSingles) <= 4 * expectedSingles.squareRoot(), "singles \(singles) vs \(expectedSingles)")
        }
    }

    /// The exact sum tends to R_A·R_B·(2w + 1)·T at low occupancy (pure arithmetic, no simulation).
    @Test func accidentalFormulaTendsToTheTextbookForm() {
        let rate = 1e-7, bins = 10_000, window = 20
        let exact = Self.firstClickCoincidenceProbability(rateAPerBin: rate, rateBPerBin: rate, bins: bins, windowBins: window)
        let textbook = rate * rate * Double(2 * window + 1) * Double(bins)
        #expect(abs(exact / textbook - 1) < 0.01, "exact \(exact), R_A·R_B·window·T \(textbook)")
    }

    /// P(first A click and first B click of a cycle within `windowBins` of each other).
    static func firstClickCoincidenceProbability(rateAPerBin a: Double, rateBPerBin b: Double, bins: Int,
                                                 windowBins: Int) -> Double {
        func firstClick(_ rate: Double, _ bin: Int) -> Double { Double.exp(-rate * Double(bin)) * (1 - Double.exp(-rate)) }
        var probability = 0.0
        for i in 0..<bins {
            let lower = max(0, i - windowBins), upper = min(bins - 1, i + windowBins)
            var inWindow = 0.0
            for j in lower...upper { inWindow += firstClick(b, j) }
            probability += firstClick(a, i) * inWindow
        }
        return probability
    }

    /// Non-paralyzable dead time: a Poisson input of rate n is counted at m = n/(1 + n·τ)
    /// (Müller, Nucl. Instrum. Methods 112, 47 (1973)). Input: dark counts of A+, free-running,
    /// τ = 500 ns. Error: Poisson √N on the count N, which overstates the spread of a count
    /// regulated by dead time, so the bound is conservative.
    @Test(arguments: [2e5, 1e6, 3e6])
    func deadTimeSaturation(incidentRatePerSecond: Double) throws {
        let deadTimePicoseconds: Int64 = 500_000
        let timing = CycleTiming(triggerPeriod: .microseconds(2), triggerPulseWidth: .nanoseconds(100),
                                 gateDelay: .zero, gateWidth: .nanoseconds(500), coincidenceWindow: .nanoseconds(5))
        let parameters = try TestStation.ideal {
            $0.source.excitationProbability = 0
            for index in $0.detectors.indices { $0.detectors[index].mode = .freeRunning }
            $0.detectors[DetectorChannel.aPlus.rawValue].darkCountRatePerSecond = incidentRatePerSecond
            $0.detectors[DetectorChannel.aPlus.rawValue].deadTimePicoseconds = deadTimePicoseconds
            $0.detectors[DetectorChannel.aPlus.rawValue].afterpulseDelayPicoseconds = deadTimePicoseconds
        }
        let cycles = 5_000
        let run = try PhysicsStationRun(parameters, steps: [.init(label: "dark", codeA: 0, codeB: 0, cycles: cycles)],
                                        timing: timing, seed: 21)
        #expect(run.report.complete && run.report.lostEdges == 0)
        let seconds = run.report.runDuration.seconds
        let count = Double(run.report.total.singles[.aPlus])
        let tau = Double(deadTimePicoseconds) * 1e-12
        let expected = incidentRatePerSecond / (1 + incidentRatePerSecond * tau) * seconds
        #expect(abs(count - expected) <= 4 * expected.squareRoot(),
                "n = \(incidentRatePerSecond) /s: counted \(count / seconds) /s, m = n/(1 + nτ) = \(expected / seconds) /s")
    }
}
