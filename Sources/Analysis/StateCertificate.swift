import SeededRandom

/// The figures of merit of a reconstructed two-photon state, each with a Monte Carlo error bar.
public struct StateCertificate: Sendable {
    /// The maximum-likelihood state from the measured counts.
    public var state: DensityMatrix
    /// Fidelity to each Bell state, in `BellState.allCases` order (Φ+, Φ−, Ψ+, Ψ−).
    public var bellFidelities: [Estimate]
    /// The Bell state of largest fidelity.
    public var mostLikelyBellState: BellState
    /// Wootters concurrence.
    public var concurrence: Estimate
    /// Tangle C².
    public var tangle: Estimate
    /// Purity Tr ρ².
    public var purity: Estimate
    /// Negativity.
    public var negativity: Estimate
    /// Maximal CHSH value (Horodecki criterion).
    public var maximalCHSH: Estimate
    /// Monte Carlo samples behind the error bars.
    public var monteCarloSamples: Int
    /// The seed of the resampling.
    public var seed: UInt64

    /// The fidelity to one Bell state.
    public func fidelity(to bell: BellState) -> Estimate {
        bellFidelities[BellState.allCases.firstIndex(of: bell) ?? 0]
    }
}

extension StateTomography {
    /// The maximum-likelihood state and its figures of merit, with error bars by Monte Carlo
    /// resampling: each sample redraws every count from a Poisson distribution whose mean is the
    /// measured count, reconstructs ρ by maximum likelihood, and recomputes the figures; the error
    /// is the standard deviation over `samples` samples (seeded: the same seed gives the same bars).
    public static func certify(_ measurements: [TomographyMeasurement], samples: Int = 100,
                               seed: UInt64) throws(AnalysisError) -> StateCertificate {
        guard samples >= 2 else { throw .invalidParameter(name: "Monte Carlo samples", value: "\(samples)", expected: "≥ 2") }
        let best = try maximumLikelihood(measurements).state
        var generator = Xoshiro256StarStar(seed: seed)
        var figures: [[Double]] = []
        figures.reserveCapacity(samples)
        var resampled = measurements
        for _ in 0..<samples {
            for k in measurements.indices {
                resampled[k].counts = Double(try PoissonSampler.sample(mean: measurements[k].counts, using: &generator))
            }
            figures.append(try Self.figures(of: try maximumLikelihood(resampled).state))
        }
        let central = try Self.figures(of: best)
        func estimate(_ index: Int) -> Estimate {
            let values = figures.map { $0[index] }
            let mean = values.reduce(0, +) / Double(samples)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples - 1)
            return Estimate(value: central[index], standardError: variance.squareRoot())
        }
        return StateCertificate(
            state: best, bellFidelities: (0..<4).map(estimate), mostLikelyBellState: best.mostLikelyBellState.state,
            concurrence: estimate(4), tangle: estimate(5), purity: estimate(6), negativity: estimate(7),
            maximalCHSH: estimate(8), monteCarloSamples: samples, seed: seed)
    }

    /// F(Φ+), F(Φ−), F(Ψ+), F(Ψ−), C, τ, Tr ρ², N, S_max.
    static func figures(of state: DensityMatrix) throws(AnalysisError) -> [Double] {
        var result = BellState.allCases.map { state.fidelity(to: $0) }
        let c = try state.concurrence()
        result += [c, c * c, state.purity, try state.negativity(), try state.maximalCHSH()]
        return result
    }
}
