import Physics
import SeededRandom
import Testing
import Vocabulary

/// The two-node world: joint correlations against the source's closed form, no signalling,
/// determinism by (seed, pulse), the eavesdropper's QBER, loss and the pulse → Bob-cycle mapping.
@Suite struct LinkWorldSamplingTests {
    static let settingPairs: [(AnalyzerBasis, AnalyzerBasis)] = [
        (.horizontalVertical, .horizontalVertical), (.diagonalAntidiagonal, .diagonalAntidiagonal),
        (.rightLeft, .rightLeft), (.horizontalVertical, .diagonalAntidiagonal),
        (.linear(degrees: 22.5), .horizontalVertical), (.linear(degrees: 22.5), .diagonalAntidiagonal),
    ]

    @Test(arguments: settingPairs)
    func jointCorrelationMatchesTheSourceClosedForm(alice: AnalyzerBasis, bob: AnalyzerBasis) throws {
        // A dot with a large splitting (x = S·τ_X/ħ ≈ 0.76) and spin scattering, so T_xx, T_yy,
        // T_zz all differ: E(a, b) = a·⟨T⟩·b (Hudson et al. 2007). 60 000 pulses (p_exc 0.9,
        // lossless): ~54 000 pairs, σ_E ≤ 0.0043; required within 3σ. Seed 11.
        let source = SourceParameters(fineStructureSplittingMicroelectronvolts: 2, entangledFraction: 0.9,
                                      spinScatteringTimePicoseconds: 2_000)
        let world = try LinkWorlds.lossless(source: source, seed: 11)
        var settings = LinkWorlds.fixed(alice: alice, bob: bob)
        var tally = JointTally()
        for cycle in Int64(0)..<60_000 { tally.add(world.pulse(aliceCycle: cycle, settings: &settings)) }
        let expected = world.expectedCorrelation(alice: alice, bob: bob)
        #expect(abs(tally.correlation - expected) < 3 * tally.correlationStandardError,
                "E(\(alice), \(bob)) = \(tally.correlation) ± \(tally.correlationStandardError), closed form \(expected)")
    }

    @Test func noSignalling() throws {
        // Alice's outcomes are identical, pulse for pulse, whatever Bob's setting; Bob's marginal
        // P(+) is ½ within 3σ (σ = ½/√N) for each of Alice's settings, and the two agree within
        // 3σ of their difference (σ√2). 80 000 pulses, seed 12.
        let world = try LinkWorlds.lossless(seed: 12)
        var aliceWithBobHV = LinkWorlds.fixed(alice: .horizontalVertical, bob: .horizontalVertical)
        var aliceWithBobDA = LinkWorlds.fixed(alice: .horizontalVertical, bob: .diagonalAntidiagonal)
        var bobWithAliceDA = LinkWorlds.fixed(alice: .diagonalAntidiagonal, bob: .horizontalVertical)
        var bobWithAliceHV = JointTally(), bobWithAliceDATally = JointTally()
        var identicalAlice = true
        for cycle in Int64(0)..<80_000 {
            let first = world.pulse(aliceCycle: cycle, settings: &aliceWithBobHV)
            let second = world.pulse(aliceCycle: cycle, settings: &aliceWithBobDA)
            identicalAlice = identicalAlice && first.alice == second.alice
            bobWithAliceHV.add(first)
            bobWithAliceDATally.add(world.pulse(aliceCycle: cycle, settings: &bobWithAliceDA))
        }
        #expect(identicalAlice)
        let n = Double(bobWithAliceHV.pairs)
        let sigma = 0.5 / n.squareRoot()
        let marginalHV = Double(bobWithAliceHV.bobPlus) / n
        let marginalDA = Double(bobWithAliceDATally.bobPlus) / Double(bobWithAliceDATally.pairs)
        #expect(abs(marginalHV - 0.5) < 3 * sigma && abs(marginalDA - 0.5) < 3 * sigma, "\(marginalHV), \(marginalDA) ± \(sigma)")
        #expect(abs(marginalHV - marginalDA) < 3 * sigma * 2.0.squareRoot())
        // The joint statistics did change with Alice's setting (HV·HV correlates, DA·HV does not).
        #expect(bobWithAliceHV.correlation > 0.5 && abs(bobWithAliceDATally.correlation) < 0.05)
    }

    @Test func samePulseSameSampleInAnyOrderAndProcess() throws {
        // Two worlds built separately (as Alice's and Bob's processes do) give the same outcome for
        // each pulse whether walked forwards or backwards; another seed gives other outcomes.
        let forwards = try LinkWorlds.lossless(seed: 99), backwards = try LinkWorlds.lossless(seed: 99)
        var settingsA = LinkWorlds.randomBBM92(aliceSeed: 1, bobSeed: 2)
        var settingsB = LinkWorlds.randomBBM92(aliceSeed: 1, bobSeed: 2)
        let cycles = Array(Int64(0)..<2_000)
        let walkedForwards = cycles.map { forwards.pulse(aliceCycle: $0, settings: &settingsA) }
        let walkedBackwards = cycles.reversed().map { backwards.pulse(aliceCycle: $0, settings: &settingsB) }
        #expect(walkedForwards == Array(walkedBackwards.reversed()))
        #expect(cycles.allSatisfy { forwards.photon(of: .bob, aliceCycle: $0, settings: &settingsA) == walkedForwards[Int($0)].bob })
        let other = try LinkWorlds.lossless(seed: 100)
        let walkedOther = cycles.map { other.pulse(aliceCycle: $0, settings: &settingsA) }
        #expect(walkedOther != walkedForwards)
    }

    @Test(arguments: [0.0, 0.1, 0.2, 0.5])
    func interceptResendRaisesTheQBERAsExpected(fraction: Double) throws {
        // BBM92 with seeded random bases; sifted pairs (same basis) per basis. Closed form
        // Q = Q₀ + p(1 − 2Q₀)/4 with Q₀ = (1 − T)/2 of the source (k = 0.95, S = 0.5 µeV:
        // Q₀ ≈ 2.5 % in H/V, ≈ 3.2 % in D/A); σ = √(Q(1 − Q)/N), N ≈ 45 000 per basis from
        // 200 000 pulses; required within 3σ. Seed 21.
        let world = try LinkWorlds.lossless(interceptFraction: fraction, seed: 21)
        var settings = LinkWorlds.randomBBM92(aliceSeed: 5, bobSeed: 6)
        var perBasis: [AnalyzerBasis: JointTally] = [.horizontalVertical: JointTally(), .diagonalAntidiagonal: JointTally()]
        var intercepted = 0, excited = 0
        for cycle in Int64(0)..<200_000 {
            let outcome = world.pulse(aliceCycle: cycle, settings: &settings)
            if outcome.trueBobArrivalPicoseconds != nil { excited += 1 }
            if outcome.wasIntercepted { intercepted += 1 }
            guard let alice = outcome.alice, let bob = outcome.bob, alice.analyzer == bob.analyzer else { continue }
            perBasis[alice.analyzer]?.add(outcome)
        }
        for (basis, tally) in perBasis {
            let intrinsic = 0.5 * (1 - (basis == .horizontalVertical
                ? SourceParameters().expectedCorrelationTensor.populationCorrelation
                : SourceParameters().expectedCorrelationTensor.coherenceCosine))
            let expected = world.parameters.eavesdropper.expectedQuantumBitErrorRate(intrinsic: intrinsic)
            #expect(abs(expected - world.expectedQuantumBitErrorRate(basis: basis)) < 1e-12)
            #expect(abs(tally.errorRate - expected) < 3 * tally.errorRateStandardError,
                    "\(basis): QBER \(tally.errorRate) ± \(tally.errorRateStandardError), expected \(expected) at p = \(fraction)")
        }
        // Eve intercepted her fraction of the excited pulses (binomial, 3σ).
        let sigma = (fraction * (1 - fraction) / Double(excited)).squareRoot()
        #expect(abs(Double(intercepted) / Double(excited) - fraction) <= 3 * sigma)
    }

    @Test func lossFollowsTheFibreAndArms() throws {
        // 350 m at 3.5 dB/km plus 1 dB: T = 10^(−0.2225); η_B = 0.5, η_A = 0.3, p_exc = 0.9.
        // Fractions of 100 000 pulses within 3σ (binomial) of p_exc·η_A and p_exc·η_B·T. Seed 31.
        let cycles = try NodeCycleTiming(cyclePeriodPicoseconds: 10_000_000)
        let fibre = try FibreLink(lengthMetres: 350, extraLossDecibels: 1)
        let world = try LinkWorld(parameters: LinkWorldParameters(
            source: SourceParameters(), aliceArm: ArmParameters(efficiency: 0.3), bobArm: ArmParameters(efficiency: 0.5),
            fibre: fibre, aliceCycles: cycles, bobCycles: cycles, seed: 31))
        var settings = LinkWorlds.fixed(alice: .horizontalVertical, bob: .horizontalVertical)
        var alice = 0, bob = 0
        let pulses = 100_000
        for cycle in 0..<Int64(pulses) {
            let outcome = world.pulse(aliceCycle: cycle, settings: &settings)
            if outcome.alice != nil { alice += 1 }
            if outcome.bob != nil { bob += 1 }
        }
        for (count, probability) in [(alice, 0.9 * 0.3), (bob, 0.9 * 0.5 * fibre.transmission)] {
            let sigma = (probability * (1 - probability) / Double(pulses)).squareRoot()
            #expect(abs(Double(count) / Double(pulses) - probability) < 3 * sigma, "\(count) of \(pulses), p = \(probability)")
        }
        #expect(abs(fibre.transmission - 0.599_101) < 1e-6)  // 10^(−0.2225)
    }
}

