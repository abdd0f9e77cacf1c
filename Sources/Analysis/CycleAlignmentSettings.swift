/// How cycle alignment searches: the offsets to try, the resolution, the blocks it tracks drift
/// over, and how strong a peak must be.
///
/// Offsets are Bob's position minus Alice's, in the positions' unit (cycles or picoseconds).
/// The first block must be short enough that the drift moves the peak by less than a bin over it
/// (|drift|·blockLength < binWidth); later blocks are histogrammed against the drift found so far.
public struct CycleAlignmentSettings: Hashable, Sendable {
    /// The offsets (Bob − Alice) the first, coarse search tries.
    public var searchRange: ClosedRange<Int64>
    /// Histogram bin width: 1 for cycle indices; about the timing spread (e.g. 1 000 ps) for stamps.
    public var binWidth: Int64
    /// Length of each block, in Alice's positions: the coarse search uses the first one, drift
    /// tracking every one.
    public var blockLength: Int64
    /// Half-width of the window around the predicted offset that later blocks search.
    public var trackingHalfWidth: Int64
    /// The least significance z = (peak − strongest other)/√(their variances) that counts as found.
    public var minimumSignificance: Double
    /// What counts as evidence for a pair.
    public var evidence: AlignmentEvidence
    /// Half-width of the residuals, around the line fitted over the whole run, that each block's
    /// final offset averages over: the spread of true pairs (timing jitter and emission delays,
    /// e.g. 2 000 ps for a tagger), or nil to keep the averages over the peak's bins (gate mode).
    public var peakHalfWidth: Int64?

    /// The most bins a histogram may have (keeps memory bounded: 10⁷ bins, 160 MB).
    public static let largestBinCount: Int64 = 10_000_000

    /// Settings with these values; the default significance, 6, leaves a chance below 10⁻⁶ that
    /// independent streams pass in a search over 10³ bins (Gaussian tail per bin ≈ 10⁻⁹).
    public init(searchRange: ClosedRange<Int64>, binWidth: Int64 = 1, blockLength: Int64, trackingHalfWidth: Int64,
                minimumSignificance: Double = 6, evidence: AlignmentEvidence = .coincidences, peakHalfWidth: Int64? = nil) {
        self.searchRange = searchRange
        self.binWidth = binWidth
        self.blockLength = blockLength
        self.trackingHalfWidth = trackingHalfWidth
        self.minimumSignificance = minimumSignificance
        self.evidence = evidence
        self.peakHalfWidth = peakHalfWidth
    }

    /// Throws the first setting that cannot be used.
    func validate() throws(AnalysisError) {
        guard binWidth > 0 else {
            throw .invalidParameter(name: "alignment bin width", value: "\(binWidth)", expected: "a width > 0")
        }
        guard blockLength > 0 else {
            throw .invalidParameter(name: "alignment block length", value: "\(blockLength)", expected: "a length > 0")
        }
        let searchBins = (Int128(searchRange.upperBound) - Int128(searchRange.lowerBound)) / Int128(binWidth) + 1
        guard searchBins >= 8, searchBins <= Int128(Self.largestBinCount) else {
            throw .invalidParameter(name: "alignment search range", value: "\(searchRange) in bins of \(binWidth)",
                                    expected: "8 … \(Self.largestBinCount) bins")
        }
        guard Int128(trackingHalfWidth) >= 4 * Int128(binWidth), Int128(trackingHalfWidth) / Int128(binWidth) <= Int128(Self.largestBinCount) / 2 else {
            throw .invalidParameter(name: "alignment tracking half-width", value: "\(trackingHalfWidth)",
                                    expected: "at least 4 bins (\(4 * Int128(binWidth))) and at most \(Self.largestBinCount / 2) bins")
        }
        if let peakHalfWidth, !(peakHalfWidth >= 0 && Int128(peakHalfWidth) <= 2 * Int128(binWidth)) {
            throw .invalidParameter(name: "alignment peak half-width", value: "\(peakHalfWidth)",
                                    expected: "0 … two bins (\(2 * Int128(binWidth)))")
        }
        guard minimumSignificance.isFinite, minimumSignificance > 0 else {
            throw .invalidParameter(name: "alignment minimum significance", value: "\(minimumSignificance)",
                                    expected: "a number > 0")
        }
    }
}
