import Analysis
import RealModule
import SeededRandom
import Testing
import Vocabulary

/// Cycle alignment against simulated truth (offset, drift), in gate mode (cycle indices) and in
/// tagger mode (time stamps), and its refusal of streams that share no pulses.
@Suite struct CycleAlignmentTests {
    /// Two nodes' detections from one synthetic world: pulse i is excited with `excitation`;
    /// Alice sees it with `aliceEfficiency` at `alicePosition(i)`, Bob with `bobEfficiency` at
    /// `bobPosition(i)`; both draw H/V or D/A at random, and in the same basis Bob's output agrees
    /// with Alice's with probability 0.975 (QBER 2.5 %), otherwise it is random. Bob also sees
    /// uncorrelated noise detections with `bobNoise` per pulse at random positions.
    struct SyntheticLink {
        var excitation = 0.9, aliceEfficiency = 0.3, bobEfficiency = 0.2, bobNoise = 0.01
        var pulses: Int64
        var seed: UInt64

        func detections(alicePosition: (Int64, inout Xoshiro256StarStar) -> Int64,
                        bobPosition: (Int64, inout Xoshiro256StarStar) -> Int64,
                        correlated: Bool = true) -> (alice: [AlignmentDetection], bob: [AlignmentDetection]) {
            var rng = Xoshiro256StarStar(seed: seed)
            var alice: [AlignmentDetection] = [], bob: [AlignmentDetection] = []
            func basis(_ rng: inout Xoshiro256StarStar) -> AnalyzerBasis {
                rng.next() >> 63 == 0 ? .horizontalVertical : .diagonalAntidiagonal
            }
            func output(_ rng: inout Xoshiro256StarStar) -> DetectorOutput { rng.next() >> 63 == 0 ? .plus : .minus }
            for i in 0..<pulses {
                let excited = rng.nextUnitInterval() < excitation
                let aliceSees = excited && rng.nextUnitInterval() < aliceEfficiency
                // Independent streams: Bob's photons come from pulses of their own.
                let bobExcited = correlated ? excited : rng.nextUnitInterval() < excitation
                let bobSees = bobExcited && rng.nextUnitInterval() < bobEfficiency
                let aliceBasis = basis(&rng), aliceOutput = output(&rng), bobBasis = basis(&rng)
                var bobOutput = output(&rng)
                if correlated && aliceBasis == bobBasis && rng.nextUnitInterval() < 0.95 { bobOutput = aliceOutput }
                let aPosition = alicePosition(i, &rng), bPosition = bobPosition(i, &rng)
                if aliceSees { alice.append(AlignmentDetection(position: aPosition, disclosedBasis: aliceBasis, disclosedOutput: aliceOutput)) }
                if bobSees { bob.append(AlignmentDetection(position: bPosition, disclosedBasis: bobBasis, disclosedOutput: bobOutput)) }
                if rng.nextUnitInterval() < bobNoise {
                    let noisePosition = bobPosition(Int64(rng.next(upperBound: UInt64(pulses))), &rng)
                    bob.append(AlignmentDetection(position: noisePosition, disclosedBasis: basis(&rng), disclosedOutput: output(&rng)))
                }
            }
            bob.sort { $0.position < $1.position }
            return (alice, bob)
        }
    }

