import Firmware
import HAL
import Records
import Testing
import Vocabulary

/// `TagCycleMatcher` on hand-written tagger events: a schedule of 10 µs cycles whose gate opens
/// 500 ns before the trigger (so each cycle begins 500 ns before its sync), two fixed settings of
/// 3 cycles and one random-basis setting of 4.
@Suite struct TagCycleMatcherTests {
    static let period: Int64 = 10_000_000   // ps
    static let choice = RandomBasisChoice(codesA: [0, 1], codesB: [0, 1, 2])
    static let schedule = CycleSchedule(
        timing: CycleTiming(triggerPeriod: .nanoseconds(10_000), triggerPulseWidth: .nanoseconds(1_000), gateDelay: .nanoseconds(-500),
                            gateWidth: .nanoseconds(2_000), coincidenceWindow: .nanoseconds(5)),
        steps: [ScheduleStep(label: "first", codes: BasisCodes(armA: 0, armB: 0), cycles: 3),
                ScheduleStep(label: "second", codes: BasisCodes(armA: 1, armB: 1), cycles: 3),
                ScheduleStep(label: "random", codes: BasisCodes(armA: 0, armB: 0), cycles: 4, randomBasis: choice)],
        basisSeed: 99)

    /// Syncs every period from 1 µs on (ten of them), with `photons` between, in time order.
    static func events(_ photons: [PTUEvent], syncs: Int = 10, firstSync: Int64 = 1_000_000) -> [PTUEvent] {
        let all = (0..<syncs).map { PTUEvent.sync(timePicoseconds: firstSync + Int64($0) * period) } + photons
        return all.sorted { ($0.timePicoseconds, $0.kind.rawValue == 1 ? 0 : 1) < ($1.timePicoseconds, $1.kind.rawValue == 1 ? 0 : 1) }
    }

    static func match(_ events: [PTUEvent], map: TagChannelMap = TagChannelMap(), skipped: Int = 0, batch: Int = .max)
        throws -> (clicks: [ClickEvent], tally: TagCycleMatcher.Tally) {
        var matcher = try TagCycleMatcher(schedule: schedule, cyclesPerSetting: [3, 3, 4], map: map, skippedSyncs: skipped)
        var clicks: [ClickEvent] = []
        var start = 0
        while start < events.count {
            let slice = Array(events[start..<min(events.count, start + batch)])
            slice.withUnsafeBufferPointer { matcher.add($0) }
            clicks += matcher.ready
            matcher.clearReady()
            start += slice.count
        }
        matcher.finish()
        return (clicks + matcher.ready, matcher.tally)
    }

