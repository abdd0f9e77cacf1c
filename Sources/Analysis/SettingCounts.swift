/// The counts of one analyzer setting pair, as the firmware accumulates them: the four
/// coincidence counts, the four singles, the number of trigger cycles and, optionally, the
/// accidental coincidences expected in each of the four coincidence channels.
///
/// A plain value type with no heap storage, so the real-time loop can fill one in place.
public struct SettingCounts: Sendable, Hashable {
    /// Coincidences A+ B+.
    public var plusPlus: Int
    /// Coincidences A+ B−.
    public var plusMinus: Int
    /// Coincidences A− B+.
    public var minusPlus: Int
    /// Coincidences A− B−.
    public var minusMinus: Int
    /// Singles on A+.
    public var singlesAPlus: Int
    /// Singles on A−.
    public var singlesAMinus: Int
    /// Singles on B+.
    public var singlesBPlus: Int
    /// Singles on B−.
    public var singlesBMinus: Int
    /// Trigger cycles spent on this setting.
    public var triggerCycles: Int
    /// Expected accidental coincidences in (++, +−, −+, −−), subtracted from the coincidences when
    /// present; they are treated as known constants (their own error is not propagated).
    public var accidentals: (plusPlus: Double, plusMinus: Double, minusPlus: Double, minusMinus: Double)?

    /// Counts of one setting pair; everything zero by default.
    public init(plusPlus: Int = 0, plusMinus: Int = 0, minusPlus: Int = 0, minusMinus: Int = 0,
                singlesAPlus: Int = 0, singlesAMinus: Int = 0, singlesBPlus: Int = 0, singlesBMinus: Int = 0,
                triggerCycles: Int = 0,
                accidentals: (plusPlus: Double, plusMinus: Double, minusPlus: Double, minusMinus: Double)? = nil) {
        self.plusPlus = plusPlus
        self.plusMinus = plusMinus
        self.minusPlus = minusPlus
        self.minusMinus = minusMinus
        self.singlesAPlus = singlesAPlus
        self.singlesAMinus = singlesAMinus
        self.singlesBPlus = singlesBPlus
        self.singlesBMinus = singlesBMinus
        self.triggerCycles = triggerCycles
        self.accidentals = accidentals
    }

    /// Adds one coincidence between the A detector `a` and the B detector `b` (allocation-free).
    @inlinable
    public mutating func recordCoincidence(a: DetectorChannel, b: DetectorChannel) {
        switch (a, b) {
        case (.aPlus, .bPlus): plusPlus += 1
        case (.aPlus, .bMinus): plusMinus += 1
        case (.aMinus, .bPlus): minusPlus += 1
        case (.aMinus, .bMinus): minusMinus += 1
        default: break
        }
    }

    /// Adds one single count on `channel` (allocation-free).
    @inlinable
    public mutating func recordSingle(_ channel: DetectorChannel) {
        switch channel {
        case .aPlus: singlesAPlus += 1
        case .aMinus: singlesAMinus += 1
        case .bPlus: singlesBPlus += 1
        case .bMinus: singlesBMinus += 1
        }
    }

    /// The coincidence counts (++, +−, −+, −−) after subtracting accidentals, validated.
    func netCoincidences(_ location: String) throws(AnalysisError) -> (raw: InlineArray<4, Double>, net: InlineArray<4, Double>) {
        let raw: InlineArray<4, Double> = [Double(plusPlus), Double(plusMinus), Double(minusPlus), Double(minusMinus)]
        let names = ["A+B+", "A+B−", "A−B+", "A−B−"]
        for i in 0..<4 { try AnalysisError.checkCount(raw[i], "\(location) coincidences \(names[i])") }
        let singles = [singlesAPlus, singlesAMinus, singlesBPlus, singlesBMinus]
        for (i, single) in singles.enumerated() where single < 0 {
            throw .negativeCount(location: "\(location) singles \(DetectorChannel(rawValue: i)!)", value: Double(single))
        }
        if triggerCycles < 0 { throw .negativeCount(location: "\(location) trigger cycles", value: Double(triggerCycles)) }
        var net = raw
        if let accidentals {
            let values: InlineArray<4, Double> = [accidentals.plusPlus, accidentals.plusMinus,
                                                  accidentals.minusPlus, accidentals.minusMinus]
            for i in 0..<4 {
                try AnalysisError.checkCount(values[i], "\(location) accidentals \(names[i])")
                net[i] = raw[i] - values[i]
            }
        }
        return (raw, net)
    }

    /// The polarization correlation E = (N++ + N−− − N+− − N−+)/(N++ + N+− + N−+ + N−−), with
    /// accidentals subtracted when given.
    ///
    /// Error: Poisson counting statistics on the raw coincidence counts, propagated to first
    /// order, σ_E² = Σ_ij (∂E/∂N_ij)² N_ij; without accidentals this is σ_E = √((1 − E²)/N).
    /// Throws when a count is negative, or when no coincidence (after subtraction) is left.
    public func correlation(location: String = "setting") throws(AnalysisError) -> Estimate {
        let (raw, net) = try netCoincidences(location)
        let same = net[0] + net[3]
        let different = net[1] + net[2]
        let total = same + different
        guard total > 0 else {
            throw .emptySetting(location: location, detail: "no coincidences (after accidental subtraction: \(total))")
        }
        let value = (same - different) / total
        let dSame = 2 * different / (total * total)
        let dDifferent = -2 * same / (total * total)
        let variance = dSame * dSame * (raw[0] + raw[3]) + dDifferent * dDifferent * (raw[1] + raw[2])
        return Estimate(value: value, standardError: variance.squareRoot())
    }

    /// The visibility |E| of this setting pair (see `correlation`); the same Poisson error.
    public func visibility(location: String = "setting") throws(AnalysisError) -> Estimate {
        let e = try correlation(location: location)
        return Estimate(value: abs(e.value), standardError: e.standardError)
    }

    /// The sum of the four coincidence counts.
    public var totalCoincidences: Int { plusPlus + plusMinus + minusPlus + minusMinus }
}

extension SettingCounts {
    public static func == (lhs: SettingCounts, rhs: SettingCounts) -> Bool {
        lhs.plusPlus == rhs.plusPlus && lhs.plusMinus == rhs.plusMinus && lhs.minusPlus == rhs.minusPlus
            && lhs.minusMinus == rhs.minusMinus && lhs.singlesAPlus == rhs.singlesAPlus
            && lhs.singlesAMinus == rhs.singlesAMinus && lhs.singlesBPlus == rhs.singlesBPlus
            && lhs.singlesBMinus == rhs.singlesBMinus && lhs.triggerCycles == rhs.triggerCycles
            && lhs.accidentals?.plusPlus == rhs.accidentals?.plusPlus
            && lhs.accidentals?.plusMinus == rhs.accidentals?.plusMinus
            && lhs.accidentals?.minusPlus == rhs.accidentals?.minusPlus
            && lhs.accidentals?.minusMinus == rhs.accidentals?.minusMinus
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(plusPlus); hasher.combine(plusMinus); hasher.combine(minusPlus); hasher.combine(minusMinus)
        hasher.combine(singlesAPlus); hasher.combine(singlesAMinus); hasher.combine(singlesBPlus)
        hasher.combine(singlesBMinus); hasher.combine(triggerCycles)
        hasher.combine(accidentals?.plusPlus); hasher.combine(accidentals?.plusMinus)
        hasher.combine(accidentals?.minusPlus); hasher.combine(accidentals?.minusMinus)
    }
}
