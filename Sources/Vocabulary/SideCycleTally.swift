/// Gate mode's accidental coincidences, measured: the pairs a closing cycle makes with the cycles
/// 1 … K before it in the same setting — an arm-A detector that clicked in one and an arm-B
/// detector that clicked in the other, both ways round. Those are the side peaks at offsets
/// ±1 … ±K of a pulsed correlation: clicks of different excitation pulses, so they hold only
/// accidentals, and their mean estimates the accidentals in the centre (the same-cycle pairs).
///
/// Only cycles with clicks are kept (at most K, inline), so a cycle without clicks costs nothing;
/// the firmware's live tally and every recount of a record use it alike.
public struct SideCycleTally: Sendable {
    /// K: side cycles on each side.
    public let sideCycles: Int
    @usableFromInline var cycles = InlineArray<8, Int64>(repeating: 0)
    @usableFromInline var settings = InlineArray<8, Int>(repeating: 0)
    @usableFromInline var masks = InlineArray<8, UInt8>(repeating: 0)
    /// Kept cycles, oldest first from `first`.
    @usableFromInline var kept = 0
    @usableFromInline var first = 0

    /// A tally over ±1 … ±`sideCycles` (1 … `CoincidenceMode.maximumSideCycles`).
    public init(sideCycles: Int) {
        self.sideCycles = max(1, min(sideCycles, CoincidenceMode.maximumSideCycles))
    }

    /// Adds the side pairs of `cycle` (of `setting`, with `clicked` the detectors that clicked,
    /// bit c for raw value c) with the kept cycles within K before it and in the same setting to
    /// `counts.sideCoincidences`, then keeps `cycle`. Cycles close in increasing order.
    @inlinable
    public mutating func close(cycle: Int64, setting: Int, clicked: UInt8, into counts: inout SettingCounts) {
        // Forget what is more than K cycles old.
        while kept > 0, cycles[first] < cycle - Int64(sideCycles) {
            first = first == 7 ? 0 : first + 1
            kept -= 1
        }
        var index = first
        for _ in 0..<kept {
            if settings[index] == setting { Self.addPairs(clicked, masks[index], into: &counts) }
            index = index == 7 ? 0 : index + 1
        }
        if kept == sideCycles {   // full: the oldest goes (it is within K, but no later cycle needs it)
            first = first == 7 ? 0 : first + 1
            kept -= 1
        }
        let slot = (first + kept) & 7
        cycles[slot] = cycle
        settings[slot] = setting
        masks[slot] = clicked
        kept += 1
    }

    /// The pairs of two cycles' clicks, both ways round: A in `one` with B in `other`, and A in
    /// `other` with B in `one`.
    @inlinable
    static func addPairs(_ one: UInt8, _ other: UInt8, into counts: inout SettingCounts) {
        func add(_ a: UInt8, _ b: UInt8) {
            if a & 0b01 != 0 && b & 0b0100 != 0 { counts.sideCoincidences[.plusPlus] += 1 }
            if a & 0b01 != 0 && b & 0b1000 != 0 { counts.sideCoincidences[.plusMinus] += 1 }
            if a & 0b10 != 0 && b & 0b0100 != 0 { counts.sideCoincidences[.minusPlus] += 1 }
            if a & 0b10 != 0 && b & 0b1000 != 0 { counts.sideCoincidences[.minusMinus] += 1 }
        }
        add(one, other)
        add(other, one)
    }

    /// The accidental coincidences a setting of `cycles` cycles expects in its centre, per pair,
    /// from its side pairs `side`: a run of N consecutive cycles has N − d neighbour pairs at
    /// offset d, each counted both ways, so the side pairs span 2·Σ_{d=1}^{K}(N − d) cycle pairs
    /// against N in the centre. Nil when the setting has no more cycles than K.
    public func expectedAccidentals(side: PerPair<Int>, cycles: Int) -> PerPair<Double>? {
        let k = sideCycles
        guard cycles > k else { return nil }
        let sidePairs = 2 * (k * cycles - k * (k + 1) / 2)
        var expected = PerPair<Double>.zero
        for pair in DetectorPair.allCases {
            expected[pair] = Double(side[pair]) * Double(cycles) / Double(sidePairs)
        }
        return expected
    }
}