    /// A photon belongs to the cycle whose span [sync − 500 ns, sync + 9.5 µs) holds it — also one
    /// that comes before its own sync — stamped on the nanosecond grid, rounded up.
    @Test func photonsGoToTheCycleWhoseSpanHoldsThem() throws {
        let sync3: Int64 = 1_000_000 + 3 * Self.period
        let (clicks, tally) = try Self.match(Self.events([
            .photon(channel: 1, timePicoseconds: sync3 + 2_500),          // cycle 3, 2.5 ns after its trigger
            .photon(channel: 3, timePicoseconds: sync3 - 400_000),        // cycle 3, before its sync, in its gate
            .photon(channel: 2, timePicoseconds: sync3 - 600_000),        // cycle 2, 9.4 µs after its sync
            .photon(channel: 4, timePicoseconds: sync3 + 9_499_000),      // cycle 3, its last nanosecond
            .photon(channel: 4, timePicoseconds: sync3 + 9_499_001),      // rounded up to cycle 4's first
        ]))
        #expect(clicks.map(\.cycle) == [2, 3, 3, 3, 4])
        #expect(clicks.map(\.channel) == [.aMinus, .bPlus, .aPlus, .bMinus, .bMinus])
        #expect(clicks.map(\.timestamp.nanoseconds) == [(sync3 - 600_000) / 1_000, (sync3 - 400_000) / 1_000, sync3 / 1_000 + 3,
                                                        sync3 / 1_000 + 9_499, sync3 / 1_000 + 9_500])
        #expect(clicks.map(\.setting) == [0, 1, 1, 1, 1] && clicks.map(\.codes.armA) == [0, 1, 1, 1, 1])
        #expect(tally.clicks == 5 && tally.syncsMatched == 10 && tally.cyclesPerSetting == [3, 3, 4])
    }

    /// Nothing is dropped silently: before the first cycle, past every cycle's span (a sync
    /// missing), after the last cycle, on an unmapped input; markers; a long gap between syncs.
    @Test func photonsOutsideTheCyclesAreCountedByWhy() throws {
        var events = Self.events([.photon(channel: 1, timePicoseconds: 100_000),           // before the first cycle begins
                                  .photon(channel: 7, timePicoseconds: 5_000_000),         // input 7: no detector
                                  .marker(bits: 2, timePicoseconds: 6_000_000)], syncs: 4)
        // Syncs 5…10 come after a 3-period gap; a photon in the gap is past cycle 3's span.
        let resume: Int64 = 1_000_000 + 6 * Self.period
        events.append(.photon(channel: 2, timePicoseconds: 1_000_000 + 4 * Self.period + 5_000))
        for k in 0..<7 { events.append(.sync(timePicoseconds: resume + Int64(k) * Self.period)) }
        events.append(.photon(channel: 3, timePicoseconds: resume + 6 * Self.period + 5_000))   // after the 10th cycle
        let (clicks, tally) = try Self.match(events)
        #expect(clicks.isEmpty)
        #expect(tally.photonsBeforeFirstCycle == 1 && tally.photonsOnUnmappedInputs == 1 && tally.markers == 1)
        #expect(tally.photonsOutsideCycles == 1 && tally.photonsAfterRun == 1)
        #expect(tally.syncs == 11 && tally.syncsMatched == 10 && tally.syncsAfterRun == 1)
        #expect(tally.longGaps == 1 && tally.longestGapPeriods == 3)
    }

    /// A detector's cable delay is taken off before the cycle is chosen: a click that reaches the
    /// tagger 1 µs late, just after the next cycle began, is its own cycle's.
    @Test func delaysAreTakenOffBeforeTheCycleIsChosen() throws {
        let sync1: Int64 = 1_000_000 + Self.period
        let photon = PTUEvent.photon(channel: 4, timePicoseconds: sync1 + Self.period - 500_000 + 200_000)
        let plain = try Self.match(Self.events([photon]))
        #expect(plain.clicks.map(\.cycle) == [2])
        let delayed = try Self.match(Self.events([photon]), map: TagChannelMap(delaysPicoseconds: PerChannel(0, 0, 0, 1_000_000)))
        #expect(delayed.clicks.map(\.cycle) == [1])
        #expect(delayed.clicks.first?.timestamp.nanoseconds == (photon.timePicoseconds - 1_000_000) / 1_000)
    }

    /// The random-basis setting's codes are the firmware's draws, replayed from the basis seed, one
    /// per cycle whether or not it clicked; the matching is the same in batches of one event.
    @Test func randomBasesAreReplayedAndBatchesDoNotMatter() throws {
        let photons = (0..<10).map { PTUEvent.photon(channel: 1, timePicoseconds: 1_000_000 + Int64($0) * Self.period + 3_000) }
        let whole = try Self.match(Self.events(photons))
        let single = try Self.match(Self.events(photons), batch: 1)
        #expect(whole.clicks == single.clicks && whole.tally == single.tally)
        var draws = RandomBasisDraws(basisSeed: 99)
        let expected = (0..<4).map { _ in draws.next(Self.choice) }
        #expect(whole.clicks.suffix(4).map(\.codes) == expected)
        #expect(whole.clicks.suffix(4).allSatisfy { $0.setting == 2 })
    }

    /// Skipped syncs are not cycles: with two triggers before the run, skipping two matches the rest.
    @Test func skippedSyncsAreNotCycles() throws {
        let photon = PTUEvent.photon(channel: 1, timePicoseconds: 1_000_000 + 2 * Self.period + 1_000)
        let (clicks, tally) = try Self.match(Self.events([photon], syncs: 12), skipped: 2)
        #expect(clicks.map(\.cycle) == [0])
        #expect(tally.syncsSkipped == 2 && tally.syncsMatched == 10 && tally.syncsAfterRun == 0)
    }

    /// What the matching cannot take is refused with its numbers.
    @Test func impossibleWiringIsRefused() {
        func problems(_ map: TagChannelMap) -> [String] {
            do { _ = try TagCycleMatcher(schedule: Self.schedule, cyclesPerSetting: [3, 3, 4], map: map); return [] } catch {
                return error.problems
            }
        }
        #expect(problems(TagChannelMap(inputs: PerChannel(1, 1, 3, 4))).contains { $0.contains("A+ and A- are both on tagger input 1") })
        #expect(problems(TagChannelMap(inputs: PerChannel(0, 2, 3, 4))).contains { $0.contains("numbered from 1") })
        #expect(problems(TagChannelMap(delaysPicoseconds: PerChannel(-5, 0, 0, 0))).contains { $0.contains("-5 ps") })
        #expect(problems(TagChannelMap(delaysPicoseconds: PerChannel(0, 0, 9_600_000, 0))).contains { $0.contains("reaches the next cycle") })
    }
}
