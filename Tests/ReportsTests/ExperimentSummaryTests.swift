import Analysis
import Experiments
import Reports
import Testing

/// The terminal summary shows a figure's interval where its ± error would mislead (at an edge of
/// its range, skewed, clipped) and the ± error where the two say the same.
@Suite struct ExperimentSummaryTests {
    static func interval(_ lower: Double, _ upper: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: lower, upper: upper, confidenceLevel: ConfidenceInterval.oneSigmaLevel, method: "test")
    }

    @Test func aFigureAtTheEdgeShowsItsIntervalNotPlusMinusZero() {
        var findings = ExperimentFindings()
        findings.figures = [
            Figure(key: .visibilityHV, name: "visibility H/V ⊗ H/V", value: 1, standardError: 0, method: "m",
                   interval: Self.interval(0.998, 1)),
            Figure(key: .secretKeyRate, name: "secret key rate", value: 0, standardError: 40, unit: "bit/s", method: "m",
                   interval: Self.interval(0, 25)),
        ]
        #expect(ExperimentSummary.text(findings) == """
              visibility H/V ⊗ H/V: 1 (68 % interval 0.998 … 1)
              secret key rate: 0 bit/s (68 % interval 0 … 25 bit/s)
            """)
    }

    @Test func aFigureWhoseIntervalIsItsErrorShowsTheError() {
        var findings = ExperimentFindings()
        findings.figures = [
            // Within 0.3σ of value ± σ at both ends: the ± error says it.
            Figure(key: .chshS, name: "CHSH S", value: 2.6, standardError: 0.06, method: "m", interval: Self.interval(2.541, 2.658)),
            Figure(key: .photonArrivalDelay, name: "photon arrival", value: 105, standardError: 0.29, unit: "ns", method: "m"),
        ]
        findings.notes = ["a note"]
        #expect(ExperimentSummary.text(findings) == """
              CHSH S: 2.6 ± 0.06
              photon arrival: 105 ± 0.29 ns
              note: a note
            """)
    }
}
