import RealModule
public import SeededRandom

/// The tables of the ziggurat method for the standard normal distribution: 128 layers of equal
/// area under e^{−x²/2} (Marsaglia and Tsang, "The Ziggurat Method for Generating Random
/// Variables", J. Stat. Softw. 5(8) (2000), tables `kn`, `wn`, `fn` of its `zigset`, with
/// r = 3.442619855899 and layer area v = 9.91256303526217e-3).
///
/// As in ``ExponentialZiggurat``, the uniform part of a draw has 53 bits, and the layer (7 bits)
/// and the sign (1 bit) come from other bits of the same 64-bit word, so the three are
/// independent (the original's `hz & 127` reused bits of the abscissa). About 98.8 % of draws
/// take the fast path: one 64-bit word, one comparison, one multiplication — no logarithm, no
/// sine or cosine as in the Box–Muller transform this replaces.
@usableFromInline
enum NormalZiggurat {
    /// Where the rightmost layer ends and the tail begins.
    @usableFromInline static let tailStart = 3.442619855899
    /// The tables derived from the construction: f(x) = e^{−x²/2}, f⁻¹(y) = √(−2 ln y). The
    /// sampler reads the same numbers as literals from ``NormalZigguratTables`` (checked equal by
    /// a test), which cost no lazy initialization.
    static var derivedLayers: ZigguratLayers {
        ZigguratLayers(layerCount: 128, tailStart: tailStart, layerArea: 9.91256303526217e-3,
                       density: { x in Double.exp(-0.5 * x * x) }, inverseDensity: { y in (-2 * Double.log(y)).squareRoot() })
    }
}

extension Xoshiro256StarStar {
    /// A standard normal number (mean 0, standard deviation 1) by the ziggurat method
    /// (``NormalZiggurat``): bits 0–6 of a 64-bit word pick the layer, bit 7 the sign, the top
    /// 53 bits the abscissa.
    @inlinable @inline(__always)
    public mutating func nextStandardNormal() -> Double {
        let bits = next()
        let layer = Int(truncatingIfNeeded: bits & 127)
        let negative = bits & 128 != 0
        let uniform = bits >> 11
        typealias Tables = NormalZigguratTables
        if uniform < Tables.acceptBelow[layer] {
            let x = Double(uniform) * Tables.widthScale[layer]
            return negative ? -x : x
        }
        return nextStandardNormalSlowPath(layer: layer, negative: negative, uniform: uniform)
    }

    /// A Gaussian delay of RMS `rmsPicoseconds` in whole picoseconds: `rmsPicoseconds` times one
    /// ``nextStandardNormal()``, rounded as ``Picoseconds/rounded(_:)``.
    ///
    /// For callers in other modules (the simulated laser's trigger jitter). Deliberately not
    /// inlinable: compiled here, the draw reads the ziggurat's tables in place; inlined into
    /// another module, it reached each table through its lazy global's accessor, two calls and
    /// two `swift_once` checks per draw, more than this call costs.
    public mutating func nextGaussianDelayPicoseconds(rmsPicoseconds: Double) -> Int64 {
        Picoseconds.rounded(rmsPicoseconds * nextStandardNormal())
    }

    /// The rare draws: the tail beyond r by Marsaglia's method (x = −ln(u₁)/r, y = −ln(u₂),
    /// accept when 2y > x², giving r + x; Marsaglia, Ann. Math. Statist. 35, 1964), and the wedge of a
    /// layer between its inner rectangle and the curve (accept by the curve's height).
    @usableFromInline
    mutating func nextStandardNormalSlowPath(layer startLayer: Int, negative startNegative: Bool,
                                             uniform startUniform: UInt64) -> Double {
        typealias Tables = NormalZigguratTables
        let r = NormalZiggurat.tailStart
        var layer = startLayer, negative = startNegative, uniform = startUniform
        while true {
            if layer == 0 {
                while true {
                    let x = -Double.log(1 - nextUnitInterval()) / r
                    let y = -Double.log(1 - nextUnitInterval())
                    if y + y > x * x { return negative ? -(r + x) : r + x }
                }
            }
            let x = Double(uniform) * Tables.widthScale[layer]
            let height = Tables.heights[layer] + nextUnitInterval() * (Tables.heights[layer - 1] - Tables.heights[layer])
            if height < Double.exp(-0.5 * x * x) { return negative ? -x : x }
            let bits = next()
            layer = Int(truncatingIfNeeded: bits & 127)
            negative = bits & 128 != 0
            uniform = bits >> 11
            if uniform < Tables.acceptBelow[layer] {
                let x = Double(uniform) * Tables.widthScale[layer]
                return negative ? -x : x
            }
        }
    }
}
