public import RealModule

/// The few distributions the model draws from, each in closed form (no time stepping).
extension PhysicsRandom {
    /// A uniform number in [0, 1), with the 53 random bits a `Double` can hold.
    @inlinable @inline(__always) public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `probability` (a Bernoulli trial).
    @inlinable @inline(__always) public mutating func nextBernoulli(probability: Double) -> Bool {
        nextUnitInterval() < probability
    }

    /// An exponentially distributed delay with mean `mean`, by inversion: −mean·ln(1 − u).
    ///
    /// 1 − u lies in (0, 1], so the logarithm is finite and the delay is never negative.
    @inlinable public mutating func nextExponential(mean: Double) -> Double {
        -mean * Double.log(1 - nextUnitInterval())
    }

    /// A standard normal number (mean 0, standard deviation 1), by the Box–Muller transform
    /// (Box and Muller, Ann. Math. Statist. 29, 610 (1958)): each pair of uniforms gives two
    /// independent normals, r·cos θ now and r·sin θ on the next call.
    @inlinable public mutating func nextStandardNormal() -> Double {
        if let spare = spareStandardNormal {
            spareStandardNormal = nil
            return spare
        }
        let radius = (-2 * Double.log(1 - nextUnitInterval())).squareRoot()
        let angle = 2 * Double.pi * nextUnitInterval()
        spareStandardNormal = radius * Double.sin(angle)
        return radius * Double.cos(angle)
    }
}
