import Physics
import Testing
import Vocabulary

/// A node's board in the link world: blocks that do not depend on how the cycles are split, dark
/// counts on their own against the per-gate binomial, the world's truth for the cycle mapping the
/// key tests rely on, and bad settings refused by name.
@Suite struct LinkNodeBoardTests {
    /// A busy world: re-excitation and an eavesdropper on, Bob's clock 2.3 ppm fast and 1.7 ns
    /// ahead, so a split cuts through photons that cross cycle boundaries and through pulses that
    /// reach the next block.
    func busyWorld() throws -> LinkWorld {
        let fibre = try FibreLink(lengthMetres: 350)
        let aliceArm = ArmParameters(efficiency: 0.6), bobArm = ArmParameters(efficiency: 0.6)
        let cycles = try LinkWorldFixtures.alignedCycles(cyclePeriodPicoseconds: 12_500, aliceArm: aliceArm,
                                                         bobArm: bobArm, fibre: fibre)
        return try LinkWorld(parameters: LinkWorldParameters(
            source: SourceParameters(reexcitationProbability: 0.05), aliceArm: aliceArm, bobArm: bobArm, fibre: fibre,
            bobClock: NodeClock(offsetPicoseconds: 1_700, driftPartsPerMillion: 2.3),
            aliceCycles: cycles.alice, bobCycles: cycles.bob,
            eavesdropper: InterceptResendEavesdropper(interceptFraction: 0.3), seed: 41))
    }

    @Test(arguments: [LinkNode.alice, .bob])
    func detectionsOfARangeAreTheConcatenationOverAnySplit(node: LinkNode) throws {
        let world = try busyWorld()
        let boards = try LinkWorldFixtures.boards(in: world, darkCountRatePerSecond: 200_000)
        let board = node == .alice ? boards.alice : boards.bob
        let whole = board.detections(inCycles: 100..<4_100)
        #expect(whole.count > 500, "\(whole.count) detections: the world should be busy")
        #expect(whole.contains { $0.wasDoubleClick }, "no double click: the split never cut through one")
        for splits in [[101], [2_000], [1_000, 1_001, 1_002, 3_999], Array(stride(from: 137, to: 4_100, by: 263))] {
            let bounds = [Int64(100)] + splits.map(Int64.init) + [4_100]
            var joined: [LinkDetection] = []
            for (lower, upper) in zip(bounds, bounds.dropFirst()) {
                joined += board.detections(inCycles: lower..<upper)
            }
            #expect(joined == whole, "split at \(splits)")
        }
        #expect(board.detections(inCycles: 500..<500).isEmpty)
    }

