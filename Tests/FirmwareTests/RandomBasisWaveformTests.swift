import Vocabulary
import Firmware
import HAL
import SeededRandom
import Simulator
import Testing

/// BBM92's random bases on the board: each cycle the firmware draws arm A's code, then arm B's,
/// from the schedule's seeded xoshiro256**, and writes a basis line only when its level changes.
@Suite struct RandomBasisWaveformTests {
    /// Two basis lines per arm, all outputs on one chip (one request): bits 2–5 are A0 A1 B0 B1.
    static let outputs = (chip: "qdot-sim", lines: ["TRIGGER", "GATE", "BASIS_A0", "BASIS_A1", "BASIS_B0", "BASIS_B1", "STATUS"])
    static let basisA = ["BASIS_A0", "BASIS_A1"], basisB = ["BASIS_B0", "BASIS_B1"]
    static let plusAndMinus = RandomBasisChoice(codesA: [0, 1], codesB: [0, 1])

    static func station(settings: StandInStation.Settings = .dark) throws -> WiredStationFixture {
        try WiredStationFixture(outputChips: [outputs], gates: ["GATE"], basisA: basisA, basisB: basisB,
                                settings: settings)
    }

    static func bbm92(cycles: Int, choice: RandomBasisChoice, seed: UInt64) -> CycleSchedule {
        CycleSchedule(timing: .standard, steps: [
            ScheduleStep(label: "random", codes: BasisCodes(armA: 0, armB: 0), cycles: cycles, randomBasis: choice),
        ], basisSeed: seed)
    }

