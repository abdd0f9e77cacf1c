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
struct ExponentialZiggurat: Sendable {
    /// Where the rightmost layer ends and the tail begins.
    @usableFromInline static let tailStart = 7.697117470131487

    /// k[i]: below this 53-bit value the point lies under the curve for sure (x < x_{i−1}).
    let acceptBelow: [UInt64]
    /// w[i]: x_i / 2^53, so that a 53-bit value times w[i] is a point of layer i.
    let widthScale: [Double]
    /// f[i] = e^{−x_i}: the height of the top of layer i.
    let heights: [Double]

    init() {
        let scale = 0x1p53
        let layerArea = 3.949659822581572e-3
        var x = Self.tailStart, previous = x
        var acceptBelow = [UInt64](repeating: 0, count: 256)
        var widthScale = [Double](repeating: 0, count: 256)
        var heights = [Double](repeating: 0, count: 256)
        let baseWidth = layerArea / Double.exp(-x)   // the base strip with its tail, as a rectangle
        acceptBelow[0] = UInt64(x / baseWidth * scale)
        acceptBelow[1] = 0
        widthScale[0] = baseWidth / scale
        widthScale[255] = x / scale
        heights[0] = 1
        heights[255] = Double.exp(-x)
        for layer in stride(from: 254, through: 1, by: -1) {
            x = -Double.log(layerArea / x + Double.exp(-x))
            acceptBelow[layer + 1] = UInt64(x / previous * scale)
            previous = x
            heights[layer] = Double.exp(-x)
            widthScale[layer] = x / scale
        }
        self.acceptBelow = acceptBelow
        self.widthScale = widthScale
        self.heights = heights
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
        return nextStandardExponentialSlowPath(layer: layer, uniform: uniform)
    }

    /// The rare draws: the tail beyond r (again exponential, by memorylessness: r − ln u), and the
    /// wedge of a layer between its inner rectangle and the curve (accept by the curve's height).
    @usableFromInline
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
