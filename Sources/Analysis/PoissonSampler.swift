import RealModule

/// Poisson-distributed random counts, for Monte Carlo resampling and synthetic data.
///
/// Below a mean of 10 it multiplies uniforms (Knuth, TAOCP vol. 2, §3.4.1); from 10 up it uses
/// the transformed rejection method PTRS of W. Hörmann, "The transformed rejection method for
/// generating Poisson random variables", Insurance: Mathematics and Economics 12, 39 (1993).
public enum PoissonSampler {
    /// One Poisson count with the given mean (mean ≥ 0 and finite; a mean of 0 gives 0).
    public static func sample<Generator: RandomNumberGenerator>(
        mean: Double, using generator: inout Generator
    ) throws(AnalysisError) -> Int {
        guard mean.isFinite else { throw .notFinite(location: "Poisson mean", value: mean) }
        guard mean >= 0 else { throw .invalidParameter(name: "Poisson mean", value: "\(mean)", expected: "≥ 0") }
        if mean == 0 { return 0 }
        if mean < 10 { return knuth(mean: mean, using: &generator) }
        return transformedRejection(mean: mean, using: &generator)
    }

    static func uniform<Generator: RandomNumberGenerator>(_ generator: inout Generator) -> Double {
        Double(generator.next() >> 11) * 0x1.0p-53
    }

    static func knuth<Generator: RandomNumberGenerator>(mean: Double, using generator: inout Generator) -> Int {
        let limit = Double.exp(-mean)
        var product = 1.0
        var count = -1
        repeat {
            count += 1
            product *= uniform(&generator)
        } while product > limit
        return count
    }

    static func transformedRejection<Generator: RandomNumberGenerator>(
        mean: Double, using generator: inout Generator
    ) -> Int {
        let logMean = Double.log(mean)
        let b = 0.931 + 2.53 * mean.squareRoot()
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform(&generator) - 0.5
            let v = uniform(&generator)
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let left = Double.log(v) + Double.log(inverseAlpha) - Double.log(a / (us * us) + b)
            let right = -mean + k * logMean - Double.logGamma(k + 1)
            if left <= right { return Int(k) }
        }
    }
}