    @Test func bobsCycleHoldsAlicesPulseOnAlignedIdealClocks() throws {
        // The key tests index both nodes' detections by their own cycle; on ideal clocks with
        // ``LinkWorldFixtures/alignedCycles`` the world puts pulse k's photons in cycle k of both.
        let world = try LinkWorldFixtures.world(source: SourceParameters(), aliceEfficiency: 1, bobEfficiency: 1,
                                                fibre: FibreLink(lengthMetres: 350), seed: 3)
        var settings = LinkNodeSettings(alice: LinkBasisDraws(seed: 5), bob: LinkBasisDraws(seed: 6))
        var both = 0
        for k in Int64(0)..<2_000 {
            let pulse = world.pulse(aliceCycle: k, settings: &settings)
            if let alice = pulse.alice { #expect(alice.cycle == k && alice.isInsideGate, "Alice, pulse \(k): \(alice)") }
            if let bob = pulse.bob { #expect(bob.cycle == k && bob.isInsideGate, "Bob, pulse \(k): \(bob)") }
            if pulse.alice != nil && pulse.bob != nil { both += 1 }
        }
        #expect(both > 1_000)
    }

    @Test func darkCountsAloneFollowThePerGateBinomial() throws {
        // No source photons (p_exc = 0); p_dark = 10⁷/s × 5 ns = 0.05 per detector and gate.
        // Expected per gate: a detection 1 − (1 − p)² = 0.0975, a double click p² = 0.0025; each
        // output ½ of the detections (a double click's squashed output too), each basis ½.
        // Bounds 3σ of the binomials over 40 000 gates. Measured (world seed 9, detector seeds 7, 8):
        // detections 3910 / 3943 (3900 ± 59), double clicks 98 / 100 (100 ± 10), + outputs
        // 1957 of 3910 / 2001 of 3943, H/V 1963 / 1971 (each ½ ± 31).
        let world = try LinkWorldFixtures.world(source: SourceParameters(excitationProbability: 0), aliceEfficiency: 0.5,
                                                bobEfficiency: 0.5, fibre: FibreLink(lengthMetres: 350), seed: 9)
        let boards = try LinkWorldFixtures.boards(in: world, darkCountRatePerSecond: 1e7)
        let gates = 40_000.0
        let p = boards.alice.darkCountProbabilityPerGate
        #expect(abs(p - 0.05) < 1e-12)
        for board in [boards.alice, boards.bob] {
            let detections = board.detections(inCycles: 0..<Int64(gates))
            func withinThreeSigma(_ count: Int, of trials: Double, probability q: Double, _ what: String) {
                let sigma = (trials * q * (1 - q)).squareRoot()
                #expect(abs(Double(count) - trials * q) < 3 * sigma,
                        "\(board.node) \(what): \(count), expected \(trials * q) ± \(sigma)")
            }
            withinThreeSigma(detections.count, of: gates, probability: 1 - (1 - p) * (1 - p), "detections")
            withinThreeSigma(detections.filter(\.wasDoubleClick).count, of: gates, probability: p * p, "double clicks")
            let total = Double(detections.count)
            withinThreeSigma(detections.filter { $0.output == .plus }.count, of: total, probability: 0.5, "+ outputs")
            withinThreeSigma(detections.filter { $0.analyzer == .horizontalVertical }.count, of: total, probability: 0.5,
                             "H/V bases")
        }
    }

    @Test func aFreeRunningNodeIsRefusedByItsGateField() throws {
        let fibre = try FibreLink(lengthMetres: 350)
        let gated = try NodeCycleTiming(cyclePeriodPicoseconds: 12_500, gate: GateWindow(openPicoseconds: 0, closePicoseconds: 5_000))
        let freeRunning = try NodeCycleTiming(cyclePeriodPicoseconds: 12_500)
        let world = try LinkWorld(parameters: LinkWorldParameters(
            source: SourceParameters(), aliceArm: ArmParameters(), bobArm: ArmParameters(), fibre: fibre,
            aliceCycles: gated, bobCycles: freeRunning, seed: 1))
        let settings = LinkNodeSettings(alice: LinkBasisDraws(seed: 1), bob: LinkBasisDraws(seed: 2))
        let error = try #require(throws: StationDataError.self) {
            try LinkNodeBoard(world: world, node: .bob, settings: settings, darkCountRatePerSecond: 100, detectorSeed: 3)
        }
        #expect(error.problems.map(\.field) == ["bob-cycles.gate"])
        _ = try LinkNodeBoard(world: world, node: .alice, settings: settings, darkCountRatePerSecond: 100, detectorSeed: 3)
    }

    @Test(arguments: [-1.0, 2e8, .nan])
    func aDarkCountRateOutOfRangeIsRefusedByName(rate: Double) throws {
        // 2·10⁸ /s × 5 ns = 1 dark count per gate: more than the 0.5 a per-gate Bernoulli can stand for.
        let world = try LinkWorldFixtures.world(source: SourceParameters(), aliceEfficiency: 0.2, bobEfficiency: 0.2,
                                                fibre: FibreLink(lengthMetres: 350), seed: 1)
        let settings = LinkNodeSettings(alice: LinkBasisDraws(seed: 1), bob: LinkBasisDraws(seed: 2))
        let error = try #require(throws: StationDataError.self) {
            try LinkNodeBoard(world: world, node: .alice, settings: settings, darkCountRatePerSecond: rate, detectorSeed: 3)
        }
        #expect(error.problems.map(\.field) == ["alice-detectors.dark-count-rate-per-second"])
    }
}
