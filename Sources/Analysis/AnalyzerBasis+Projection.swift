public import Vocabulary

extension AnalyzerBasis {
    /// The projection the + detector sees.
    public func plus() throws(AnalysisError) -> PolarizationProjection {
        switch self {
        case .horizontalVertical: .horizontalH
        case .diagonalAntidiagonal: .diagonalD
        case .rightLeft: .rightR
        case let .linear(degrees): try .linear(degrees: degrees)
        }
    }

    /// The projection the − detector sees.
    public func minus() throws(AnalysisError) -> PolarizationProjection {
        switch self {
        case .horizontalVertical: .verticalV
        case .diagonalAntidiagonal: .antidiagonalA
        case .rightLeft: .leftL
        case let .linear(degrees): try .linear(degrees: degrees + 90)
        }
    }

    /// The projection the detector on `output` sees.
    public func projection(onto output: DetectorOutput) throws(AnalysisError) -> PolarizationProjection {
        output == .plus ? try plus() : try minus()
    }
}
