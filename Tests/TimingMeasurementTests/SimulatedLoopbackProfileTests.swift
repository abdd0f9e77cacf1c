import Boards
import Composition
import Foundation
import HAL
import Testing
import TimingMeasurement

/// `qdot profile --loopback` on the built-in simulated Raspberry Pi 4: the profile it measures
/// through the simulated jumper must be the profile the board pays
/// (Board/profiles/raspberry-pi-4.profile.toml), within the fits' statistical bounds.
///
/// What is exact and what is statistical: the simulated board charges every call its profile's
/// cost, to the nanosecond, so every cost must come back exactly. Latencies are drawn per wake-up
/// and per edge (a floor plus an exponential tail of mean τ, in whole 1 ns cycles), so their fits
/// are bounded by their standard errors: the tail mean within 4 τ/√(n − 1) (a 4σ bound: the estimator
/// is a scaled χ² of 2(n − 1) degrees of freedom, near normal here; the cycles' flooring moves it by
/// −0.5 ns), the floor within 4 τ/n + 1 ns (the least sample exceeds the floor by an exponential of
/// mean τ/n). The largest of n draws lies near floor + τ·ln n, by a Gumbel law:
/// P(max < floor + τ(ln n − 3)) = e^(−e³) ≈ 2·10⁻⁹, P(max > floor + τ(ln n + 7)) ≈ e^(−7) ≈ 10⁻³.
@Suite struct SimulatedLoopbackProfileTests {
    static let cycles = 5_000

    static func board() throws -> BoardDefinition {
        try #require(try BoardDefinition.builtIn(named: "simulated-raspberry-pi-4"))
    }

    static func measure(_ definition: BoardDefinition, profileOverride: TimingProfile? = nil,
                        seed: UInt64 = 1) throws -> MeasuredTimingProfile {
        let simulated = try SimulatedLoopbackBench(definition: definition, seed: seed, profileOverride: profileOverride)
        let samples = try LoopbackMeasurement.run(on: simulated.bench, plan: LoopbackPlan(cycles: cycles))
        let paid = SimulatedStationBuilder.timingProfile(of: definition, override: profileOverride)
        return MeasuredTimingProfile(name: "measured", samples: samples, unmeasured: paid, unmeasuredSource: "the board's profile")
    }

