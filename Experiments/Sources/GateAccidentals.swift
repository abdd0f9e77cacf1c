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
        var baseline = 0.0, side = 0, cycles = 0, centre = 0
        for counts in data.accumulator.settings {
            if let expected = tally.expectedAccidentals(side: counts.sideCoincidences, cycles: counts.triggerCycles) {
                baseline += expected.sum
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
        // The baseline is the side pairs times a fixed factor: the side pairs' Poisson error, relative.
        let relative = 1 / Double(side).squareRoot()
        let perCycle = baseline / Double(cycles)
        findings.figures.append(Figure(
            key: .accidentalsPerCycle, name: "uncorrelated coincidences per trigger cycle (side-cycle baseline)", value: perCycle,
            standardError: perCycle * relative,
            method: "from " + origin + ", scaled to the centre's cycles; Poisson error of the side pairs. The centre's own "
                + "accidentals are at most this (for a source of one pair per pulse, far less)"))
        let ratio = Double(centre) / baseline
        findings.figures.append(Figure(
            key: .coincidenceToAccidentalRatio, name: "centre-to-side ratio g⁽²⁾_AB(0) (coincidence-to-accidental ratio)",
            value: ratio, standardError: ratio * (relative * relative + 1 / Double(max(centre, 1))).squareRoot(),
            method: "same-cycle coincidences over the side-cycle baseline from " + origin
                + " (the pulsed A–B cross-correlation; > 1 means the arms' clicks are correlated); Poisson errors in quadrature"))
    }
}

extension FigureKey {
    /// Gate mode: the uncorrelated coincidences per trigger cycle that the side cycles measure.
    public static let accidentalsPerCycle: FigureKey = "accidentals-per-cycle"
    /// Gate mode: same-cycle coincidences over the side-cycle baseline.
    public static let coincidenceToAccidentalRatio: FigureKey = "coincidence-to-accidental-ratio"
}
