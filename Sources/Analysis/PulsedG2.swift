/// The second-order autocorrelation at zero delay of a pulsed single-photon source, from a
/// Hanbury Brown–Twiss measurement: g2(0) = (centre-peak area) / (mean side-peak area)
/// (e.g. Santori et al., Nature 419, 594 (2002)).
public enum PulsedG2 {
    /// g2(0) = C₀ / S̄ with S̄ the mean of the side peaks. Error: Poisson counting on the centre
    /// peak C₀ and on the side-peak sum S, propagated, σ/g = √(1/C₀ + 1/S); when C₀ = 0 the
    /// one-count upper scale σ = K/S (K side peaks) is given instead of 0.
    ///
    /// Interval: given C₀ + S, C₀ is binomial with π = μ₀/(μ₀ + μ_S), and g2(0) = K·π/(1 − π), so
    /// the Clopper–Pearson interval of π (`ConfidenceInterval.clopperPearson`) carried through
    /// K·π/(1 − π) is the exact conditional interval of a ratio of Poisson means (D. R. Cox,
    /// Biometrika 40, 354 (1953)). An empty centre peak gives [0, upper], upper > 0.
    /// Throws for no side peaks, negative or non-finite areas, or side peaks with no counts.
    public static func estimate(centrePeak: Double, sidePeaks: [Double]) throws(AnalysisError) -> Estimate {
        try AnalysisError.checkCount(centrePeak, "g2 centre peak")
        guard !sidePeaks.isEmpty else { throw .emptySetting(location: "g2 side peaks", detail: "no side peaks given") }
        for (index, peak) in sidePeaks.enumerated() { try AnalysisError.checkCount(peak, "g2 side peak \(index)") }
        let sideSum = sidePeaks.reduce(0, +)
        guard sideSum > 0 else {
            throw .emptySetting(location: "g2 side peaks", detail: "no coincidences in any side peak; g2(0) is undefined")
        }
        let peaks = Double(sidePeaks.count)
        let value = centrePeak * peaks / sideSum
        let error = centrePeak > 0 ? value * (1 / centrePeak + 1 / sideSum).squareRoot() : peaks / sideSum
        let fraction = try ConfidenceInterval.clopperPearson(successes: centrePeak, trials: centrePeak + sideSum)
        func ratio(_ pi: Double) -> Double { pi < 1 ? peaks * pi / (1 - pi) : .infinity }
        let interval = ConfidenceInterval(
            lower: ratio(fraction.lower), upper: ratio(fraction.upper), confidenceLevel: fraction.confidenceLevel,
            method: "Clopper–Pearson interval (Clopper & Pearson, Biometrika 26, 404 (1934)) of C₀/(C₀ + S), carried to K·C₀/S: the exact conditional interval of a ratio of Poisson means (Cox, Biometrika 40, 354 (1953))")
        return Estimate(value: value, standardError: error, interval: interval)
    }

    /// g2(0) from a correlation histogram of a pulsed source: the centre peak is the bins within
    /// ±peakHalfWidth of zero delay, side peak k the bins within ±peakHalfWidth of k·triggerPeriod,
    /// for k = ±1 … ±sidePeakCount (all inside the histogram's range).
    public static func estimate(histogram: CorrelationHistogram, triggerPeriodPicoseconds: Int64,
                                peakHalfWidthPicoseconds: Int64, sidePeakCount: Int) throws(AnalysisError) -> Estimate {
        guard triggerPeriodPicoseconds > 0 else {
            throw .invalidParameter(name: "trigger period (ps)", value: "\(triggerPeriodPicoseconds)", expected: "> 0")
        }
        guard peakHalfWidthPicoseconds >= 0, 2 * peakHalfWidthPicoseconds < triggerPeriodPicoseconds else {
            throw .invalidParameter(name: "peak half width (ps)", value: "\(peakHalfWidthPicoseconds)",
                                    expected: "0 … half the trigger period")
        }
        guard sidePeakCount >= 1 else {
            throw .invalidParameter(name: "side peak count", value: "\(sidePeakCount)", expected: "≥ 1")
        }
        let reach = Int64(sidePeakCount) * triggerPeriodPicoseconds + peakHalfWidthPicoseconds
        guard reach <= histogram.rangePicoseconds else {
            throw .invalidParameter(name: "side peak count", value: "\(sidePeakCount)",
                                    expected: "peaks within the histogram range ±\(histogram.rangePicoseconds) ps")
        }
        func area(_ centre: Int64) -> Double {
            Double(histogram.sum(from: centre - peakHalfWidthPicoseconds, through: centre + peakHalfWidthPicoseconds))
        }
        var sides: [Double] = []
        for k in 1...Int64(sidePeakCount) {
            sides.append(area(-k * triggerPeriodPicoseconds))
            sides.append(area(k * triggerPeriodPicoseconds))
        }
        return try estimate(centrePeak: area(0), sidePeaks: sides)
    }
}