/// The dot's re-excitation in the link: a second, unpolarized photon per node.
@Suite struct LinkReexcitationTests {
    @Test func reexcitationAddsUncorrelatedPhotonsAtTheirRate() throws {
        // p₂ = 0.05, p_exc = 0.9, η_A = 0.6, η_B·T = 0.4: second photons at p_exc·p₂·η per pulse
        // (binomial 3σ), and their outputs uncorrelated with the other node's pair photon in H/V
        // (E = 0 within 3σ, σ = 1/√N). 200 000 pulses, seed 29.
        let cycles = try NodeCycleTiming(cyclePeriodPicoseconds: 10_000_000)
        let source = SourceParameters(reexcitationProbability: 0.05)
        let world = try LinkWorld(parameters: LinkWorldParameters(
            source: source, aliceArm: ArmParameters(efficiency: 0.6), bobArm: ArmParameters(efficiency: 0.4),
            fibre: try FibreLink(lengthMetres: 0), aliceCycles: cycles, bobCycles: cycles, seed: 29))
        var settings = LinkWorlds.fixed(alice: .horizontalVertical, bob: .horizontalVertical)
        var alice = 0, bob = 0, products = 0, pairs = 0
        let pulses = 200_000
        for k in 0..<Int64(pulses) {
            let outcome = world.pulse(aliceCycle: k, settings: &settings)
            if outcome.aliceReexcitation != nil { alice += 1 }
            if let extra = outcome.bobReexcitation {
                bob += 1
                if let pair = outcome.alice {
                    products += extra.output == pair.output ? 1 : -1
                    pairs += 1
                }
            }
        }
        for (count, probability) in [(alice, 0.9 * 0.05 * 0.6), (bob, 0.9 * 0.05 * 0.4)] {
            let sigma = (probability * (1 - probability) / Double(pulses)).squareRoot()
            #expect(abs(Double(count) / Double(pulses) - probability) < 3 * sigma, "\(count) of \(pulses), p = \(probability)")
        }
        #expect(abs(Double(products) / Double(pairs)) < 3 / Double(pairs).squareRoot(), "E = \(products) / \(pairs)")
    }
}
