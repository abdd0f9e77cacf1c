import Analysis
import Physics
import SeededRandom
import Testing
import Vocabulary

/// Cycle alignment on what the two-node world delivers: each node's gated detections on its own
/// clock, its disclosed bases and outputs, against the world's truth.
@Suite struct AlignmentInTheLinkWorldTests {
    @Test func gateModeAlignmentFindsTheWorldsCycleMapping() throws {
        // 10 µs cycles on both nodes; Alice's clock +3 ppm, Bob's −7 ppm and 4.2 ms ahead; 350 m
        // of fibre. Bob's cycle per pulse then advances by (1 + d_B)/(1 + d_A) per Alice cycle: a
        // drift of (1 − 7·10⁻⁶)/(1 + 3·10⁻⁶) − 1 ≈ −10 ppm. 10⁶ pulses, blocks of 20 000 cycles,
        // settings drawn per node by cycle (seeds 5, 6), world seed 23. Required: the drift within
        // 3σ of the truth; the ten whole-cycle steps (10 ppm of 10⁶ cycles) placed from the pairs
        // name the cycle the world put each of Bob's photons in for at least 99.9 % of them, more
        // than the rounded line does. (Measured: −10.07 ± 0.09 ppm, first-block z = 6.6; steps
        // 99.926 %, rounded line 99.76 %: the line's error in cycles, which block averages of a
        // staircase cannot push far below a few hundredths, sets the line's misses near each step,
        // and the gap between disclosed pairs, ~40 cycles, the steps'.)
        let cycles = try NodeCycleTiming(cyclePeriodPicoseconds: 10_000_000,
                                         gate: GateWindow(openPicoseconds: 0, closePicoseconds: 9_000_000))
        let aliceClock = try NodeClock(offsetPicoseconds: 0, driftPartsPerMillion: 3)
        let bobClock = try NodeClock(offsetPicoseconds: 4_200_000_000, driftPartsPerMillion: -7)
        let world = try LinkWorld(parameters: LinkWorldParameters(
            source: SourceParameters(), aliceArm: ArmParameters(efficiency: 0.3), bobArm: ArmParameters(efficiency: 0.25),
            fibre: try FibreLink(lengthMetres: 350), aliceClock: aliceClock, bobClock: bobClock,
            aliceCycles: cycles, bobCycles: cycles, seed: 23))
        let aliceBases = Xoshiro256StarStar(seed: 5), bobBases = Xoshiro256StarStar(seed: 6)
        var settings = LinkAnalyzerSettingsClosure { node, cycle in
            var stream = (node == .alice ? aliceBases : bobBases).derived(stream: UInt64(bitPattern: cycle))
            return stream.next() >> 63 == 0 ? .horizontalVertical : .diagonalAntidiagonal
        }
        var alice: [AlignmentDetection] = [], bob: [AlignmentDetection] = []
        var truth: [(aliceCycle: Int64, bobCycle: Int64)] = []
        for k in Int64(0)..<1_000_000 {
            let outcome = world.pulse(aliceCycle: k, settings: &settings)
            if let photon = outcome.alice, photon.isInsideGate {
                alice.append(AlignmentDetection(position: photon.cycle, disclosedBasis: photon.analyzer, disclosedOutput: photon.output))
            }
            if let photon = outcome.bob, photon.isInsideGate {
                bob.append(AlignmentDetection(position: photon.cycle, disclosedBasis: photon.analyzer, disclosedOutput: photon.output))
                truth.append((k, photon.cycle))
            }
        }
        let settingsOfSearch = CycleAlignmentSettings(searchRange: -10_000...10_000, blockLength: 20_000,
                                                      trackingHalfWidth: 10, evidence: .disclosedOutcomes)
        let result = try CycleAlignment.align(alice: alice, bob: bob, settings: settingsOfSearch)
        let mapping = try #require(result.mapping, "\(result)")
        let driftError = try #require(mapping.driftStandardErrorPartsPerMillion)
        let expectedDrift = ((1 - 7e-6) / (1 + 3e-6) - 1) * 1e6
        #expect(abs(mapping.driftPartsPerMillion - expectedDrift) < 3 * driftError,
                "drift \(mapping.driftPartsPerMillion) ± \(driftError) ppm, truth \(expectedDrift)")
        let named = truth.filter { mapping.nearestBobPosition(forAlice: $0.aliceCycle) == $0.bobCycle }.count
        let namedByLine = truth.filter {
            (mapping.bobPosition(forAlice: $0.aliceCycle)).rounded() == Double($0.bobCycle)
        }.count
        #expect(mapping.staircase?.stepCycles.count == 10)
        #expect(Double(named) >= 0.999 * Double(truth.count), "\(named) of \(truth.count) photons in the named cycle")
        #expect(named > namedByLine, "the steps placed from the pairs name more photons right than the rounded line")
        // Bob's clock leads by 4.2 ms = 420 cycles at the start.
        #expect(abs(mapping.bobPosition(forAlice: 0) - 420) < 1)
    }
}