    @Test func gateModeRecoversOffsetAndDriftFromDisclosedOutcomes() throws {
        // Truth: Bob's cycle j(i) = ⌊1234.3 + (1 + 20·10⁻⁶)·i⌋ over 2·10⁶ cycles (drift 20 ppm,
        // 40 cycles in all). Blocks of 20 000 cycles (the drift moves 0.4 cycle in one). Seed 7.
        // Required: drift within 3σ of 20 ppm with σ < 0.5 ppm, and the fitted line within 3σ(i)
        // of the staircase's middle 1234.3 − ½ + (1 + r)·i at the start, the middle and the end.
        let offset = 1234.3, drift = 20e-6
        let link = SyntheticLink(pulses: 2_000_000, seed: 7)
        let (alice, bob) = link.detections(alicePosition: { i, _ in i },
                                           bobPosition: { i, _ in Int64((offset + (1 + drift) * Double(i)).rounded(.down)) })
        let settings = CycleAlignmentSettings(searchRange: -5_000...5_000, blockLength: 20_000, trackingHalfWidth: 10,
                                              evidence: .disclosedOutcomes)
        let mapping = try #require(try CycleAlignment.align(alice: alice, bob: bob, settings: settings).mapping)
        let driftError = try #require(mapping.driftStandardErrorPartsPerMillion)
        #expect(driftError < 0.5)
        #expect(abs(mapping.driftPartsPerMillion - 20) < 3 * driftError, "drift \(mapping.driftPartsPerMillion) ± \(driftError) ppm")
        #expect(mapping.blocksAligned == 100 && mapping.blocksWithoutPeak == 0)
        // The 40 whole-cycle steps, placed from the pairs (one disclosed same-basis pair per ~37
        // cycles), name Bob's cycle for ≥ 99.8 % of all cycles, more than the rounded line does
        // (measured: 99.85 % against 98.99 %).
        let staircase = try #require(mapping.staircase)
        #expect(staircase.stepCycles.count == 40 && staircase.stepDirection == 1)
        func truth(_ i: Int64) -> Int64 { Int64((offset + (1 + drift) * Double(i)).rounded(.down)) }
        let cycles = stride(from: Int64(0), to: 2_000_000, by: 1)
        let named = cycles.filter { mapping.nearestBobPosition(forAlice: $0) == truth($0) }.count
        let namedByLine = cycles.filter { Int64(mapping.bobPosition(forAlice: $0).rounded()) == truth($0) }.count
        #expect(named >= 1_996_000 && named > namedByLine, "\(named) (steps), \(namedByLine) (line) of 2 000 000 cycles named right")
        for i: Int64 in [0, 1_000_000, 1_999_999] {
            let truth = offset - 0.5 + (1 + drift) * Double(i)
            let sigma = try #require(mapping.standardError(forAlice: i))
            #expect(abs(mapping.bobPosition(forAlice: i) - truth) < 3 * sigma, "cycle \(i): \(mapping.bobPosition(forAlice: i)) ± \(sigma), truth \(truth)")
        }
    }

    @Test func gateModeWithCoincidencesOnlyWhenExcitationIsWeak() throws {
        // Coincidences alone stand out by 1/p_exc: with p_exc = 0.05 (a weakly driven dot) the peak
        // is ~20× the accidentals. Truth j(i) = ⌊−321.6 + (1 − 5·10⁻⁶)·i⌋ over 4·10⁶ cycles; blocks
        // of 100 000. Seed 8. Required: drift within 3σ of −5 ppm.
        let link = SyntheticLink(excitation: 0.05, aliceEfficiency: 0.5, bobEfficiency: 0.5, bobNoise: 0.001,
                                 pulses: 4_000_000, seed: 8)
        let (alice, bob) = link.detections(alicePosition: { i, _ in i },
                                           bobPosition: { i, _ in Int64((-321.6 + (1 - 5e-6) * Double(i)).rounded(.down)) })
        let settings = CycleAlignmentSettings(searchRange: -2_000...2_000, blockLength: 100_000, trackingHalfWidth: 10)
        let mapping = try #require(try CycleAlignment.align(alice: alice, bob: bob, settings: settings).mapping)
        let driftError = try #require(mapping.driftStandardErrorPartsPerMillion)
        #expect(abs(mapping.driftPartsPerMillion + 5) < 3 * driftError, "drift \(mapping.driftPartsPerMillion) ± \(driftError) ppm")
        #expect((mapping.peakOverBackground ?? 0) > 5)
    }

    @Test func taggerModeRecoversOffsetAndDriftInPicoseconds() throws {
        // 10 µs pulses; Alice stamps a = i·T + Δ_XX, Bob b = ⌊c + (1 + r)(i·T + D + Δ_XX + Δ_X)⌋ with
        // c = 123 456 789 ps, r = −12 ppm, D = 1.7 µs, Δ ~ Exp(120 ps), Exp(250 ps). So b − a at x
        // is c + (1 + r)(D + 250 ps) + r·x − ½ (the floor) on average (the term r·Δ_XX is below 0.002 ps). 5 µs bins (half a period), blocks
        // of 200 ms (drift 2.4 µs per block), 2·10⁶ pulses (20 s); final offsets from pairs within ±3 ns of the line
        // (the cascade's spread, mean 370 ps). Seed 9. Required: drift within 3σ of −12
        // ppm, offset at x_ref within 3σ + 1 ps of the truth.
        let period: Int64 = 10_000_000, c = 123_456_789.0, r = -12e-6, delay = 1_700_000.0
        var cascadeDelay = 0.0
        let link = SyntheticLink(pulses: 2_000_000, seed: 9)
        let (alice, bob) = link.detections(
            alicePosition: { i, rng in
                let biexciton = 120 * -Double.log(1 - rng.nextUnitInterval())
                cascadeDelay = biexciton + 250 * -Double.log(1 - rng.nextUnitInterval())
                return i * period + Int64(biexciton.rounded())
            },
            bobPosition: { i, _ in
                Int64((c + (1 + r) * (Double(i * period) + delay + cascadeDelay)).rounded(.down))
            })
        let settings = CycleAlignmentSettings(searchRange: -1_000_000_000...1_000_000_000, binWidth: 5_000_000,
                                              blockLength: 200_000_000_000, trackingHalfWidth: 20_000_000,
                                              evidence: .disclosedOutcomes, peakHalfWidth: 3_000)
        let result = try CycleAlignment.align(alice: alice, bob: bob, settings: settings)
        let mapping = try #require(result.mapping, "\(result)")
        let driftError = try #require(mapping.driftStandardErrorPartsPerMillion)
        let offsetError = try #require(mapping.offsetStandardError)
        #expect(abs(mapping.driftPartsPerMillion + 12) < 3 * driftError, "drift \(mapping.driftPartsPerMillion) ± \(driftError) ppm")
        let truth = c + (1 + r) * (delay + 250) - 0.5 + r * mapping.referenceAlicePosition
        #expect(abs(mapping.offset - truth) < 3 * offsetError + 1, "offset \(mapping.offset) ± \(offsetError) ps, truth \(truth)")
    }

