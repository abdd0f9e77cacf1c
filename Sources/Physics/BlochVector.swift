/// A polarization state as a point on the Poincaré sphere: x = D/A, y = R/L, z = H/V.
public struct BlochVector: Hashable, Sendable {
    /// Diagonal (+1) versus antidiagonal (−1).
    public var x: Double
    /// Right-circular (+1) versus left-circular (−1).
    public var y: Double
    /// Horizontal (+1) versus vertical (−1).
    public var z: Double

    /// The vector (x, y, z).
    @inlinable public init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }
}
