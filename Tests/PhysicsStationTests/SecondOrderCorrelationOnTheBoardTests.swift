import Firmware
import Physics
import Testing

/// g2(0) of arm A by pulsed Hanbury Brown–Twiss through the firmware's own counts. Arm A's PBS
/// with its two detectors is the HBT beam splitter: a photon without a partner has no
/// polarization, so it goes to A+ or A− with probability ½. Centre peak: cycles in which both
/// A+ and A− clicked (the firmware's double-click cycles; arm B is dark so that count is arm A's);
/// side peak: clicks of A+ and A− in different, independent pulses, S₊·S₋/N per pulse pair.
@Suite struct SecondOrderCorrelationOnTheBoardTests {
    /// With n = 1 or 2 photons (re-excitation probability p₂), each reaching A+ (or A−) with
    /// q = η_A·η_det/2, clicks give g2 = 2p₂ / (p_exc (1 + p₂ − p₂ q)²): the physics model's
    /// closed form 2p₂/(p_exc (1 + p₂)²) as q → 0 (a second photon in an already-clicked detector
    /// is not seen twice), which is `ExpectedFigures.secondOrderCorrelation(_:)`. Error: Poisson on the centre count and the two singles, added in
    /// quadrature as relative errors (first order; the centre count dominates).
    @Test func secondOrderCorrelationFromReexcitation() throws {
        let reexcitation = 0.2, armEfficiency = 0.5
        let parameters = try TestStation.ideal {
            $0.source.reexcitationProbability = reexcitation
            $0.armA.efficiency = armEfficiency
            $0.armB.efficiency = 0
        }
        let q = armEfficiency * 1 / 2
        let expected = 2 * reexcitation / ((1 + reexcitation - reexcitation * q) * (1 + reexcitation - reexcitation * q))
        #expect(abs(try ExpectedFigures(parameters).secondOrderCorrelation(.a) - expected) < 1e-12)
        let photonNumberForm = parameters.source.expectedSecondOrderCorrelationAtZeroDelay
        #expect(abs(photonNumberForm - 2 * reexcitation / ((1 + reexcitation) * (1 + reexcitation))) < 1e-12)

        let cycles = 30_000
        let run = try PhysicsStationRun(parameters, steps: [.init(label: "HBT", codeA: 0, codeB: 0, cycles: cycles)], seed: 3)
        #expect(run.report.complete && run.report.lostEdges == 0)
        let tally = try run.tally("HBT")
        let centre = Double(tally.doubleClickCycles)
        let plus = Double(tally.singles[.aPlus]), minus = Double(tally.singles[.aMinus])
        let g2 = centre * Double(cycles) / (plus * minus)
        let error = g2 * (1 / centre + 1 / plus + 1 / minus).squareRoot()
        #expect(abs(g2 - expected) <= 4 * error, "g2(0) = \(g2) ± \(error), expected \(expected) (photon-number form \(photonNumberForm))")
    }

    /// Without re-excitation no cycle ever has two photons in arm A: the centre peak is empty.
    @Test func singlePhotonsHaveNoCentrePeak() throws {
        let parameters = try TestStation.ideal { $0.armB.efficiency = 0 }
        let run = try PhysicsStationRun(parameters, steps: [.init(label: "HBT", codeA: 0, codeB: 0, cycles: 2_000)])
        let tally = try run.tally("HBT")
        #expect(tally.doubleClickCycles == 0)
        #expect(tally.singles[.aPlus] + tally.singles[.aMinus] == 2_000)
    }
}
