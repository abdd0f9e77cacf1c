/// The basis an arm's analyzer is set to: which polarization goes to the + detector and which to
/// the − detector.
public enum AnalyzerBasis: Sendable, CustomStringConvertible {
    /// + = H, − = V.
    case horizontalVertical
    /// + = D, − = A.
    case diagonalAntidiagonal
    /// + = R, − = L.
    case rightLeft
    /// A linear analyzer at `degrees`: + = cos θ|H> + sin θ|V>, − the orthogonal linear state.
    case linear(degrees: Double)

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

    public var description: String {
        switch self {
        case .horizontalVertical: "H/V"
        case .diagonalAntidiagonal: "D/A"
        case .rightLeft: "R/L"
        case let .linear(degrees): "\(degrees)°"
        }
    }
}
