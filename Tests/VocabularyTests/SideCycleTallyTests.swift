import Testing
import Vocabulary

/// Gate mode's side-cycle pairs on cycles written out by hand: an arm-A detector that clicked in
/// one cycle and an arm-B detector that clicked in another, 1 … K cycles apart, in one setting,
/// counted both ways round.
@Suite struct SideCycleTallyTests {
    /// One closed cycle: its number, setting and the detectors that clicked.
    struct Cycle {
        var number: Int64
        var setting = 0
        var clicked: [DetectorChannel]

        var mask: UInt8 { clicked.reduce(0) { $0 | UInt8(1) << $1.rawValue } }
    }

    /// The side pairs `cycles` (closed in order) add up to with K = `sideCycles`.
    func sidePairs(_ cycles: [Cycle], sideCycles: Int) -> PerPair<Int> {
        var tally = SideCycleTally(sideCycles: sideCycles)
        var counts = SettingCounts()
        for cycle in cycles { tally.close(cycle: cycle.number, setting: cycle.setting, clicked: cycle.mask, into: &counts) }
        return counts.sideCoincidences
    }

    /// The definition, pair by pair: every ordered pair of cycles (i, j) of one setting with
    /// 1 ≤ |i − j| ≤ K, A detector a in i, B detector b in j.
    func bruteForce(_ cycles: [Cycle], sideCycles: Int) -> PerPair<Int> {
        var pairs = PerPair<Int>.zero
        for (index, one) in cycles.enumerated() {
            // Cycles are in order: only the K before and the K after can be within K.
            let neighbours = cycles[max(0, index - sideCycles)..<min(cycles.count, index + sideCycles + 1)]
            for other in neighbours where one.setting == other.setting && one.number != other.number
                && abs(one.number - other.number) <= Int64(sideCycles) {
                for a in one.clicked where a.arm == .a {
                    for b in other.clicked where b.arm == .b { pairs[DetectorPair(a.output, b.output)] += 1 }
                }
            }
        }
        return pairs
    }

    @Test func anAClickPairsWithBClicksOneToKCyclesAwayEitherWay() {
        for d in Int64(1)...5 {
            let later = [Cycle(number: 10, clicked: [.aPlus]), Cycle(number: 10 + d, clicked: [.bPlus])]
            let earlier = [Cycle(number: 10, clicked: [.bPlus]), Cycle(number: 10 + d, clicked: [.aPlus])]
            let expected = d <= 3 ? PerPair(1, 0, 0, 0) : .zero
            #expect(sidePairs(later, sideCycles: 3) == expected, "B \(d) cycles after A")
            #expect(sidePairs(earlier, sideCycles: 3) == expected, "B \(d) cycles before A")
        }
    }

