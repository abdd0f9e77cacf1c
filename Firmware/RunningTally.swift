/// The counts of one setting while cycles are being tallied into it, kept in fixed-size inline
/// storage and added to the setting's ``SettingTally`` when the loop moves to another setting or
/// the run ends.
///
/// `SettingTally` holds its counters in arrays inside an array of tallies; bumping them every
/// cycle costs a uniqueness check of each array per increment. This keeps the per-cycle work to
/// plain integer additions.
struct RunningTally {
    /// The index of the setting being counted, or -1 before the first.
    private(set) var stepIndex = -1
    private var cycles = 0
    private var singles: InlineArray<4, Int> = .init(repeating: 0)
    private var coincidences: InlineArray<4, Int> = .init(repeating: 0)
    private var doubleClickCycles = 0

    /// Counts one cycle of setting `step` that had `clickCount[0..<4]` clicks per channel (A+, A−,
    /// B+, B−), the first at `firstClick[channel]` (ns); a pair of first clicks of the two arms
    /// within ±`window` ns is a coincidence. Moving to another setting first hands on the counts
    /// so far to `tallies`.
    @inline(__always)
    mutating func countCycle(of step: Int, clickCount: InlineArray<8, Int>, firstClick: InlineArray<8, Int64>,
                             window: Int64, into tallies: inout [SettingTally]) {
        if step != stepIndex {
            flush(into: &tallies)
            stepIndex = step
        }
        for channel in 0..<4 { singles[channel] += clickCount[channel] }
        if (clickCount[0] > 0 && clickCount[1] > 0) || (clickCount[2] > 0 && clickCount[3] > 0) {
            doubleClickCycles += 1
        }
        for a in 0..<2 where clickCount[a] > 0 {
            for b in 2..<4 where clickCount[b] > 0 {
                let separation = firstClick[a] - firstClick[b]
                if separation <= window && separation >= -window { coincidences[a * 2 + (b - 2)] += 1 }
            }
        }
    }

    /// Counts a cycle of setting `step` as run (its clicks are counted one cycle later, by
    /// ``countCycle(of:clickCount:firstClick:window:into:)``).
    @inline(__always)
    mutating func countRun(of step: Int, into tallies: inout [SettingTally]) {
        if step != stepIndex {
            flush(into: &tallies)
            stepIndex = step
        }
        cycles += 1
    }

    /// Adds the counts so far to their setting's tally and starts from zero.
    mutating func flush(into tallies: inout [SettingTally]) {
        guard stepIndex >= 0 else { return }
        tallies[stepIndex].cycles += cycles
        for channel in 0..<4 {
            tallies[stepIndex].singles[channel] += singles[channel]
            tallies[stepIndex].coincidences[channel] += coincidences[channel]
        }
        tallies[stepIndex].doubleClickCycles += doubleClickCycles
        cycles = 0
        singles = .init(repeating: 0)
        coincidences = .init(repeating: 0)
        doubleClickCycles = 0
    }
}
