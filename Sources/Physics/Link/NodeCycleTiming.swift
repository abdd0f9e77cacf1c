/// A node's trigger cycles on its own clock: when cycle k starts, which cycle a moment belongs
/// to, and whether that moment falls inside the node's detector gate.
///
/// Cycle k starts (its laser trigger or its analyzer setting takes effect) at
/// `firstCyclePicoseconds + k·cyclePeriodPicoseconds` in the node's local time (``NodeClock``). The
/// node's analyzer holds cycle k's setting for the whole period [start_k, start_{k+1}); a gated
/// node counts only inside [start_k + gateDelay, start_k + gateDelay + gateWidth); a free-running
/// node (a time tagger) stamps every photon.
public struct NodeCycleTiming: Hashable, Sendable {
    /// When cycle 0 starts, in picoseconds of the node's clock. Key `first-cycle-ps`.
    public let firstCyclePicoseconds: Int64
    /// The trigger period T, in picoseconds. Key `cycle-period-ps`.
    public let cyclePeriodPicoseconds: Int64
    /// The detector gate relative to each cycle's start (`openPicoseconds` = gate delay,
    /// `closePicoseconds` = delay + width), or nil for free-running detectors (tagger mode).
    public let gate: GateWindow?

    /// The shortest period accepted, 1 ns, and the longest, 1 s.
    public static let periodRange: ClosedRange<Int64> = 1_000...1_000_000_000_000

    /// Cycles of `cyclePeriodPicoseconds` from `firstCyclePicoseconds`, gated inside `gate` (relative
    /// to each cycle's start, within one period) or free-running when `gate` is nil; or every
    /// problem with the values.
    public init(firstCyclePicoseconds: Int64 = 0, cyclePeriodPicoseconds: Int64,
                gate: GateWindow? = nil) throws(StationDataError) {
        var problems: [ParameterProblem] = []
        if let problem = ParameterCheck.picoseconds(cyclePeriodPicoseconds, in: Self.periodRange,
                                                    field: "cycle-period-ps", what: "a period") {
            problems.append(problem)
        }
        if let problem = ParameterCheck.picoseconds(firstCyclePicoseconds,
                                                    in: -NodeClock.largestOffsetPicoseconds...NodeClock.largestOffsetPicoseconds,
                                                    field: "first-cycle-ps", what: "a start time") {
            problems.append(problem)
        }
        if let gate, !(gate.openPicoseconds >= 0 && gate.closePicoseconds > gate.openPicoseconds
                       && gate.closePicoseconds <= cyclePeriodPicoseconds) {
            problems.append(ParameterProblem(
                field: "gate", found: "[\(gate.openPicoseconds), \(gate.closePicoseconds)) ps",
                expected: "a gate 0 ≤ open < close ≤ the period (\(cyclePeriodPicoseconds) ps) after the cycle start"))
        }
        try StationDataError.check(problems)
        self.firstCyclePicoseconds = firstCyclePicoseconds
        self.cyclePeriodPicoseconds = cyclePeriodPicoseconds
        self.gate = gate
    }

    /// When cycle `cycle` starts, in local picoseconds (saturating at the ends of Int64).
    public func startPicoseconds(ofCycle cycle: Int64) -> Int64 {
        Int64(clamping: Int128(firstCyclePicoseconds) + Int128(cycle) * Int128(cyclePeriodPicoseconds))
    }

    /// The cycle whose period [start_k, start_{k+1}) contains local time `localPicoseconds`.
    public func cycle(containingLocal localPicoseconds: Int64) -> Int64 {
        let elapsed = Int128(localPicoseconds) - Int128(firstCyclePicoseconds)
        return Int64(clamping: NodeClock.floorDivision(elapsed, Int128(cyclePeriodPicoseconds)))
    }

    /// Whether a photon at local time `localPicoseconds` can be counted: inside its cycle's gate,
    /// or always when free-running.
    public func isCounted(atLocal localPicoseconds: Int64) -> Bool {
        guard let gate else { return true }
        let sinceStart = localPicoseconds - startPicoseconds(ofCycle: cycle(containingLocal: localPicoseconds))
        return gate.isOpen(atPicoseconds: sinceStart)
    }
}