    @Test func eachPairIsCountedUnderItsOwnDetectors() {
        #expect(sidePairs([Cycle(number: 5, clicked: [.aMinus]), Cycle(number: 6, clicked: [.bPlus])], sideCycles: 1) == PerPair(0, 0, 1, 0))
        #expect(sidePairs([Cycle(number: 5, clicked: [.bMinus]), Cycle(number: 6, clicked: [.aPlus])], sideCycles: 1) == PerPair(0, 1, 0, 0))
        #expect(sidePairs([Cycle(number: 5, clicked: [.aMinus, .bMinus]), Cycle(number: 7, clicked: [.aMinus, .bMinus])],
                          sideCycles: 2) == PerPair(0, 0, 0, 2))   // A−(5)B−(7) and A−(7)B−(5)
        // Two arm-A clicks never pair with each other, nor B with B; the same cycle is the centre, not a side.
        #expect(sidePairs([Cycle(number: 5, clicked: [.aPlus, .aMinus]), Cycle(number: 6, clicked: [.aPlus])], sideCycles: 3) == .zero)
        #expect(sidePairs([Cycle(number: 5, clicked: [.bPlus]), Cycle(number: 6, clicked: [.bMinus])], sideCycles: 3) == .zero)
        #expect(sidePairs([Cycle(number: 5, clicked: [.aPlus, .bPlus])], sideCycles: 3) == .zero)
    }

    /// Four cycles in a row, every detector clicking: with K = 2 the ordered pairs 1 or 2 apart are
    /// 2·(3 + 2) = 10, each giving one pair of every kind.
    @Test func aFullBlockGivesEveryNeighbourPairOfEveryKind() {
        let block = (Int64(0)..<4).map { Cycle(number: $0, clicked: DetectorChannel.allCases) }
        #expect(sidePairs(block, sideCycles: 2) == PerPair(repeating: 10))
    }

    @Test func aSettingBoundaryStopsPairing() {
        let cycles = [Cycle(number: 9, setting: 0, clicked: [.aPlus]), Cycle(number: 10, setting: 0, clicked: [.aPlus]),
                      Cycle(number: 11, setting: 1, clicked: [.bPlus]), Cycle(number: 12, setting: 1, clicked: [.aMinus])]
        // Only 11 (B+) with 12 (A−) — both in setting 1; 9 and 10 are in setting 0.
        #expect(sidePairs(cycles, sideCycles: 3) == PerPair(0, 0, 1, 0))
    }

    @Test func cyclesMoreThanKBackAreForgotten() {
        // Three A+ cycles in a row fill K = 3; the B+ at 4 pairs with 1, 2, 3; the B+ at 5 with 2, 3
        // (and not with 1, four back); the B+ at 9 with nothing.
        let cycles = [Cycle(number: 1, clicked: [.aPlus]), Cycle(number: 2, clicked: [.aPlus]), Cycle(number: 3, clicked: [.aPlus]),
                      Cycle(number: 4, clicked: [.bPlus]), Cycle(number: 5, clicked: [.bPlus]), Cycle(number: 9, clicked: [.bPlus])]
        #expect(sidePairs(cycles, sideCycles: 3) == PerPair(5, 0, 0, 0))
        // A gap longer than K empties the memory: an A at 100 after a B at 96 (K = 3) pairs with nothing.
        #expect(sidePairs([Cycle(number: 96, clicked: [.bPlus]), Cycle(number: 100, clicked: [.aPlus])], sideCycles: 3) == .zero)
        // K = 8, the most: the B at 9 still pairs with the A at 1.
        #expect(sidePairs([Cycle(number: 1, clicked: [.aPlus]), Cycle(number: 9, clicked: [.bPlus])], sideCycles: 8) == PerPair(1, 0, 0, 0))
        #expect(sidePairs([Cycle(number: 1, clicked: [.aPlus]), Cycle(number: 10, clicked: [.bPlus])], sideCycles: 8) == .zero)
    }

    /// The firmware closes only cycles with clicks; closing the empty ones too changes nothing.
    @Test func cyclesWithoutClicksCostNothing() {
        var generator = SplitMix(seed: 3)
        for k in 1...CoincidenceMode.maximumSideCycles {
            var all: [Cycle] = []
            for number in Int64(0)..<400 {
                // Clicks in about one cycle in three: sparse enough for long empty stretches.
                let clicked = generator.next() % 3 == 0 ? DetectorChannel.allCases.filter { _ in generator.next() % 2 == 0 } : []
                all.append(Cycle(number: number, setting: Int(number / 100), clicked: clicked))
            }
            let withClicks = all.filter { !$0.clicked.isEmpty }
            #expect(sidePairs(all, sideCycles: k) == sidePairs(withClicks, sideCycles: k), "K = \(k)")
        }
    }

    /// Random cycles of four settings, each K from 1 to 8: the tally equals the definition pair by pair.
    @Test func theTallyEqualsTheDefinitionOnRandomCycles() {
        var generator = SplitMix(seed: 11)
        for k in 1...CoincidenceMode.maximumSideCycles {
            var cycles: [Cycle] = []
            for number in Int64(0)..<2_000 where generator.next() % 4 != 0 {   // about a quarter of the cycles have no clicks
                let clicked = DetectorChannel.allCases.filter { _ in generator.next() % 3 == 0 }
                cycles.append(Cycle(number: number, setting: Int(number / 500), clicked: clicked))
            }
            let expected = bruteForce(cycles, sideCycles: k)
            #expect(expected.sum > 1_000)
            #expect(sidePairs(cycles, sideCycles: k) == expected, "K = \(k)")
        }
    }

    @Test func sideCyclesAreKeptWithinOneToEight() {
        #expect(SideCycleTally(sideCycles: 0).sideCycles == 1)
        #expect(SideCycleTally(sideCycles: 3).sideCycles == 3)
        #expect(SideCycleTally(sideCycles: 20).sideCycles == CoincidenceMode.maximumSideCycles)
    }

    // MARK: expectedAccidentals

    /// N = 10 cycles, K = 3: the side pairs span 2·(9 + 8 + 7) = 48 cycle pairs against 10 in
    /// the centre, so the centre expects 10/48 of the side pairs.
    @Test func expectedAccidentalsScaleTheSidePairsToTheCentre() throws {
        let tally = SideCycleTally(sideCycles: 3)
        let expected = try #require(tally.expectedAccidentals(side: PerPair(48, 24, 0, 96), cycles: 10))
        #expect(expected == PerPair(10.0, 5.0, 0.0, 20.0))
        // N = 4: 2·(3 + 2 + 1) = 12 pairs.
        #expect(tally.expectedAccidentals(side: PerPair(12, 0, 0, 0), cycles: 4) == PerPair(4.0, 0.0, 0.0, 0.0))
        // No more cycles than K: no neighbours to speak of.
        #expect(tally.expectedAccidentals(side: PerPair(1, 1, 1, 1), cycles: 3) == nil)
    }

    /// Every detector clicking in every cycle: each cycle's centre holds one pair of every kind,
    /// and the side pairs, scaled, expect exactly that — the normalisation with nothing random in it.
    @Test func aSettingWhereEveryDetectorAlwaysClicksExpectsItsOwnCentre() throws {
        for k in 1...CoincidenceMode.maximumSideCycles {
            for n in [k + 1, 10, 57] {
                let cycles = (Int64(0)..<Int64(n)).map { Cycle(number: $0, clicked: DetectorChannel.allCases) }
                let side = sidePairs(cycles, sideCycles: k)
                let expected = try #require(SideCycleTally(sideCycles: k).expectedAccidentals(side: side, cycles: n))
                for pair in DetectorPair.allCases { #expect(abs(expected[pair] - Double(n)) < 1e-9, "K = \(k), N = \(n)") }
            }
        }
    }

    // MARK: the rule in gate mode

    /// Gate mode counts a pair whenever both detectors clicked in the cycle, however far apart in
    /// time; window mode only within the window.
    @Test func theGateRuleCountsPairsRegardlessOfTimeAndTheWindowRuleDoesNot() {
        var clicks = CycleClicks()
        clicks.record(.aPlus, nanoseconds: 100)
        clicks.record(.bMinus, nanoseconds: 1_900)   // 1.8 µs later: the same 2 µs gate
        clicks.record(.aMinus, nanoseconds: 102)
        let gate = CoincidenceRule(mode: .gate(sideCycles: 3), windowNanoseconds: 5)
        let window = CoincidenceRule(mode: .window, windowNanoseconds: 5)
        var gateCounts = SettingCounts(), windowCounts = SettingCounts()
        gate.count(clicks, into: &gateCounts)
        window.count(clicks, into: &windowCounts)
        #expect(gateCounts.coincidences == PerPair(0, 1, 0, 1))
        #expect(windowCounts.coincidences == .zero)
        // Singles and double clicks do not depend on the mode.
        #expect(gateCounts.singles == windowCounts.singles && gateCounts.doubleClickCycles == 1 && windowCounts.doubleClickCycles == 1)
        // Gate mode still needs both detectors: one arm alone is no coincidence.
        var armA = CycleClicks()
        armA.record(.aPlus, nanoseconds: 100)
        #expect(!gate.coincide(.plusPlus, in: armA))
        // A window wide enough agrees with the gate.
        #expect(CoincidenceRule(mode: .window, windowNanoseconds: 2_000).coincide(.plusMinus, in: clicks))
        #expect(gate.mode.sideCycles == 3 && window.mode.sideCycles == nil)
        #expect(gate.mode.name == "gate" && window.mode.name == "window")
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a few lines of reproducible randomness for hand-made cycles.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
