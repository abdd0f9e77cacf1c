import RealModule
public import Vocabulary

extension AnalyzerBasis {
    /// The Bloch vector of the + output: H = +z, D = +x, R = −y (R = (|H> − i|V>)/√2 has
    /// ⟨σ_y⟩ = −1; σ_y's +1 state (|H> + i|V>)/√2 is L); linear at θ is (sin 2θ, 0, cos 2θ)
    /// (2θ because polarization angles are half the sphere's).
    public var plusOutputBlochVector: BlochVector {
        switch self {
        case .horizontalVertical: BlochVector(x: 0, y: 0, z: 1)
        case .diagonalAntidiagonal: BlochVector(x: 1, y: 0, z: 0)
        case .rightLeft: BlochVector(x: 0, y: -1, z: 0)
        case .linear(let degrees):
            BlochVector(x: Double.sin(2 * degrees * .pi / 180), y: 0, z: Double.cos(2 * degrees * .pi / 180))
        }
    }

    /// The basis named `name` in a station file, or the problem with it, reported against `field`.
    public static func parse(_ name: String, field: String) -> Result<AnalyzerBasis, ParameterProblem> {
        guard let basis = AnalyzerBasis(name: name) else {
            return .failure(ParameterProblem(field: field, found: "\"\(name)\"", expected: AnalyzerBasis.expectedName))
        }
        return .success(basis)
    }

    /// The problem with this basis, if any (a linear angle that is not a finite number).
    public func validate(field: String) -> [ParameterProblem] {
        if case .linear(let degrees) = self, !degrees.isFinite {
            return [ParameterProblem(field: field, found: "linear:\(degrees)", expected: "a finite angle in degrees")]
        }
        return []
    }
}
