public import ComplexModule
public import RealModule

/// A projection of one photon's polarization: the ket |ψ> = h|H> + v|V> that an analyzer output
/// passes. Conventions of James, Kwiat, Munro & White, Phys. Rev. A 64, 052312 (2001), Table I:
/// |D> = (|H> + |V>)/√2, |A> = (|H> − |V>)/√2, |R> = (|H> − i|V>)/√2, |L> = (|H> + i|V>)/√2.
public struct PolarizationProjection: Sendable, CustomStringConvertible {
    /// Amplitude on |H>.
    public var horizontal: Complex<Double>
    /// Amplitude on |V>.
    public var vertical: Complex<Double>
    /// A short name for messages ("H", "D", "22.5°").
    public var name: String

    /// A projection on h|H> + v|V>, normalized; throws for a zero or non-finite ket.
    public init(horizontal: Complex<Double>, vertical: Complex<Double>, name: String) throws(AnalysisError) {
        let norm = (horizontal.lengthSquared + vertical.lengthSquared).squareRoot()
        guard norm.isFinite else { throw .notFinite(location: "polarization ket \(name)", value: norm) }
        guard norm > 0 else {
            throw .invalidParameter(name: "polarization ket \(name)", value: "0", expected: "a non-zero ket")
        }
        self.horizontal = horizontal * Complex(1 / norm)
        self.vertical = vertical * Complex(1 / norm)
        self.name = name
    }

    private init(unchecked horizontal: Complex<Double>, _ vertical: Complex<Double>, name: String) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.name = name
    }

    private static let half = 0.5.squareRoot()

    /// |H>.
    public static let horizontalH = PolarizationProjection(unchecked: .one, .zero, name: "H")
    /// |V>.
    public static let verticalV = PolarizationProjection(unchecked: .zero, .one, name: "V")
    /// |D> = (|H> + |V>)/√2.
    public static let diagonalD = PolarizationProjection(unchecked: Complex(half), Complex(half), name: "D")
    /// |A> = (|H> − |V>)/√2.
    public static let antidiagonalA = PolarizationProjection(unchecked: Complex(half), Complex(-half), name: "A")
    /// |R> = (|H> − i|V>)/√2.
    public static let rightR = PolarizationProjection(unchecked: Complex(half), Complex(0, -half), name: "R")
    /// |L> = (|H> + i|V>)/√2.
    public static let leftL = PolarizationProjection(unchecked: Complex(half), Complex(0, half), name: "L")

    /// A linear polarizer at `degrees` from horizontal: cos θ|H> + sin θ|V>.
    public static func linear(degrees: Double) throws(AnalysisError) -> PolarizationProjection {
        try AnalysisError.checkFinite(degrees, "linear polarizer angle (degrees)")
        let radians = degrees * Double.pi / 180
        return PolarizationProjection(unchecked: Complex(Double.cos(radians)), Complex(Double.sin(radians)),
                                      name: "\(degrees)°")
    }

    /// The projection whose normalized Stokes vector is (s1, s2, s3): s1 = +1 is H, s2 = +1 is D,
    /// s3 = +1 is R. Throws for a zero or non-finite vector.
    public init(stokes s1: Double, _ s2: Double, _ s3: Double) throws(AnalysisError) {
        let length = (s1 * s1 + s2 * s2 + s3 * s3).squareRoot()
        guard length.isFinite else { throw .notFinite(location: "Stokes vector", value: length) }
        guard length > 0 else { throw .invalidParameter(name: "Stokes vector", value: "0", expected: "non-zero") }
        let polar = Double.acos(max(-1, min(1, s1 / length)))
        let azimuth = Double.atan2(y: -s3, x: s2)
        self.init(unchecked: Complex(Double.cos(polar / 2)),
                  Complex(length: Double.sin(polar / 2), phase: azimuth),
                  name: "S(\(s1), \(s2), \(s3))")
    }

    /// The normalized Stokes vector (s1, s2, s3) of this projection (H → (1,0,0), D → (0,1,0),
    /// R → (0,0,1)).
    public var stokes: (s1: Double, s2: Double, s3: Double) {
        let cross = horizontal.conjugate * vertical
        return (horizontal.lengthSquared - vertical.lengthSquared, 2 * cross.real, -2 * cross.imaginary)
    }

    /// The Pauli expectations (1, <σx>, <σy>, <σz>) of the projector, with |H> = |0>.
    var pauliVector: InlineArray<4, Double> {
        let (s1, s2, s3) = stokes
        return [1, s2, -s3, s1]
    }

    /// The orthogonal projection (the other output port of the same analyzer).
    public var orthogonal: PolarizationProjection {
        PolarizationProjection(unchecked: vertical.conjugate * Complex(-1), horizontal.conjugate, name: "⊥\(name)")
    }

    /// The ket as (h, v).
    public var ket: (Complex<Double>, Complex<Double>) { (horizontal, vertical) }

    public var description: String { name }
}
