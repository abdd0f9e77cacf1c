import RealModule

/// What one arm's polarization analyzer projects onto: the + output of its PBS.
///
/// H/V sends H to +, D/A sends D to +, R/L sends R to +; a linear polarizer at θ (degrees from
/// H, towards D) sends linear polarization at θ to +, as CHSH needs. The states are those of
/// James, Kwiat, Munro & White, Phys. Rev. A 64, 052312 (2001), Table I, which the analysis
/// (`PolarizationProjection`) certifies with: |D> = (|H> + |V>)/√2, |R> = (|H> − i|V>)/√2.
public enum AnalyzerSetting: Hashable, Sendable, CustomStringConvertible {
    /// Horizontal (+) / vertical (−). Station-file name `HV`.
    case horizontalVertical
    /// Diagonal (+) / antidiagonal (−). Station-file name `DA`.
    case diagonalAntidiagonal
    /// Right- (+) / left-circular (−). Station-file name `RL`.
    case rightLeft
    /// Linear at `angleDegrees` from H (+) / at `angleDegrees` + 90° (−). Station-file name
    /// `linear:ANGLE`, for example `linear:22.5`.
    case linear(angleDegrees: Double)

    /// The Bloch vector of the + output: H = +z, D = +x, R = −y (R = (|H> − i|V>)/√2 has
    /// ⟨σ_y⟩ = −1; σ_y's +1 state (|H> + i|V>)/√2 is L); linear at θ is (sin 2θ, 0, cos 2θ)
    /// (2θ because polarization angles are half the sphere's).
    public var plusOutputBlochVector: BlochVector {
        switch self {
        case .horizontalVertical: BlochVector(x: 0, y: 0, z: 1)
        case .diagonalAntidiagonal: BlochVector(x: 1, y: 0, z: 0)
        case .rightLeft: BlochVector(x: 0, y: -1, z: 0)
        case .linear(let angleDegrees):
            BlochVector(x: Double.sin(2 * angleDegrees * .pi / 180), y: 0, z: Double.cos(2 * angleDegrees * .pi / 180))
        }
    }

    /// The setting named `name` in a station file (`HV`, `DA`, `RL` or `linear:ANGLE`), or the
    /// problem with it, reported against `field`.
    public static func parse(_ name: String, field: String) -> Result<AnalyzerSetting, ParameterProblem> {
        let expected = "a basis name: HV, DA, RL or linear:ANGLE (degrees from H, for example linear:22.5)"
        switch name {
        case "HV": return .success(.horizontalVertical)
        case "DA": return .success(.diagonalAntidiagonal)
        case "RL": return .success(.rightLeft)
        default:
            let prefix = "linear:"
            guard name.hasPrefix(prefix), let angle = Double(name.dropFirst(prefix.count)), angle.isFinite else {
                return .failure(ParameterProblem(field: field, found: "\"\(name)\"", expected: expected))
            }
            return .success(.linear(angleDegrees: angle))
        }
    }

    /// The problem with this setting, if any (a linear angle that is not a finite number).
    public func validate(field: String) -> [ParameterProblem] {
        if case .linear(let angleDegrees) = self, !angleDegrees.isFinite {
            return [ParameterProblem(field: field, found: "linear:\(angleDegrees)", expected: "a finite angle in degrees")]
        }
        return []
    }

    /// The station-file name of the setting.
    public var description: String {
        switch self {
        case .horizontalVertical: "HV"
        case .diagonalAntidiagonal: "DA"
        case .rightLeft: "RL"
        case .linear(let angleDegrees): "linear:\(angleDegrees)"
        }
    }
}
