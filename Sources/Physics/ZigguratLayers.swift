/// The tables of a ziggurat sampler for a monotone decreasing density f on [0, ∞) with f(0) = 1
/// (Marsaglia and Tsang, "The Ziggurat Method for Generating Random Variables", J. Stat. Softw.
/// 5(8) (2000), its `zigset`): `layerCount` layers of equal area v under f, the base layer
/// (layer 0) being the strip below f(r) together with the tail beyond r.
///
/// The edges run inward from r at the last layer: the edge below x is f⁻¹(v/x + f(x)), so each
/// layer's rectangle has area v. The uniform part of a draw has 53 bits, so k and w are scaled
/// by 2⁵³ (not 2³² as in the paper).
@usableFromInline
struct ZigguratLayers: Sendable {
    /// k[i]: below this 53-bit value the point lies under the curve for sure (x < x_{i−1}).
    @usableFromInline let acceptBelow: [UInt64]
    /// w[i]: x_i / 2^53, so that a 53-bit value times w[i] is a point of layer i.
    @usableFromInline let widthScale: [Double]
    /// f[i] = f(x_i): the height of the top of layer i.
    @usableFromInline let heights: [Double]

    /// The layers of `density` (f) with its inverse (f⁻¹), for the rightmost edge `tailStart`
    /// (r) and the layer area `layerArea` (v) that together close the ziggurat at f(0) = 1.
    init(layerCount: Int, tailStart: Double, layerArea: Double,
         density: (Double) -> Double, inverseDensity: (Double) -> Double) {
        let scale = 0x1p53
        let top = layerCount - 1
        var x = tailStart, previous = x
        var acceptBelow = [UInt64](repeating: 0, count: layerCount)
        var widthScale = [Double](repeating: 0, count: layerCount)
        var heights = [Double](repeating: 0, count: layerCount)
        let baseWidth = layerArea / density(x)   // the base strip with its tail, as a rectangle
        acceptBelow[0] = UInt64(x / baseWidth * scale)
        acceptBelow[1] = 0
        widthScale[0] = baseWidth / scale
        widthScale[top] = x / scale
        heights[0] = 1
        heights[top] = density(x)
        for layer in stride(from: top - 1, through: 1, by: -1) {
            x = inverseDensity(layerArea / x + density(x))
            acceptBelow[layer + 1] = UInt64(x / previous * scale)
            previous = x
            heights[layer] = density(x)
            widthScale[layer] = x / scale
        }
        self.acceptBelow = acceptBelow
        self.widthScale = widthScale
        self.heights = heights
    }
}
