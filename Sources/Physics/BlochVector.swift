/// A polarization state as a point on the Poincaré sphere, (⟨σ_x⟩, ⟨σ_y⟩, ⟨σ_z⟩) in the H, V
/// basis: x = D/A, y = L/R, z = H/V, with R = (|H> − i|V>)/√2 as James et al., Phys. Rev. A 64,
/// 052312 (2001) and the analysis define it.
public struct BlochVector: Hashable, Sendable {
    /// Diagonal (+1) versus antidiagonal (−1).
    public var x: Double
    /// Left-circular (+1) versus right-circular (−1).
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
