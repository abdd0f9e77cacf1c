import Vocabulary
import Analysis
import Firmware
import HAL
import Testing

/// The SPSC ring: order kept, capacity a power of two, overflow counted and nothing overwritten.
@Suite struct ClickEventRingTests {
    func event(_ cycle: Int64) -> ClickEvent {
        ClickEvent(cycle: cycle, setting: 0, channel: .bPlus, codes: BasisCodes(armA: 1, armB: 2),
                   timestamp: Instant(nanoseconds: cycle * 10))
    }

    @Test func keepsOrderAndCountsOverflow() {
        let ring = ClickEventRing(capacity: 3)
        #expect(ring.capacity == 4)
        for cycle in 0..<6 { ring.push(event(Int64(cycle))) }
        #expect(ring.droppedEvents == 2)
        var seen: [Int64] = []
        #expect(ring.drain { seen.append($0.cycle) } == 4)
        #expect(seen == [0, 1, 2, 3])
        for cycle in 6..<9 { ring.push(event(Int64(cycle))) }
        seen = []
        ring.drain { seen.append($0.cycle) }
        #expect(seen == [6, 7, 8])
        #expect(ring.count == 0)
    }
}
