/// The basis an arm's polarization analyzer is set to: which polarization goes to the + detector
/// (the − detector gets the orthogonal one).
///
/// H/V sends H to +, D/A sends D to +, R/L sends R to +; a linear polarizer at θ (degrees from H,
/// towards D) sends linear polarization at θ to +, as CHSH needs. The states are those of James,
/// Kwiat, Munro & White, Phys. Rev. A 64, 052312 (2001), Table I: |D> = (|H> + |V>)/√2,
/// |R> = (|H> − i|V>)/√2. The physics model projects with them and the analysis certifies with them.
///
/// Files name a basis `HV`, `DA`, `RL` or `linear:ANGLE` (`linear:22.5`); `init(name:)` reads
/// that and `name` writes it back.
public enum AnalyzerBasis: Hashable, Sendable, CustomStringConvertible {
    /// Horizontal (+) / vertical (−). File name `HV`.
    case horizontalVertical
    /// Diagonal (+) / antidiagonal (−). File name `DA`.
    case diagonalAntidiagonal
    /// Right- (+) / left-circular (−). File name `RL`.
    case rightLeft
    /// Linear at `degrees` from H (+) and at `degrees` + 90° (−), as written (not reduced).
    /// File name `linear:ANGLE`.
    case linear(degrees: Double)

    /// What a file must hold where a basis is expected, for error messages.
    public static let expectedName = "a basis name: HV, DA, RL or linear:ANGLE (degrees from H, for example linear:22.5)"

    /// The basis a file names `name` (`HV`, `DA`, `RL`, `linear:ANGLE` with a finite angle), or nil.
    public init?(name: String) {
        switch name {
        case "HV": self = .horizontalVertical
        case "DA": self = .diagonalAntidiagonal
        case "RL": self = .rightLeft
        default:
            let prefix = "linear:"
            guard name.hasPrefix(prefix), let degrees = Double(name.dropFirst(prefix.count)), degrees.isFinite else {
                return nil
            }
            self = .linear(degrees: degrees)
        }
    }

    /// The name files use: `HV`, `DA`, `RL`, `linear:22.5`.
    public var name: String {
        switch self {
        case .horizontalVertical: "HV"
        case .diagonalAntidiagonal: "DA"
        case .rightLeft: "RL"
        case .linear(let degrees): "linear:\(degrees)"
        }
    }

    /// The name people read: "H/V", "D/A", "R/L", "22.5°".
    public var label: String {
        switch self {
        case .horizontalVertical: "H/V"
        case .diagonalAntidiagonal: "D/A"
        case .rightLeft: "R/L"
        case .linear(let degrees): "\(degrees)°"
        }
    }

    /// The same analyzer in its one standard form: a linear angle reduced to [0°, 180°), and
    /// linear 0° and 45° written as H/V and D/A. Two bases send the same polarization to + exactly
    /// when their canonical forms are equal.
    public var canonical: AnalyzerBasis {
        guard case .linear(let degrees) = self else { return self }
        var reduced = degrees.truncatingRemainder(dividingBy: 180)
        if reduced < 0 { reduced += 180 }
        if reduced == 0 { return .horizontalVertical }
        if reduced == 45 { return .diagonalAntidiagonal }
        return .linear(degrees: reduced)
    }

    /// Whether `other` is the same analyzer setting (equal canonical forms: `linear:0` is `HV`).
    public func isSameAnalyzer(as other: AnalyzerBasis) -> Bool { canonical == other.canonical }

    /// The file name, as `name`.
    public var description: String { name }
}
