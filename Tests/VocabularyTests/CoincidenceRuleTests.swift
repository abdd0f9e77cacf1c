import Testing
import Vocabulary

/// The one coincidence rule, on cycles written out click by click.
@Suite struct CoincidenceRuleTests {
    let rule = CoincidenceRule(windowNanoseconds: 5)

    func counts(_ clicks: [(DetectorChannel, Int64)]) -> SettingCounts {
        var cycle = CycleClicks()
        for (channel, time) in clicks { cycle.record(channel, nanoseconds: time) }
        var counts = SettingCounts()
        rule.count(cycle, into: &counts)
        return counts
    }

    @Test func firstClicksWithinTheWindowCoincide() {
        #expect(counts([(.aPlus, 100), (.bPlus, 105)]).coincidences == PerPair(1, 0, 0, 0))   // 5 ns: in
        #expect(counts([(.aPlus, 100), (.bMinus, 95)]).coincidences == PerPair(0, 1, 0, 0))   // −5 ns: in
        #expect(counts([(.aMinus, 100), (.bPlus, 106)]).coincidences == .zero)               // 6 ns: out
    }

    /// Only each detector's first click of the cycle counts for coincidences; every click is a single.
    @Test func laterClicksAreSinglesOnly() {
        let result = counts([(.aPlus, 100), (.aPlus, 200), (.bPlus, 198), (.bPlus, 250)])
        #expect(result.singles == PerChannel(2, 0, 2, 0))
        #expect(result.coincidences == .zero)   // first clicks 100 and 198
        #expect(result.doubleClickCycles == 0)  // two clicks of one detector are not a double click
    }

    @Test func bothDetectorsOfAnArmAreADoubleClick() {
        let result = counts([(.aPlus, 100), (.aMinus, 101), (.bMinus, 102)])
        #expect(result.doubleClickCycles == 1)
        #expect(result.coincidences == PerPair(0, 1, 0, 1))   // A+B− and A−B−, both within 5 ns
        #expect(counts([(.bPlus, 1), (.bMinus, 2)]).doubleClickCycles == 1)
        #expect(counts([(.bPlus, 1), (.bMinus, 2)]).coincidences == .zero)   // one arm only
    }

    @Test func anEmptyCycleAddsNothing() {
        #expect(counts([]) == SettingCounts())
        #expect(CycleClicks().isEmpty)
    }

    @Test func countsAccumulate() {
        var total = SettingCounts(triggerCycles: 2, accidentals: PerPair(repeating: 0.5))
        total += SettingCounts(triggerCycles: 3, singles: PerChannel(1, 0, 0, 1), coincidences: PerPair(0, 1, 0, 0),
                               doubleClickCycles: 1)
        #expect(total.triggerCycles == 5 && total.totalSingles == 2 && total.totalCoincidences == 1)
        #expect(total.doubleClickCycles == 1)
        #expect(total.accidentals == PerPair(repeating: 0.5))
    }

    @Test func cycleClicksRememberTheFirstClickOfEachDetector() {
        var cycle = CycleClicks()
        cycle.record(.bMinus, nanoseconds: 40)
        cycle.record(.bMinus, nanoseconds: 30)
        #expect(cycle.firstClickNanoseconds(of: .bMinus) == 40)
        #expect(cycle.count(of: .bMinus) == 2)
        #expect(cycle.firstClickNanoseconds(of: .bPlus) == nil)
        #expect(cycle.firstClickedChannel(in: .b) == .bMinus)
        #expect(cycle.firstClickedChannel(in: .a) == nil)
        cycle.clear()
        #expect(cycle.isEmpty && cycle.count(of: .bMinus) == 0)
    }
}
