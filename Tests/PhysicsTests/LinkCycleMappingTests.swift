import Physics
import RealModule
import SeededRandom
import Testing
import Vocabulary

/// Pulse k → the cycle of Bob's that its photon reaches, through both clocks and the fibre; and
/// which arrivals the gates count.
@Suite struct LinkCycleMappingTests {
    @Test func bobsCycleFollowsOffsetAndDrift() throws {
        // 10 µs cycles; 1 km of lossless fibre; Bob's clock 10 ppm fast with its offset chosen so that
        // pulse 0 lands 3.5 periods into Bob's count. Then Bob's cycle is
        // j(k) = ⌊3.5 + k·T·10⁻⁵/T⌋ + k = k + 3 + k/100 000 at k a multiple of 100 000 (half a period
        // from any boundary; the ps-scale emission delays, τ = 1 ps, cannot cross it).
        let period: Int64 = 10_000_000
        let cycles = try NodeCycleTiming(cyclePeriodPicoseconds: period)
        let fibre = try FibreLink(lengthMetres: 1_000, attenuationDecibelsPerKilometre: 0)
        let bobArm = ArmParameters(efficiency: 1, arrivalDelayPicoseconds: 3_000)
        let fixedDelay = bobArm.arrivalDelayPicoseconds + fibre.delayPicoseconds
        let bobClock = try NodeClock(offsetPicoseconds: 35_000_000 - fixedDelay, driftPartsPerMillion: 10)
        let source = SourceParameters(excitationProbability: 1, biexcitonLifetimePicoseconds: 1, excitonLifetimePicoseconds: 1)
        let world = try LinkWorld(parameters: LinkWorldParameters(
            source: source, aliceArm: ArmParameters(efficiency: 1), bobArm: bobArm, fibre: fibre,
            bobClock: bobClock, aliceCycles: cycles, bobCycles: cycles, seed: 3))
        var settings = LinkWorlds.fixed(alice: .horizontalVertical, bob: .horizontalVertical)
        for k in stride(from: Int64(0), through: 2_000_000, by: 100_000) {
            let outcome = world.pulse(aliceCycle: k, settings: &settings)
            #expect(outcome.alice?.cycle == k)
            #expect(outcome.bob?.cycle == k + 3 + k / 100_000, "pulse \(k)")
        }
    }

    @Test func bobsProcessFindsEveryPulseThatReachesHisCycles() throws {
        // Bob's clock 2.5 periods ahead and 80 ppm slow, his cycles 1 µs against Alice's 1.3 µs, a
        // 2 km fibre: every photon Bob receives in cycle j comes from a pulse inside
        // aliceCycles(reachingBobCycles: j...j), and that range is at most two pulses long
        // (1 µs of Bob's time spans under one of Alice's periods, plus the 100·τ cascade margin).
        // 20 000 pulses, seed 19.
        let alice = try NodeCycleTiming(cyclePeriodPicoseconds: 1_300_000)
        let bob = try NodeCycleTiming(firstCyclePicoseconds: 123, cyclePeriodPicoseconds: 1_000_000)
        let world = try LinkWorld(parameters: LinkWorldParameters(
            source: SourceParameters(), aliceArm: ArmParameters(efficiency: 1), bobArm: ArmParameters(efficiency: 1),
            fibre: try FibreLink(lengthMetres: 2_000, attenuationDecibelsPerKilometre: 0),
            bobClock: try NodeClock(offsetPicoseconds: 2_500_000, driftPartsPerMillion: -80),
            aliceCycles: alice, bobCycles: bob, seed: 19))
        var settings = LinkWorlds.fixed(alice: .horizontalVertical, bob: .horizontalVertical)
        var checked = 0
        for k in Int64(0)..<20_000 {
            guard let photon = world.pulse(aliceCycle: k, settings: &settings).bob else { continue }
            let range = world.aliceCycles(reachingBobCycles: photon.cycle...photon.cycle)
            #expect(range.contains(k), "pulse \(k) reached Bob's cycle \(photon.cycle), range \(range)")
            #expect(range.count <= 2)
            checked += 1
        }
        #expect(checked > 17_000)
    }

