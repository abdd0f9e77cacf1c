import Firmware
import HAL
import Simulator
import Testing
import Vocabulary
import Dispatch
import Foundation

/// What the loop publishes between cycles, and the schedule that goes round until stopped
/// (alignment): observers hear the loop's figures, and a reader on another thread never sees
/// a half-written set.
@Suite struct LivePublicationTests {
    /// Records every call; raises `stop` after `stopAfter` calls.
    final class Listener: CycleObserver {
        var figures: [LoopFigures] = []
        var latenessCounts: [Int] = []
        let stop = StopSignal()
        let stopAfter: Int
        init(stopAfter: Int = .max) { self.stopAfter = stopAfter }
        func cyclesCompleted(_ cycles: Int) {}
        func loopFigures(_ figures: LoopFigures, lateness: LatenessHistogram) {
            self.figures.append(figures)
            latenessCounts.append(lateness.count)
            if self.figures.count >= stopAfter { stop.raise() }
        }
    }

    static let twoSteps = [
        ScheduleStep(label: "HV", codes: BasisCodes(armA: 0, armB: 0), cycles: 30),
        ScheduleStep(label: "DA", codes: BasisCodes(armA: 1, armB: 1), cycles: 20),
    ]

    @Test func observersHearTheStepTheCyclesAndTheLatenessBetweenCycles() throws {
        let fixture = try SimulatedStationFixture(settings: .dark)
        fixture.controller.arm()
        let listener = Listener()
        let report = try fixture.controller.run(CycleSchedule(timing: .standard, steps: Self.twoSteps),
                                                observer: listener, observerInterval: 10)
        // Every 10 cycles (5 calls), then once at the end.
        #expect(listener.figures.map(\.cycles) == [10, 20, 30, 40, 50, 50])
        #expect(listener.figures.map(\.step) == [0, 0, 0, 1, 1, 1])
        #expect(listener.latenessCounts == [10, 20, 30, 40, 50, 50])
        #expect(listener.figures.allSatisfy { !$0.interlockOpen && $0.lostEdges == 0 })
        #expect(report.complete)
    }

    @Test func aRepeatingScheduleGoesRoundUntilStoppedAndAddsUpEachStep() throws {
        let fixture = try SimulatedStationFixture(settings: .dark)
        fixture.controller.arm()
        // Stop after 12 observer calls of 10 cycles: 120 cycles, 2.4 rounds of 50.
        let listener = Listener(stopAfter: 12)
        let schedule = CycleSchedule(timing: .standard, steps: Self.twoSteps, repeatsUntilStopped: true)
        let report = try fixture.controller.run(schedule, stop: listener.stop, observer: listener, observerInterval: 10)
        #expect(report.cyclesRun == 120)
        #expect(!report.complete)
        #expect(report.stopReason == .stopRequested)
        // Rounds 1 and 2 (30 + 30 HV, 20 + 20 DA), then 20 HV of round 3.
        #expect(report.settings.map(\.counts.triggerCycles) == [80, 40])
        #expect(listener.figures.prefix(12).map(\.step) == [0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0])
    }

    @Test func aScheduleThatDoesNotRepeatRunsOnce() throws {
        let fixture = try SimulatedStationFixture(settings: .dark)
        fixture.controller.arm()
        let report = try fixture.controller.run(CycleSchedule(timing: .standard, steps: Self.twoSteps))
        #expect(report.cyclesRun == 50)
        #expect(report.complete)
    }

    /// A writer keeps slot 1 at twice slot 0 and slot 2 at three times; a reader on another thread
    /// must only ever see sets that keep that rule, however the two interleave.
    @Test func aReaderOnAnotherThreadNeverSeesAHalfWrittenSet() {
        let slots = PublishedSlots(count: 3)
        let done = StopSignal()
        let readsSeen = PublishedSlots(count: 1)   // the reader's count, for the writer to watch
        // A thread of its own (not a task: a busy test run can starve the cooperative pool).
        let tally = PublishedSlots(count: 2)   // consistent, torn: the reader's result
        let readerEnded = StopSignal()
        Thread {
            var consistent = 0, torn = 0
            while !done.isRaised {
                guard let set = slots.read() else { continue }
                if set[1] == 2 &* set[0] && set[2] == 3 &* set[0] { consistent += 1 } else { torn += 1 }
                readsSeen.beginWriting()
                readsSeen.write(consistent + torn, at: 0)
                readsSeen.endWriting()
            }
            tally.beginWriting()
            tally.write(consistent, at: 0)
            tally.write(torn, at: 1)
            tally.endWriting()
            readerEnded.raise()
        }.start()
        // Write until the reader has read 20 000 sets while writes go on (at most 60 s).
        let started = ContinuousClock.now
        var value: UInt64 = 0
        while (readsSeen.read()?[0] ?? 0) < 20_000, ContinuousClock.now - started < .seconds(60) {
            value += 1
            slots.beginWriting()
            slots.write(value, at: 0)
            slots.write(2 &* value, at: 1)
            slots.write(3 &* value, at: 2)
            slots.endWriting()
        }
        done.raise()
        while !readerEnded.isRaised { Thread.sleep(forTimeInterval: 0.001) }
        let seen = tally.read() ?? [0, 0]
        #expect(seen[1] == 0)
        #expect(seen[0] >= 20_000)
        #expect(slots.updates == value)
        #expect(slots.read() == [value, 2 * value, 3 * value])
    }
}
