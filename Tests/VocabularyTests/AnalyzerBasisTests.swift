import Testing
import Vocabulary

/// Basis names as files write them, read back, and compared as analyzers.
@Suite struct AnalyzerBasisTests {
    @Test func namesRoundTrip() {
        for name in ["HV", "DA", "RL", "linear:22.5", "linear:-22.5", "linear:67.5", "linear:0.0"] {
            #expect(AnalyzerBasis(name: name)?.name == name, "\(name)")
        }
        #expect(AnalyzerBasis(name: "linear:22.50")?.name == "linear:22.5")
    }

    @Test func badNamesAreRefused() {
        for name in ["", "hv", "H/V", "linear:", "linear:abc", "linear:inf", "linear:nan", "linear 22.5", " HV"] {
            #expect(AnalyzerBasis(name: name) == nil, "\(name)")
        }
    }

    /// A polarizer at θ and at θ + 180° is the same analyzer; 0° is H/V and 45° is D/A.
    @Test func canonicalFormsReduceTheAngle() {
        #expect(AnalyzerBasis.linear(degrees: 0).canonical == .horizontalVertical)
        #expect(AnalyzerBasis.linear(degrees: 180).canonical == .horizontalVertical)
        #expect(AnalyzerBasis.linear(degrees: 45).canonical == .diagonalAntidiagonal)
        #expect(AnalyzerBasis.linear(degrees: -135).canonical == .diagonalAntidiagonal)
        #expect(AnalyzerBasis.linear(degrees: -22.5).canonical == .linear(degrees: 157.5))
        #expect(AnalyzerBasis.linear(degrees: 202.5).canonical == .linear(degrees: 22.5))
        #expect(AnalyzerBasis.rightLeft.canonical == .rightLeft)
        #expect(AnalyzerBasis.linear(degrees: 0).isSameAnalyzer(as: .horizontalVertical))
        #expect(!AnalyzerBasis.linear(degrees: 90).isSameAnalyzer(as: .horizontalVertical))
        // Written forms are kept as written: the physics projects at the angle the file gives.
        #expect(AnalyzerBasis(name: "linear:-22.5") == .linear(degrees: -22.5))
    }

    @Test func labelsForPeople() {
        #expect(AnalyzerBasis.horizontalVertical.label == "H/V")
        #expect(AnalyzerBasis.diagonalAntidiagonal.label == "D/A")
        #expect(AnalyzerBasis.rightLeft.label == "R/L")
        #expect(AnalyzerBasis.linear(degrees: 22.5).label == "22.5°")
    }
}