    /// `fit` recovers `truth` (shifted by `offset`, the part of the floor the fit's sum holds besides it).
    static func expect(_ fit: LatencyFit, recovers truth: LatencyDistribution, offset: Int64 = 0,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let n = Double(fit.sampleCount), tau = Double(truth.tailMean.nanoseconds)
        let floor = Double(truth.minimum.nanoseconds + offset)
        #expect(abs(fit.floorNanoseconds - floor) <= 4 * tau / n + 1,
                "floor \(fit.floorNanoseconds) vs \(floor)", sourceLocation: sourceLocation)
        #expect(abs(fit.tailMeanNanoseconds - tau) <= 4 * tau / (n - 1).squareRoot() + 0.5,
                "tail mean \(fit.tailMeanNanoseconds) ± \(fit.tailMeanStandardErrorNanoseconds) vs \(tau)",
                sourceLocation: sourceLocation)
        let largest = Double(fit.largestNanoseconds)
        #expect(largest >= floor + tau * (log(n) - 3) && largest <= floor + tau * (log(n) + 7),
                "largest \(largest) vs floor + τ ln n = \(floor + tau * log(n))", sourceLocation: sourceLocation)
        #expect(fit.largestNanoseconds <= truth.maximum.nanoseconds + offset, sourceLocation: sourceLocation)
    }

    @Test func theMeasuredProfileRecoversTheSimulatedRaspberryPi4() throws {
        let truth = try #require(try TimingProfile.builtIn("raspberry-pi-4"))
        let measured = try Self.measure(try Self.board())
        let profile = measured.profile
        #expect(measured.samples.cycles == Self.cycles)
        #expect(measured.samples.overruns == 0 && measured.samples.extraEdges == 0)
        #expect(measured.wake.sampleCount == Self.cycles && measured.writeToStamp.sampleCount == 2 * Self.cycles)
        // Every cycle's first read but the first cycle's finds the edge the last one's return to the
        // safe level left waiting (the last cycle's is polled for after the loop).
        #expect(measured.samples.oneEdgeReadSpans.count == Self.cycles - 1 && measured.samples.emptyReadSpans.count == Self.cycles)
        // Costs: exact.
        #expect(profile.clockReadCost == truth.clockReadCost)
        #expect(profile.lineWriteCost == truth.lineWriteCost)
        #expect(profile.edgeReadCost == truth.edgeReadCost)
        #expect(profile.edgeReadCostPerEvent == truth.edgeReadCostPerEvent)
        #expect(profile.lineReadCost == truth.lineReadCost)
        #expect(measured.lineWrite.standardErrorNanoseconds == 0 && measured.edgeRead.standardErrorNanoseconds == 0)
        // Wake-ups: the profile's floor, tail and cut.
        Self.expect(measured.wake, recovers: truth.wakeLatency)
        #expect(profile.wakeLatency.minimum == truth.wakeLatency.minimum)
        // Write start → stamp: W + S, the simulated write latency (900 ns) plus the stamp latency.
        Self.expect(measured.writeToStamp, recovers: truth.edgeStampLatency, offset: truth.lineWriteLatency.nanoseconds)
        // The split is the documented assumption, W = the write cost, not the simulated 900/2000 ns:
        // the sum's floor is kept whole.
        #expect(profile.lineWriteLatency == profile.lineWriteCost)
        #expect(profile.lineWriteLatency + profile.edgeStampLatency.minimum
            == truth.lineWriteLatency + truth.edgeStampLatency.minimum)
        #expect(profile.edgeStampLatency.maximum.nanoseconds == measured.writeToStamp.largestNanoseconds - profile.lineWriteLatency.nanoseconds)
        // Not measured: the board's own profile's.
        #expect(profile.edgeEventsPerLine == truth.edgeEventsPerLine && profile.shortestPulse == truth.shortestPulse)
    }

    /// The file reads back as exactly the measured profile, is a profile the simulated board takes
    /// (its write lands within its call), and says how each figure was got.
    @Test func theWrittenFileReadsBackAsTheMeasuredProfile() throws {
        let measured = try Self.measure(try Self.board())
        let provenance = LoopbackProvenance(
            boardName: "simulated-raspberry-pi-4", boardFile: "(built in)", triggerLine: "qdot-sim/TRIGGER",
            loopbackLine: "qdot-sim/LOOPBACK", measuredAt: "2025-01-01T00:00:00Z", system: "the simulated board (seed 1)",
            gpioLibrary: "none \"simulated\"", realtime: "simulated time", stampClock: "the board's clock")
        let text = measured.fileText(provenance: provenance, plan: LoopbackPlan(cycles: Self.cycles))
        let parsed = try TimingProfile.parse(text: text, fileName: "measured.profile.toml")
        #expect(parsed == measured.profile)
        #expect(parsed.lineWriteLatency <= parsed.lineWriteCost)
        let figures = text.split(separator: "\n").filter { $0.contains(" = ") && !$0.hasPrefix("#") }
        #expect(figures.count == 16)
        #expect(figures.allSatisfy { $0.contains("# ") }, "every figure has its comment")
        #expect(text.contains("ASSUMPTION: a loopback measures write start → edge stamp"))
        #expect(text.contains("events-per-line = 16") && text.contains("NOT MEASURED"))
        #expect(text.contains("\(2 * Self.cycles) set calls") && text.contains("\(Self.cycles) wake-ups"))
        #expect(text.contains("When:    2025-01-01T00:00:00Z"))
    }

    /// Measuring a board that pays the measured profile gives it back: its costs exactly, its
    /// latencies within the bounds (the split W = write cost is its own fixed point).
    @Test func theMeasuredProfileIsAFixedPointOfTheMeasurement() throws {
        let first = try Self.measure(try Self.board())
        let second = try Self.measure(try Self.board(), profileOverride: first.profile, seed: 2)
        #expect(second.profile.lineWriteCost == first.profile.lineWriteCost)
        #expect(second.profile.edgeReadCost == first.profile.edgeReadCost)
        #expect(second.profile.lineReadCost == first.profile.lineReadCost)
        #expect(second.profile.lineWriteLatency == first.profile.lineWriteLatency)
        Self.expect(second.writeToStamp, recovers: first.profile.edgeStampLatency, offset: first.profile.lineWriteLatency.nanoseconds)
        Self.expect(second.wake, recovers: first.profile.wakeLatency)
    }
}
