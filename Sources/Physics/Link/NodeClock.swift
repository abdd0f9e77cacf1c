/// A node's clock against true (world) time: a fixed offset and a constant rate error (drift).
///
/// The reading at true time t (both in picoseconds) is
///
///     local(t) = offset + ⌊t·(10¹² + d)/10¹²⌋,   d = drift in parts per 10¹² (ppm × 10⁶),
///
/// computed exactly in 128-bit integers (no rounding but the stated floor), so ±1000 ppm over
/// 24 h (8.64·10¹⁶ ps) or far longer cannot overflow: the product stays below 2⁹⁰. Drift is held
/// to 10⁻⁶ ppm (one part in 10¹²); a crystal oscillator is within ±100 ppm.
///
/// The inverse, ``truePicoseconds(atLocal:)``, is the earliest true picosecond whose reading is at
/// least `local`: with drift ≥ 0 (the clock runs fast) every true time comes back exactly,
/// `truePicoseconds(atLocal: localPicoseconds(atTrue: t)) == t`; with drift ≤ 0 every reading comes
/// back exactly, `localPicoseconds(atTrue: truePicoseconds(atLocal: l)) == l`. (A fast clock skips
/// one reading every 10⁶/ppm ps, a slow one shows a reading twice as often.) Results beyond the
/// Int64 range saturate at its ends rather than trap.
public struct NodeClock: Hashable, Sendable {
    /// The reading at true time 0, in picoseconds. Key `offset-ps`.
    public let offsetPicoseconds: Int64
    /// The rate error d in parts per 10¹²: the clock gains d ps per 10¹² ps (positive: runs fast).
    public let driftPartsPerTrillion: Int64

    /// The largest drift accepted, ±1000 ppm (ten times a poor crystal's).
    public static let largestDriftPartsPerMillion = 1000.0
    /// The largest offset accepted, ±1 day in picoseconds.
    public static let largestOffsetPicoseconds: Int64 = 86_400 * 1_000_000_000_000

    /// A perfect clock: no offset, no drift.
    public static let ideal = NodeClock(checkedOffsetPicoseconds: 0, driftPartsPerTrillion: 0)

    /// A clock `offsetPicoseconds` ahead at true time 0 that gains `driftPartsPerMillion` ppm
    /// (rounded to the nearest 10⁻⁶ ppm), or every problem with the values.
    public init(offsetPicoseconds: Int64, driftPartsPerMillion: Double) throws(StationDataError) {
        var problems: [ParameterProblem] = []
        if let problem = ParameterCheck.picoseconds(offsetPicoseconds,
                                                    in: -Self.largestOffsetPicoseconds...Self.largestOffsetPicoseconds,
                                                    field: "offset-ps", what: "an offset") {
            problems.append(problem)
        }
        if !(driftPartsPerMillion.isFinite && abs(driftPartsPerMillion) <= Self.largestDriftPartsPerMillion) {
            problems.append(ParameterProblem(field: "drift-ppm", found: "\(driftPartsPerMillion)",
                                             expected: "a drift −1000 … 1000 ppm"))
        }
        try StationDataError.check(problems)
        self.init(checkedOffsetPicoseconds: offsetPicoseconds,
                  driftPartsPerTrillion: Int64((driftPartsPerMillion * 1e6).rounded()))
    }

    init(checkedOffsetPicoseconds: Int64, driftPartsPerTrillion: Int64) {
        offsetPicoseconds = checkedOffsetPicoseconds
        self.driftPartsPerTrillion = driftPartsPerTrillion
    }

    /// The drift in ppm (parts per 10⁶), as held.
    public var driftPartsPerMillion: Double { Double(driftPartsPerTrillion) * 1e-6 }

    static let trillion: Int128 = 1_000_000_000_000

    /// The clock's reading at true time `truePicoseconds`: offset + ⌊t·(10¹² + d)/10¹²⌋.
    public func localPicoseconds(atTrue truePicoseconds: Int64) -> Int64 {
        let scaled = Int128(truePicoseconds) * (Self.trillion + Int128(driftPartsPerTrillion))
        return Int64(clamping: Int128(offsetPicoseconds) + Self.floorDivision(scaled, Self.trillion))
    }

    /// The earliest true time whose reading is at least `localPicoseconds`:
    /// ⌈(local − offset)·10¹²/(10¹² + d)⌉.
    public func truePicoseconds(atLocal localPicoseconds: Int64) -> Int64 {
        let elapsed = Int128(localPicoseconds) - Int128(offsetPicoseconds)
        return Int64(clamping: -Self.floorDivision(-elapsed * Self.trillion, Self.trillion + Int128(driftPartsPerTrillion)))
    }

    /// ⌊a/b⌋ for b > 0 (Swift's `/` truncates towards zero).
    static func floorDivision(_ a: Int128, _ b: Int128) -> Int128 {
        let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