    /// The codes a run must draw: per cycle arm A, then arm B, each uniform over its list.
    static func draws(cycles: Int, choice: RandomBasisChoice, seed: UInt64) -> [BasisCodes] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<cycles).map { _ in
            let a = Int(generator.next(upperBound: UInt64(choice.codesA.count)))
            let b = Int(generator.next(upperBound: UInt64(choice.codesB.count)))
            return BasisCodes(armA: choice.codesA[a], armB: choice.codesB[b])
        }
    }

    /// Each basis line's level for `codes`, in request order A0 A1 B0 B1.
    static func levels(_ codes: BasisCodes) -> [(name: String, high: Bool)] {
        basisA.indices.map { (basisA[$0], (codes.armA >> UInt8($0)) & 1 == 1) }
            + basisB.indices.map { (basisB[$0], (codes.armB >> UInt8($0)) & 1 == 1) }
    }

    @Test func sixCyclesOfSeedNineDrawTheBasesWrittenOut() throws {
        // xoshiro256** seeded 9 (splitmix64 state), top bit of each output for a draw below 2,
        // worked out apart from qdot: (A, B) = (0,0) (0,1) (1,1) (1,1) (0,0) (1,1).
        // Deadlines every 10 µs from 10 µs; at each, the basis write (if any) precedes the gate.
        // Cycle 1 writes all four lines (nothing held yet) but changes none; cycle 4 repeats
        // cycle 3's codes and writes nothing; A1 and B1 stay low throughout (codes 0 and 1).
        let fixture = try Self.station()
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.bbm92(cycles: 6, choice: Self.plusAndMinus, seed: 9))
        #expect(report.complete)
        #expect(fixture.waveform == [
            "0 STATUS ↑",
            "10000 GATE ↑", "10500 TRIGGER ↑", "11500 TRIGGER ↓", "12000 GATE ↓",
            "20000 BASIS_B0 ↑", "20000 GATE ↑", "20500 TRIGGER ↑", "21500 TRIGGER ↓", "22000 GATE ↓",
            "30000 BASIS_A0 ↑", "30000 GATE ↑", "30500 TRIGGER ↑", "31500 TRIGGER ↓", "32000 GATE ↓",
            "40000 GATE ↑", "40500 TRIGGER ↑", "41500 TRIGGER ↓", "42000 GATE ↓",
            "50000 BASIS_A0 ↓", "50000 BASIS_B0 ↓", "50000 GATE ↑", "50500 TRIGGER ↑", "51500 TRIGGER ↓", "52000 GATE ↓",
            "60000 BASIS_A0 ↑", "60000 BASIS_B0 ↑", "60000 GATE ↑", "60500 TRIGGER ↑", "61500 TRIGGER ↓", "62000 GATE ↓",
            "70000 BASIS_A0 ↓", "70000 BASIS_B0 ↓", "70000 STATUS ↓",
        ])
        // The writes that touch a basis line: arming's safe drive, then only the lines whose
        // level changes (both arms in one bulk write when both change), then the final safe drive.
        #expect(fixture.writes.filter { $0.contains("BASIS") } == [
            "0 qdot-sim: TRIGGER↓ GATE↓ BASIS_A0↓ BASIS_A1↓ BASIS_B0↓ BASIS_B1↓ STATUS↓",
            "10000 qdot-sim: BASIS_A0↓ BASIS_A1↓ BASIS_B0↓ BASIS_B1↓",
            "20000 qdot-sim: BASIS_B0↑",
            "30000 qdot-sim: BASIS_A0↑",
            "50000 qdot-sim: BASIS_A0↓ BASIS_B0↓",
            "60000 qdot-sim: BASIS_A0↑ BASIS_B0↑",
            "70000 qdot-sim: TRIGGER↓ GATE↓ BASIS_A0↓ BASIS_A1↓ BASIS_B0↓ BASIS_B1↓ STATUS↓",
        ])
    }

    /// Codes 0/1 flip one line per arm; codes 1/2 (A) and 0/3 (B) flip both lines of an arm at once.
    @Test(arguments: [plusAndMinus, RandomBasisChoice(codesA: [1, 2], codesB: [0, 3])])
    func basisLinesChangeOnlyWhenTheDrawnCodeChanges(choice: RandomBasisChoice) throws {
        let cycles = 200, seed: UInt64 = 92
        let fixture = try Self.station()
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.bbm92(cycles: cycles, choice: choice, seed: seed))
        #expect(report.complete)

        // What the lines must do: at cycle k's deadline (10 µs × (k + 1)) every line whose level
        // differs from the last cycle's goes there, in one write; the first cycle writes all four.
        var expectedEdges: [String] = [], expectedWrites: [String] = []
        var held = Self.levels(BasisCodes(armA: 0, armB: 0))
        for (k, codes) in Self.draws(cycles: cycles, choice: choice, seed: seed).enumerated() {
            let time = 10_000 * (k + 1), now = Self.levels(codes)
            let changed = now.indices.filter { now[$0].high != held[$0].high }
            expectedEdges += changed.map { "\(time) \(now[$0].name) \(now[$0].high ? "↑" : "↓")" }
            let written = k == 0 ? Array(now.indices) : changed
            if !written.isEmpty {
                expectedWrites.append("\(time) qdot-sim: " + written.map { now[$0].name + (now[$0].high ? "↑" : "↓") }
                    .joined(separator: " "))
            }
            held = now
        }
        let endOfRun = 10_000 * (cycles + 1)
        expectedEdges += held.filter(\.high).map { "\(endOfRun) \($0.name) ↓" }

        #expect(fixture.waveform.filter { $0.contains("BASIS") } == expectedEdges)
        let basisWrites = fixture.writes.filter { $0.contains("BASIS") }
        #expect(Array(basisWrites.dropFirst().dropLast()) == expectedWrites)
        // Most cycles of a uniform draw keep at least one arm's code: far fewer writes than cycles.
        #expect(expectedWrites.count > 100 && expectedWrites.count < cycles)
    }

    @Test func everyClickCarriesTheCodesDrawnForItsCycle() throws {
        var settings = StandInStation.Settings.dark
        settings.clickProbabilities = [1, 0, 1, 0]          // A+ and B+ every pulse
        let fixture = try Self.station(settings: settings)
        let ring = ClickEventRing(capacity: 1_024)
        fixture.controller.arm()
        let cycles = 64, seed: UInt64 = 21
        let report = try fixture.controller.run(Self.bbm92(cycles: cycles, choice: Self.plusAndMinus, seed: seed),
                                                clicks: ring)
        #expect(report.clickEventsDropped == 0)
        var events: [ClickEvent] = []
        ring.drain { events.append($0) }

        let draws = Self.draws(cycles: cycles, choice: Self.plusAndMinus, seed: seed)
        #expect(events.count == 2 * cycles)
        for event in events {
            #expect(event.codes == draws[Int(event.cycle)], "cycle \(event.cycle)")
            #expect(event.setting == 0)
            // Trigger ↑ 500 ns after the deadline, laser 100 ns later, photons 200 ns after that.
            #expect(event.timestamp.nanoseconds == 10_000 * (event.cycle + 1) + 800)
        }
        #expect(events.map(\.cycle) == (0..<Int64(cycles)).flatMap { [$0, $0] })
        #expect(events.map(\.channel) == Array(repeating: [DetectorChannel.aPlus, .bPlus], count: cycles).flatMap { $0 })
        // Both arms see both codes: the draw is not stuck.
        #expect(Set(events.map(\.codes.armA)) == [0, 1] && Set(events.map(\.codes.armB)) == [0, 1])
    }

    @Test func aRandomStepAfterAFixedOneWritesOnlyWhenTheDrawDiffersFromTheHeldCodes() throws {
        // Fixed A1/B1 for two cycles (10, 20 µs), then three random cycles seeded 0, which draw
        // (1,1) (0,0) (1,1): the first equals what the lines hold, so nothing is written at 30 µs;
        // at 40 µs the step has written nothing yet, so all four lines are written; at 50 µs
        // only the two that change.
        let fixture = try Self.station()
        fixture.controller.arm()
        let report = try fixture.controller.run(CycleSchedule(timing: .standard, steps: [
            ScheduleStep(label: "A1/B1", codes: BasisCodes(armA: 1, armB: 1), cycles: 2),
            ScheduleStep(label: "random", codes: BasisCodes(armA: 0, armB: 0), cycles: 3, randomBasis: Self.plusAndMinus),
        ], basisSeed: 0))
        #expect(report.complete)
        #expect(fixture.writes.filter { $0.contains("BASIS") } == [
            "0 qdot-sim: TRIGGER↓ GATE↓ BASIS_A0↓ BASIS_A1↓ BASIS_B0↓ BASIS_B1↓ STATUS↓",
            "10000 qdot-sim: BASIS_A0↑ BASIS_A1↓ BASIS_B0↑ BASIS_B1↓",
            "40000 qdot-sim: BASIS_A0↓ BASIS_A1↓ BASIS_B0↓ BASIS_B1↓",
            "50000 qdot-sim: BASIS_A0↑ BASIS_B0↑",
            "60000 qdot-sim: TRIGGER↓ GATE↓ BASIS_A0↓ BASIS_A1↓ BASIS_B0↓ BASIS_B1↓ STATUS↓",
        ])
        #expect(fixture.waveform.filter { $0.contains("BASIS") } == [
            "10000 BASIS_A0 ↑", "10000 BASIS_B0 ↑", "40000 BASIS_A0 ↓", "40000 BASIS_B0 ↓",
            "50000 BASIS_A0 ↑", "50000 BASIS_B0 ↑", "60000 BASIS_A0 ↓", "60000 BASIS_B0 ↓",
        ])
    }
}
