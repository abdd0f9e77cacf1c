import RealModule
public import SeededRandom

/// The tables of the ziggurat method for the standard exponential distribution: 256 layers of
/// equal area under e^{−x} (Marsaglia and Tsang, "The Ziggurat Method for Generating Random
/// Variables", J. Stat. Softw. 5(8) (2000), tables `ke`, `we`, `fe` of its `zigset`, with
/// r = 7.697117470131487 and layer area v = 3.949659822581572e-3).
///
/// Here the uniform part of a draw has 53 bits (not 32), and the layer index comes from 8 other
/// bits of the same 64-bit word, so index and abscissa are independent. About 98.9 % of draws
/// take the fast path: one 64-bit word, one comparison, one multiplication, no logarithm.
///
/// This is the derivation; the sampler reads the same numbers as literals from
/// ``ExponentialZigguratTables`` (checked equal by a test), which cost no lazy initialization.
@usableFromInline
enum ExponentialZiggurat {
    /// Where the rightmost layer ends and the tail begins.
    @usableFromInline static let tailStart = 7.697117470131487

    /// The tables derived from the construction: f(x) = e^{−x}, f⁻¹(y) = −ln y.
    static var derivedLayers: ZigguratLayers {
        ZigguratLayers(layerCount: 256, tailStart: tailStart, layerArea: 3.949659822581572e-3,
                       density: { x in Double.exp(-x) }, inverseDensity: { y in -Double.log(y) })
    }
}

extension Xoshiro256StarStar {
    /// A standard exponential number (mean 1) by the ziggurat method (``ExponentialZiggurat``).
    @inlinable @inline(__always)
    public mutating func nextStandardExponential() -> Double {
        let bits = next()
        let layer = Int(truncatingIfNeeded: bits & 255)
        let uniform = bits >> 11
        typealias Tables = ExponentialZigguratTables
        if uniform < Tables.acceptBelow[layer] { return Double(uniform) * Tables.widthScale[layer] }
        let (draw, advanced) = Self.standardExponentialSlowPath(layer: layer, uniform: uniform, from: self)
        self = advanced
        return draw
    }

    /// ``nextStandardExponentialSlowPath(layer:uniform:)`` on a copy of `generator`: the draw and
    /// the generator after it. The generator goes in and out by value, so a caller that keeps its
    /// generator in registers for a run of draws (the dot's emission) need not store it to memory
    /// before every draw's rare slow path, as a mutating call, given its address, made it.
    @usableFromInline @inline(never)
    static func standardExponentialSlowPath(layer: Int, uniform: UInt64,
                                            from generator: Xoshiro256StarStar) -> (Double, Xoshiro256StarStar) {
        var generator = generator
        let draw = generator.nextStandardExponentialSlowPath(layer: layer, uniform: uniform)
        return (draw, generator)
    }

    /// The rare draws: the tail beyond r (again exponential, by memorylessness: r − ln u), and the
    /// wedge of a layer between its inner rectangle and the curve (accept by the curve's height).
    mutating func nextStandardExponentialSlowPath(layer startLayer: Int, uniform startUniform: UInt64) -> Double {
        typealias Tables = ExponentialZigguratTables
        var layer = startLayer, uniform = startUniform
        while true {
            if layer == 0 { return ExponentialZiggurat.tailStart - Double.log(1 - nextUnitInterval()) }
            let x = Double(uniform) * Tables.widthScale[layer]
            let height = Tables.heights[layer] + nextUnitInterval() * (Tables.heights[layer - 1] - Tables.heights[layer])
            if height < Double.exp(-x) { return x }
            let bits = next()
            layer = Int(truncatingIfNeeded: bits & 255)
            uniform = bits >> 11
            if uniform < Tables.acceptBelow[layer] { return Double(uniform) * Tables.widthScale[layer] }
        }
    }
}