    @Test(arguments: [AlignmentEvidence.coincidences, .disclosedOutcomes])
    func independentStreamsAreNotFound(evidence: AlignmentEvidence) throws {
        // Bob's detections come from pulses of their own and his outputs from his own draws: no
        // offset exists, and alignment must say so rather than name one. Seed 10.
        let link = SyntheticLink(pulses: 400_000, seed: 10)
        let (alice, bob) = link.detections(alicePosition: { i, _ in i }, bobPosition: { i, _ in i + 77 }, correlated: false)
        let settings = CycleAlignmentSettings(searchRange: -5_000...5_000, blockLength: 100_000, trackingHalfWidth: 10,
                                              evidence: evidence)
        let result = try CycleAlignment.align(alice: alice, bob: bob, settings: settings)
        guard case .notFound(_, let significance, let reason) = result else {
            Issue.record("independent streams aligned: \(result)")
            return
        }
        #expect(significance < settings.minimumSignificance && reason.contains("z ="))
    }

    @Test func badInputIsRefusedWithWhatWasWrong() throws {
        let sorted = (0..<100).map { AlignmentDetection(position: Int64($0)) }
        var unsorted = sorted
        unsorted.swapAt(10, 11)
        let settings = CycleAlignmentSettings(searchRange: -50...50, blockLength: 1_000, trackingHalfWidth: 10)
        #expect(throws: AnalysisError.unsortedTags(stream: "Bob's detections", index: 11, previousPicoseconds: 11, timestampPicoseconds: 10)) {
            try CycleAlignment.align(alice: sorted, bob: unsorted, settings: settings)
        }
        var zeroBins = settings
        zeroBins.binWidth = 0
        #expect(throws: AnalysisError.invalidParameter(name: "alignment bin width", value: "0", expected: "a width > 0")) {
            try CycleAlignment.align(alice: sorted, bob: sorted, settings: zeroBins)
        }
        var narrow = settings
        narrow.trackingHalfWidth = 2
        #expect(throws: AnalysisError.self) { try CycleAlignment.align(alice: sorted, bob: sorted, settings: narrow) }
        var disclosed = settings
        disclosed.evidence = .disclosedOutcomes
        #expect(throws: AnalysisError.emptySetting(
            location: "Alice's detection 0", detail: "disclosed-outcome alignment needs every detection's basis and output")) {
            try CycleAlignment.align(alice: sorted, bob: sorted, settings: disclosed)
        }
        let empty = try CycleAlignment.align(alice: [], bob: sorted, settings: settings)
        #expect(empty.mapping == nil)
        // The widest settings the types allow pass validation and run without trapping (every pair
        // falls in one bin, so what they find says nothing; the point is that nothing overflows).
        let widest = CycleAlignmentSettings(searchRange: .min ... .max, binWidth: .max / 8, blockLength: .max,
                                            trackingHalfWidth: .max, peakHalfWidth: .max / 8 * 2)
        _ = try CycleAlignment.align(alice: sorted, bob: sorted, settings: widest)
        let extremes = [AlignmentDetection(position: .min), AlignmentDetection(position: 0), AlignmentDetection(position: .max)]
        _ = try CycleAlignment.align(alice: extremes, bob: extremes, settings: widest)
    }
}
