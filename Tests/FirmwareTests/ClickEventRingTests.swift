import Vocabulary
import Dispatch
import Firmware
import Foundation
import HAL
import Synchronization
import Testing

/// The SPSC ring from the cycle loop to the analysis: order kept, capacity a power of two,
/// overflow counted and nothing overwritten — alone, and with the loop and the analysis on two
/// threads at once.
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

    @Test func capacityIsRoundedUpToAPowerOfTwoAndIsAtLeastTwo() {
        #expect([0, 1, 2, 3, 4, 5, 64, 65, 1_000].map { ClickEventRing(capacity: $0).capacity }
            == [2, 2, 2, 4, 4, 8, 64, 128, 1_024])
    }

    @Test func aFullRingRefusesThePushAndKeepsWhatItHolds() {
        let ring = ClickEventRing(capacity: 2)
        #expect(ring.push(event(0)) && ring.push(event(1)))
        #expect(!ring.push(event(2)))
        #expect(ring.count == 2 && ring.droppedEvents == 1)
        var seen: [ClickEvent] = []
        ring.drain { seen.append($0) }
        #expect(seen == [event(0), event(1)])
        // Room again once drained, across the wrap of the storage.
        #expect(ring.push(event(3)) && ring.push(event(4)))
        seen = []
        ring.drain { seen.append($0) }
        #expect(seen == [event(3), event(4)])
        #expect(ring.droppedEvents == 1)
    }

    /// What the two threads found, handed back under a lock once each is done.
    struct Findings: Sendable {
        var accepted = 0, refused = 0
        var consumed = 0, wrong = 0
        var firstWrong: String?
    }

    final class Shared: Sendable {
        let producerFinished = Atomic<Bool>(false)
        let findings = Mutex(Findings())
    }

    /// The event of push attempt `attempt` when `sequence` events were accepted before it: the
    /// cycle carries the running sequence number of accepted events, the other fields follow
    /// from it (so a torn or stale slot shows), the timestamp is the attempt number.
    static func event(sequence: Int, attempt: Int) -> ClickEvent {
        ClickEvent(cycle: Int64(sequence), setting: sequence % 7, channel: DetectorChannel(rawValue: sequence % 4)!,
                   codes: BasisCodes(armA: UInt8(truncatingIfNeeded: sequence), armB: UInt8(truncatingIfNeeded: sequence >> 8)),
                   timestamp: Instant(nanoseconds: Int64(attempt)))
    }

    @Test(.timeLimit(.minutes(1)))
    func loopAndAnalysisOnTwoThreadsLoseNothingAcceptedAndCountEveryRefusal() {
        let attempts = 4_000_000
        let ring = ClickEventRing(capacity: 16)
        let shared = Shared()
        let producerDone = DispatchSemaphore(value: 0), consumerDone = DispatchSemaphore(value: 0)

        // The cycle loop's side: push every attempt, never wait; a refused event's sequence
        // number goes with the next attempt, so the accepted ones are numbered 0, 1, 2, …
        Thread {
            var accepted = 0, refused = 0
            for attempt in 0..<attempts {
                if ring.push(Self.event(sequence: accepted, attempt: attempt)) { accepted += 1 } else { refused += 1 }
            }
            shared.findings.withLock { $0.accepted = accepted; $0.refused = refused }
            shared.producerFinished.store(true, ordering: .releasing)
            producerDone.signal()
        }.start()

        // The analysis' side: drain while the loop pushes, and check every event is the next
        // accepted one, whole. It starts once the ring has been full, so a refusal is certain.
        Thread {
            while ring.droppedEvents == 0 {}
            var consumed = 0, wrong = 0, lastAttempt: Int64 = -1
            var firstWrong: String?
            func check(_ event: ClickEvent) {
                let expected = Self.event(sequence: consumed, attempt: Int(event.timestamp.nanoseconds))
                if event != expected || event.timestamp.nanoseconds <= lastAttempt
                    || event.timestamp.nanoseconds < event.cycle {
                    wrong += 1
                    if firstWrong == nil { firstWrong = "event \(consumed): \(event), after attempt \(lastAttempt)" }
                }
                consumed += 1
                lastAttempt = event.timestamp.nanoseconds
            }
            while true {
                // Read the flag first: every push made before it was raised is then drained.
                let finished = shared.producerFinished.load(ordering: .acquiring)
                if ring.drain(check) == 0, finished { break }
            }
            shared.findings.withLock { [consumed, wrong, firstWrong] in
                $0.consumed = consumed; $0.wrong = wrong; $0.firstWrong = firstWrong
            }
            consumerDone.signal()
        }.start()

        // A hang guard, not a speed test: both finish in well under a second.
        #expect(producerDone.wait(timeout: .now() + 50) == .success)
        #expect(consumerDone.wait(timeout: .now() + 50) == .success)
        let findings = shared.findings.withLock { $0 }
        #expect(findings.accepted + findings.refused == attempts)
        #expect(ring.droppedEvents == findings.refused)
        #expect(findings.consumed == findings.accepted)
        #expect(findings.wrong == 0, "\(findings.firstWrong ?? "")")
        #expect(ring.count == 0)
        // The ring was full at times and drained while the loop pushed (more went through than
        // it can hold).
        #expect(findings.refused > 0)
        #expect(findings.accepted > ring.capacity)
    }
}
