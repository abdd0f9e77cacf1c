public import ComplexModule
public import RealModule

/// A vector of the two-photon polarization space, components in the order |HH>, |HV>, |VH>, |VV>
/// (arm A's photon first).
public struct ComplexVector4: Sendable {
    /// The four components.
    public var components: InlineArray<4, Complex<Double>>

    /// A vector from its four components (|HH>, |HV>, |VH>, |VV>).
    @inlinable
    public init(_ hh: Complex<Double>, _ hv: Complex<Double>, _ vh: Complex<Double>, _ vv: Complex<Double>) {
        components = [hh, hv, vh, vv]
    }

    /// The product state |a> ⊗ |b> of two single-photon polarization kets (h, v amplitudes).
    @inlinable
    public init(tensorProductOf a: (Complex<Double>, Complex<Double>), _ b: (Complex<Double>, Complex<Double>)) {
        components = [a.0 * b.0, a.0 * b.1, a.1 * b.0, a.1 * b.1]
    }

    /// Component `index` (0 ..< 4).
    @inlinable
    public subscript(index: Int) -> Complex<Double> {
        get { components[index] }
        set { components[index] = newValue }
    }

    /// The inner product <self|other> (conjugate-linear in `self`).
    @inlinable
    public func inner(_ other: ComplexVector4) -> Complex<Double> {
        var sum = Complex<Double>.zero
        for i in 0..<4 { sum = sum + components[i].conjugate * other.components[i] }
        return sum
    }

    /// The squared norm <self|self>.
    @inlinable
    public var normSquared: Double {
        var sum = 0.0
        for i in 0..<4 { sum += components[i].lengthSquared }
        return sum
    }
}
