/// Which of Bob's positions belongs to which of Alice's, as cycle alignment found it:
///
///     Bob(x) = x + offset + drift·(x − x_ref),
///
/// with x Alice's cycle index or time stamp, x_ref the reference position (the weighted centre
/// of the blocks the fit used, where offset and drift are uncorrelated), each with its standard
/// error, and the quality of the peak it rests on.
///
/// In gate mode Bob's cycle is an integer step function of the true continuous offset; the fit
/// runs through the middle of that staircase, so ``nearestBobPosition(forAlice:)`` (rounding) gives
/// the cycle — except near each step, where the line's rounding and the true step fall at
/// slightly different cycles: the fraction named wrongly is about the line's error in cycles
/// (0.24 % in `AlignmentInTheLinkWorldTests`, 10 ppm over 10⁶ cycles). So gate mode also places
/// each step from the pairs around it (``staircase``), and ``nearestBobPosition(forAlice:)`` uses
/// that where the data reach.
public struct CycleMapping: Hashable, Sendable {
    /// x_ref, in Alice's positions.
    public var referenceAlicePosition: Double
    /// Bob − Alice at x_ref, in the positions' unit.
    public var offset: Double
    /// Standard error of ``offset`` from the blocks' scatter; nil with fewer than three blocks.
    public var offsetStandardError: Double?
    /// d(Bob − Alice)/dx in parts per million: the rate difference of the two clocks (and of the
    /// two nominal periods, if they differ).
    public var driftPartsPerMillion: Double
    /// Standard error of ``driftPartsPerMillion``; nil with fewer than three blocks.
    public var driftStandardErrorPartsPerMillion: Double?
    /// Blocks whose peak was found and entered the fit.
    public var blocksAligned: Int
    /// Blocks in which no significant peak stood at the predicted offset (left out of the fit).
    public var blocksWithoutPeak: Int
    /// Net pairs (weights, accidentals subtracted) in the peaks of the aligned blocks.
    public var pairsInPeaks: Double
    /// The first block's peak significance z (see ``CycleAlignmentSettings/minimumSignificance``).
    public var significance: Double
    /// The first block's peak over the mean accidental level per two bins; nil when the accidental
    /// level is zero or below (always so, on average, with ``AlignmentEvidence/disclosedOutcomes``).
    public var peakOverBackground: Double?

    /// Bob's position for Alice's `alicePosition`, unrounded.
    public func bobPosition(forAlice alicePosition: Int64) -> Double {
        let x = Double(alicePosition)
        return x + offset + driftPartsPerMillion * 1e-6 * (x - referenceAlicePosition)
    }

    /// Gate mode (bin width 1): the steps of the whole-cycle offset, placed from the pairs; nil for
    /// time stamps.
    public var staircase: CycleStaircase?

    /// Bob's position for `alicePosition` as a whole unit: from the ``staircase`` within the cycles
    /// it covers (gate mode), else the line rounded.
    public func nearestBobPosition(forAlice alicePosition: Int64) -> Int64 {
        if let staircase, staircase.aliceCycles.contains(alicePosition) {
            return alicePosition &+ staircase.offset(forAlice: alicePosition)
        }
        return Self.nearestWhole(bobPosition(forAlice: alicePosition))
    }

    /// `value` rounded to the nearest Int64, saturating at its ends (NaN gives 0), so no value traps.
    static func nearestWhole(_ value: Double) -> Int64 {
        guard value.isFinite else { return value.isNaN ? 0 : (value > 0 ? .max : .min) }
        if value >= 0x1p63 { return .max }
        if value < -0x1p63 { return .min }
        return Int64(value.rounded())
    }

    /// Standard error of ``bobPosition(forAlice:)``: √(σ_offset² + ((x − x_ref)·σ_drift)²), or nil.
    public func standardError(forAlice alicePosition: Int64) -> Double? {
        guard let offsetStandardError, let driftStandardErrorPartsPerMillion else { return nil }
        let lever = (Double(alicePosition) - referenceAlicePosition) * driftStandardErrorPartsPerMillion * 1e-6
        return (offsetStandardError * offsetStandardError + lever * lever).squareRoot()
    }
}

/// What cycle alignment concluded: a mapping, or that the detections show no common pulses.
public enum CycleAlignmentResult: Hashable, Sendable {
    /// The offset was found and tracked.
    case aligned(CycleMapping)
    /// No significant peak in the coarse search: the best candidate and why it was refused.
    case notFound(bestOffset: Int64, significance: Double, reason: String)

    /// The mapping, when aligned.
    public var mapping: CycleMapping? {
        if case .aligned(let mapping) = self { return mapping }
        return nil
    }
}
