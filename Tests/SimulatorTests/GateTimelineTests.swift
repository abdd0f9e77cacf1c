@testable import Simulator
import Testing

/// The gate timeline's open-time clock and its times, through a gate that opens twice
/// (open 1 000–3 000 ps and from 10 000 ps): what the detectors read from it after each change.
@Suite struct GateTimelineTests {
    @Test func theOpenTimeClockRunsOnlyWhileTheGateIsOpen() {
        let never: Int64 = 1 << 60
        let gate = GateTimeline(open: false, atPicoseconds: 0)
        #expect(!gate.isOpen && gate.openTimeAtChangePicoseconds == 0)
        #expect(gate.time(atOpenTime: 0, never: never) == never)

        gate.change(toOpen: true, atPicoseconds: 1_000)
        #expect(gate.isOpen && gate.changedAtPicoseconds == 1_000)
        #expect(gate.openTime(atPicoseconds: 1_500) == 500)
        #expect(gate.time(atOpenTime: 700, never: never) == 1_700)
        #expect(!gate.isOpen(atPicoseconds: 999) && gate.isOpen(atPicoseconds: 1_000))

        gate.change(toOpen: false, atPicoseconds: 3_000)
        #expect(!gate.isOpen && gate.changedAtPicoseconds == 3_000 && gate.previousChangeAtPicoseconds == 1_000)
        #expect(gate.openTimeAtChangePicoseconds == 2_000 && gate.openTimeAtPreviousChangePicoseconds == 0)
        #expect(gate.time(atOpenTime: 1_500, never: never) == 2_500)   // in the opening that just ended
        #expect(gate.time(atOpenTime: 2_000, never: never) == never)   // waits for the next opening
        #expect(gate.isOpen(atPicoseconds: 2_999) && !gate.isOpen(atPicoseconds: 3_000))

        gate.change(toOpen: false, atPicoseconds: 4_000)   // no change: nothing moves
        #expect(gate.changedAtPicoseconds == 3_000 && gate.openTimeAtChangePicoseconds == 2_000)

        gate.change(toOpen: true, atPicoseconds: 10_000)
        #expect(gate.changedAtPicoseconds == 10_000 && gate.previousChangeAtPicoseconds == 3_000)
        #expect(gate.openTimeAtChangePicoseconds == 2_000 && gate.openTimeAtPreviousChangePicoseconds == 2_000)
        #expect(gate.openTime(atPicoseconds: 10_250) == 2_250)
        #expect(gate.time(atOpenTime: 2_600, never: never) == 10_600)

        gate.change(toOpen: false, atPicoseconds: 12_000)
        #expect(gate.openTimeAtChangePicoseconds == 4_000 && gate.openTimeAtPreviousChangePicoseconds == 2_000)
        #expect(gate.time(atOpenTime: 3_000, never: never) == 11_000)

        let freeRunning = GateTimeline(open: true, atPicoseconds: 500, followsALine: false)
        freeRunning.change(toOpen: false, atPicoseconds: 1_000)   // never changes
        #expect(freeRunning.isOpen && freeRunning.openTime(atPicoseconds: 2_500) == 2_000)
    }
}