    @Test func gatesCountTheArrivalsTheCascadeDelaysAllow() throws {
        // Both gates open at the arm delay (2 ns) for w = 300 ps. Alice counts when the XX delay,
        // rounded to ps, is < w: P = 1 − e^{−(w − ½)/τ_XX}; Bob when XX + X delays are: the
        // hypoexponential CDF 1 − (τ_XX e^{−w'/τ_XX} − τ_X e^{−w'/τ_X})/(τ_XX − τ_X), w' = w − ½.
        // 100 000 pulses (p_exc = 1, lossless), binomial 3σ. Seed 17.
        let gate = GateWindow(openPicoseconds: 2_000, closePicoseconds: 2_300)
        let cycles = try NodeCycleTiming(cyclePeriodPicoseconds: 10_000_000, gate: gate)
        let arm = ArmParameters(efficiency: 1, arrivalDelayPicoseconds: 2_000)
        let source = SourceParameters(excitationProbability: 1)
        let world = try LinkWorld(parameters: LinkWorldParameters(
            source: source, aliceArm: arm, bobArm: arm, fibre: try FibreLink(lengthMetres: 0),
            aliceCycles: cycles, bobCycles: cycles, seed: 17))
        var settings = LinkWorlds.fixed(alice: .horizontalVertical, bob: .horizontalVertical)
        let pulses = 100_000
        var aliceInside = 0, bobInside = 0
        for k in 0..<Int64(pulses) {
            let outcome = world.pulse(aliceCycle: k, settings: &settings)
            if outcome.alice?.isInsideGate == true { aliceInside += 1 }
            if outcome.bob?.isInsideGate == true { bobInside += 1 }
        }
        let width = 299.5, tauXX = source.biexcitonLifetimePicoseconds, tauX = source.excitonLifetimePicoseconds
        let aliceExpected = 1 - Double.exp(-width / tauXX)
        let bobExpected = 1 - (tauXX * Double.exp(-width / tauXX) - tauX * Double.exp(-width / tauX)) / (tauXX - tauX)
        for (count, probability) in [(aliceInside, aliceExpected), (bobInside, bobExpected)] {
            let sigma = (probability * (1 - probability) / Double(pulses)).squareRoot()
            #expect(abs(Double(count) / Double(pulses) - probability) < 3 * sigma, "\(count) of \(pulses), p = \(probability)")
        }
    }

    @Test func photonsFeedTheStationDetectorModels() throws {
        // A node hands its photons to its own detectors: Alice's land on A±, Bob's on B±, at the local time.
        let world = try LinkWorlds.lossless(seed: 4)
        var settings = LinkWorlds.fixed(alice: .horizontalVertical, bob: .diagonalAntidiagonal)
        var detector = try SinglePhotonDetector(parameters: DetectorParameters(efficiency: 1, darkCountRatePerSecond: 0,
                                                                               jitterRMSPicoseconds: 0))
        var rng = Xoshiro256StarStar(seed: 4)
        var checked = 0
        for k in Int64(0)..<200 {
            let outcome = world.pulse(aliceCycle: k, settings: &settings)
            guard let alice = outcome.alice, let bob = outcome.bob else { continue }
            #expect(alice.arrival(at: .alice).channel.arm == .a && bob.arrival(at: .bob).channel.arm == .b)
            #expect(bob.arrival(at: .bob).channel.output == bob.output)
            let arrival = bob.arrival(at: .bob)
            #expect(detector.photonArrives(atPicoseconds: arrival.timePicoseconds, gateOpen: true, rng: &rng)
                    == arrival.timePicoseconds)
            checked += 1
        }
        #expect(checked > 150)
    }

    @Test func badWorldPartsAreNamedUnderTheirLinkKeys() throws {
        let cycles = try NodeCycleTiming(cyclePeriodPicoseconds: 10_000_000)
        #expect {
            try LinkWorld(parameters: LinkWorldParameters(
                source: SourceParameters(excitationProbability: 1.5), aliceArm: ArmParameters(efficiency: -0.1),
                bobArm: ArmParameters(efficiency: .nan), fibre: try FibreLink(lengthMetres: 0),
                aliceCycles: cycles, bobCycles: cycles, seed: 0))
        } throws: { error in
            (error as? StationDataError)?.problems.map(\.field)
                == ["source.excitation-probability", "alice-arm.efficiency", "bob-arm.efficiency"]
        }
        #expect(throws: StationDataError.self) { try InterceptResendEavesdropper(interceptFraction: 1.01) }
    }
}
