import Vocabulary

/// Gate mode's side cycles, measured, and what they say.
///
/// In gate mode a coincidence is two detectors clicking in one cycle: everything that clicks inside
/// the detectors' gates can pair up, pair photons and dark counts, afterpulses and extra photons
/// alike. The pairs a cycle makes with its neighbours k ± 1 … k ± K (`SideCycleTally`) come from
/// different excitation pulses, so they are uncorrelated: per cycle they are p_A·p_B, the product of
/// the two arms' click probabilities, whatever the source — the uncorrelated baseline of a pulsed
/// correlation. For a source that emits at most one pair per pulse (a quantum dot), the centre's own
/// accidentals are far below that baseline (they need a click that is not the pulse's pair: a dark
/// count, an afterpulse, a re-excitation photon), so the baseline is reported, with the
/// centre-to-side ratio (the pulsed A–B cross-correlation g⁽²⁾_AB(0), ≫ 1 for a good pair source),
/// and never subtracted: every figure is given as measured, accidentals included, and says so.
enum GateAccidentals {
    /// Adds gate mode's side-cycle figures to `findings` and says in every figure's method that its
    /// counts are same-cycle coincidences, accidentals included.
    static func report(_ data: ExperimentData, sideCycles: Int, into findings: inout ExperimentFindings) {
        let tally = SideCycleTally(sideCycles: sideCycles)
        var baseline = 0.0, baselineVariance = 0.0, side = 0, cycles = 0, centre = 0
        for counts in data.accumulator.settings {
            if let expected = tally.expectedAccidentals(side: counts.sideCoincidences, cycles: counts.triggerCycles) {
                baseline += expected.sum
                baselineVariance += expected.sum * expected.sum * relativeVariance(of: counts, sideCycles: tally.sideCycles)
            }
            side += counts.sideCoincidences.sum
            cycles += counts.triggerCycles
            centre += counts.totalCoincidences
        }
        let origin = "the pairs each cycle makes with its neighbours ±1…±\(sideCycles) in the same setting (different "
            + "excitation pulses: uncorrelated, p_A·p_B per cycle)"
        for index in findings.figures.indices {
            findings.figures[index].method += "; gate mode: coincidences are clicks of both arms in the same cycle, accidentals "
                + "included and not subtracted (side-cycle baseline: accidentals-per-cycle)"
        }
        guard cycles > 0, side > 0, baseline > 0 else {
            findings.notes.append("side cycles: no pairs with neighbouring cycles were seen, so the uncorrelated baseline is below what "
                + "\(cycles) cycles can measure")
            return
        }
        let relative = baselineVariance.squareRoot() / baseline
        let perCycle = baseline / Double(cycles)
        findings.figures.append(Figure(
            key: .accidentalsPerCycle, name: "uncorrelated coincidences per trigger cycle (side-cycle baseline)", value: perCycle,
            standardError: perCycle * relative,
            method: "from " + origin + ", scaled to the centre's cycles; its error counts each click in all the 2K side pairs it makes "
                + "(not Poisson: one click pairs with the other arm in 2K cycles). The centre's own "
                + "accidentals are at most this (for a source of one pair per pulse, far less)"))
        let ratio = Double(centre) / baseline
        findings.figures.append(Figure(
            key: .coincidenceToAccidentalRatio, name: "centre-to-side ratio g⁽²⁾_AB(0) (coincidence-to-accidental ratio)",
            value: ratio, standardError: ratio * (relative * relative + 1 / Double(max(centre, 1))).squareRoot(),
            method: "same-cycle coincidences over the side-cycle baseline from " + origin
                + " (the pulsed A–B cross-correlation; > 1 means the arms' clicks are correlated); the baseline's error and the "
                + "centre's Poisson error in quadrature"))
    }

    /// The relative variance of one setting's side-pair count S = Σ_k Σ_{0<|d|≤K} a_k·b_{k+d}, with
    /// a_k, b_k how many detectors of arm A, B clicked in cycle k (cycles independent). S is not
    /// Poisson: a click of A in cycle k pairs with B in 2K cycles, so those 2K terms share it.
    /// Over the M = 2K·N terms, a term's variance is E(a²)E(b²) − μ_a²μ_b², and each term shares
    /// a_k with 2K − 1 others (covariance Var(a)·μ_b²) and b with 2K − 1 others (Var(b)·μ_a²):
    ///
    ///     Var(S)/E(S)² = [E(a²)E(b²)/(μ_a μ_b)² − 1]/M + (2K − 1)/M · [Var(a)/μ_a² + Var(b)/μ_b²],
    ///
    /// which for rare clicks is 1/E(S)·[1 + (2K − 1)(μ_a + μ_b)], Poisson times a factor. Each
    /// detector is taken as clicking independently with p_i = singles_i/N (an arm's two detectors
    /// share its photon, which only lowers Var(a): the error is not underestimated).
    static func relativeVariance(of counts: SettingCounts, sideCycles: Int) -> Double {
        let cycles = Double(counts.triggerCycles)
        func moments(_ channels: [DetectorChannel]) -> (mean: Double, variance: Double) {
            var mean = 0.0, variance = 0.0
            for channel in channels {
                let p = min(1, Double(counts.singles[channel]) / cycles)
                mean += p
                variance += p * (1 - p)
            }
            return (mean, variance)
        }
        let a = moments([.aPlus, .aMinus]), b = moments([.bPlus, .bMinus])
        let terms = 2 * Double(sideCycles) * cycles
        guard a.mean > 0, b.mean > 0, terms > 0 else { return 0 }
        let squaresA = a.variance + a.mean * a.mean, squaresB = b.variance + b.mean * b.mean
        let own = squaresA * squaresB / (a.mean * a.mean * b.mean * b.mean) - 1
        let shared = (2 * Double(sideCycles) - 1) * (a.variance / (a.mean * a.mean) + b.variance / (b.mean * b.mean))
        return (own + shared) / terms
    }
}

extension FigureKey {
    /// Gate mode: the uncorrelated coincidences per trigger cycle that the side cycles measure.
    public static let accidentalsPerCycle: FigureKey = "accidentals-per-cycle"
    /// Gate mode: same-cycle coincidences over the side-cycle baseline.
    public static let coincidenceToAccidentalRatio: FigureKey = "coincidence-to-accidental-ratio"
}
