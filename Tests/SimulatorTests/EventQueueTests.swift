import SeededRandom
@testable import Simulator
import Testing

/// The event queue against the order it promises: (cycle, picosecond within the cycle, order of
/// scheduling), checked against a plain sort, in the near list, across its boundary with the far
/// heap, and with the heap crowded.
@Suite struct EventQueueTests {
    /// One scheduled timer as the reference keeps it: its key and the tag that names it.
    struct Expected {
        var cycle: Int64
        var picosecondInCycle: Int64
        var order: Int
        var tag: Int64
    }

    /// Runs the queue and a sorted reference side by side: `steps` random operations, each
    /// scheduling an event (with probability `scheduleShare`; due up to `scheduleSpan` cycles
    /// ahead, at one of `picosecondChoices` picoseconds so that ties are common) or running
    /// the events due up to `runSpan` cycles ahead. With probability `reserveShare` a scheduled
    /// event only takes its place in the order (``EventQueue/reserveOrder()``) and is scheduled
    /// in it just before the next run, latest first. Returns the tags in the order the queue ran
    /// them and in the order the reference did, and the most events pending at once.
    static func runSideBySide(seed: UInt64, steps: Int, scheduleShare: Double, scheduleSpan: UInt64, runSpan: UInt64,
                              picosecondChoices: UInt64,
                              reserveShare: Double = 0) -> (queue: [Int64], reference: [Int64], largest: Int) {
        var random = Xoshiro256StarStar(seed: seed)
        var queue = EventQueue(capacity: 1)
        var pending: [Expected] = []
        var ran: [Int64] = [], expected: [Int64] = []
        var now: Int64 = 0, nextTag: Int64 = 0, largest = 0
        var held: [(expected: Expected, order: UInt64)] = []
        func runDue(through target: Int64) {
            for event in held.reversed() {
                queue.schedule(.timer(device: 0, tag: event.expected.tag), at: event.expected.cycle,
                               picosecondInCycle: event.expected.picosecondInCycle, order: event.order)
            }
            held.removeAll()
            while let event = queue.popDue(atOrBefore: target) {
                if case let .timer(_, tag) = event.event { ran.append(tag) }
            }
            // The reference: a stable sort by (cycle, picosecond) keeps the scheduling order of ties.
            let due = pending.filter { $0.cycle <= target }
                .sorted { ($0.cycle, $0.picosecondInCycle, $0.order) < ($1.cycle, $1.picosecondInCycle, $1.order) }
            expected += due.map(\.tag)
            pending.removeAll { $0.cycle <= target }
            now = max(now, target)
        }
        for _ in 0..<steps {
            if random.nextUnitInterval() < scheduleShare {
                let cycle = now + Int64(random.next() % scheduleSpan)
                let picosecond = picosecondChoices == 0 ? 0 : Int64(1 + random.next() % picosecondChoices)
                let event = Expected(cycle: cycle, picosecondInCycle: picosecond, order: Int(nextTag), tag: nextTag)
                if reserveShare > 0, random.nextUnitInterval() < reserveShare {
                    // Every event takes one insertion number, so the tags count them too.
                    let order = queue.reserveOrder()
                    #expect(order == UInt64(nextTag))
                    held.append((event, order))
                } else {
                    queue.schedule(.timer(device: 0, tag: nextTag), at: cycle, picosecondInCycle: picosecond)
                }
                pending.append(event)
                nextTag += 1
                largest = max(largest, queue.count + held.count)
                if held.isEmpty {
                    let next = queue.nextCycle
                    #expect(next == pending.map(\.cycle).min())
                }
            } else {
                runDue(through: now + Int64(random.next() % runSpan))
            }
        }
        runDue(through: .max)
        let isEmpty = queue.isEmpty, next = queue.nextCycle
        #expect(isEmpty && next == nil)
        return (ran, expected, largest)
    }

    @Test func fewPendingEventsRunInTheTotalOrder() {
        // A board-like load: a handful pending, many ties on the cycle and the picosecond.
        let run = Self.runSideBySide(seed: 7, steps: 20_000, scheduleShare: 0.5, scheduleSpan: 8, runSpan: 8,
                                     picosecondChoices: 3)
        #expect(run.largest < EventQueue.nearCapacity)
        // Binomial(20 000, 0.5) events scheduled, all run by the end: 10 000 ± 71 (1σ); 7σ here.
        #expect(abs(run.queue.count - 10_000) < 500)
        #expect(run.queue == run.reference)
    }

    @Test func aCrowdedQueueRunsInTheTotalOrderThroughTheHeap() {
        // Three schedules up to 100 cycles ahead for every step of 0 or 1 cycle: the queue grows
        // to hundreds, far past the near list, the heap takes the rest, and about three events
        // share each (cycle, picosecond), on both sides of the boundary.
        let run = Self.runSideBySide(seed: 11, steps: 4_000, scheduleShare: 0.75, scheduleSpan: 100, runSpan: 2,
                                     picosecondChoices: 2)
        #expect(run.largest > 10 * EventQueue.nearCapacity)
        #expect(run.queue == run.reference)
    }

    @Test func aQueueAroundTheNearListsSizeRunsInTheTotalOrder() {
        // Bursts of about 32 events on the current cycle (two picoseconds), run between bursts:
        // the near list fills and empties again, mostly with ties, and events move to the heap
        // (whether it is empty or not) and back out.
        let run = Self.runSideBySide(seed: 5, steps: 20_000, scheduleShare: 0.97, scheduleSpan: 1, runSpan: 1,
                                     picosecondChoices: 2)
        #expect(run.largest > EventQueue.nearCapacity)
        #expect(run.queue == run.reference)
    }

    @Test func eventsScheduledInAPlaceTakenEarlierRunInTheTotalOrder() {
        // A third of the events take their place in the order and are scheduled later, after
        // events with larger numbers that may be due at the same time (a click's fall, placed
        // before the rise's consequences): in the near list, and with the heap crowded.
        let few = Self.runSideBySide(seed: 3, steps: 20_000, scheduleShare: 0.5, scheduleSpan: 8, runSpan: 8,
                                     picosecondChoices: 2, reserveShare: 0.3)
        #expect(few.queue.count > 9_000 && few.queue == few.reference)
        let crowded = Self.runSideBySide(seed: 13, steps: 4_000, scheduleShare: 0.75, scheduleSpan: 100, runSpan: 2,
                                         picosecondChoices: 2, reserveShare: 0.3)
        #expect(crowded.largest > 10 * EventQueue.nearCapacity && crowded.queue == crowded.reference)
    }

    @Test func anEventPrecedesATimeByCyclePicosecondAndInsertionNumber() {
        // What a timer run at once asks (SimulatedBoard.startsTimerNow): whether a pending event
        // would run before it, a tie on the time going to the smaller insertion number.
        var queue = EventQueue()
        let empty = queue.hasEvent(preceding: .max, picosecondInCycle: 0, order: .max)
        let taken = queue.reserveOrder()                                  // 0
        queue.schedule(.timer(device: 1, tag: 9), at: 20, picosecondInCycle: 3)   // order 1
        let answers = [queue.hasEvent(preceding: 19, picosecondInCycle: 999, order: 5),
                       queue.hasEvent(preceding: 20, picosecondInCycle: 2, order: 5),
                       queue.hasEvent(preceding: 20, picosecondInCycle: 3, order: taken),
                       queue.hasEvent(preceding: 20, picosecondInCycle: 3, order: 2),
                       queue.hasEvent(preceding: 20, picosecondInCycle: 4, order: taken),
                       queue.hasEvent(preceding: 21, picosecondInCycle: 0, order: taken)]
        #expect(!empty && answers == [false, false, false, true, true, true])
        let byTime = [queue.hasEvent(dueAtOrBefore: 20, picosecondInCycle: 2),
                      queue.hasEvent(dueAtOrBefore: 20, picosecondInCycle: 3)]
        #expect(byTime == [false, true])
    }

    @Test func tiesAcrossTheNearListAndTheHeapKeepTheSchedulingOrder() {
        // Every event on one cycle and picosecond: the near list fills, hands its latest to the
        // heap, and each later event must still run after it.
        var queue = EventQueue(capacity: 1)
        let total = 3 * EventQueue.nearCapacity + 5
        for tag in 0..<Int64(total) { queue.schedule(.timer(device: 0, tag: tag), at: 100, picosecondInCycle: 500) }
        let count = queue.count
        #expect(count == total)
        var tags: [Int64] = []
        while let event = queue.popDue(atOrBefore: 100) {
            if case let .timer(_, tag) = event.event { tags.append(tag) }
        }
        #expect(tags == Array(0..<Int64(total)))

        // Again, now with an event on an earlier cycle and one on an earlier picosecond of the
        // same cycle scheduled last: they run first, then the ties in scheduling order.
        for tag in 0..<Int64(total) { queue.schedule(.timer(device: 0, tag: tag), at: 200, picosecondInCycle: 500) }
        queue.schedule(.timer(device: 0, tag: -1), at: 199)
        queue.schedule(.timer(device: 0, tag: -2), at: 200, picosecondInCycle: 499)
        let earlyEvent = queue.popDue(atOrBefore: 198)
        #expect(earlyEvent == nil)
        tags = []
        while let event = queue.popDue(atOrBefore: 200) {
            if case let .timer(_, tag) = event.event { tags.append(tag) }
        }
        #expect(tags == [-1, -2] + Array(0..<Int64(total)))
    }

    @Test func anEventRunsAfterThoseAlreadyDueOnItsCycle() {
        var queue = EventQueue()
        queue.schedule(.drive(line: 3, value: 1), at: 20)
        queue.schedule(.timer(device: 1, tag: 9), at: 20, picosecondInCycle: 1)
        queue.schedule(.stamp(line: 3, value: 1), at: 20)
        let dueAt20 = queue.hasEvent(dueAtOrBefore: 20), dueAt19 = queue.hasEvent(dueAtOrBefore: 19)
        #expect(dueAt20 && !dueAt19)
        var events: [SimulationEvent] = []
        while let event = queue.popDue(atOrBefore: 20) {
            #expect(event.cycle == 20)
            events.append(event.event)
        }
        // Picosecond 0 (drives, stamps) before picosecond 1, each in scheduling order.
        #expect(events == [.drive(line: 3, value: 1), .stamp(line: 3, value: 1), .timer(device: 1, tag: 9)])
        let anyLeft = queue.hasEvent(dueAtOrBefore: .max)
        #expect(!anyLeft)
    }
    @Test func anEventIsDueByTheStartOfACycleOnlyBeforeItsPhysicsEvents() {
        // What a drive scheduled for the start of a cycle would wait for: an event on an earlier
        // cycle, or one at picosecond 0 of that cycle; a physics event later in it runs after.
        var queue = EventQueue()
        let dueWhenEmpty = queue.hasEvent(dueAtOrBeforeStartOf: .max)
        queue.schedule(.timer(device: 1, tag: 9), at: 20, picosecondInCycle: 3)
        let physicsOnly = [19, 20, 21].map { queue.hasEvent(dueAtOrBeforeStartOf: $0) }
        queue.schedule(.drive(line: 3, value: 1), at: 20)
        let withADrive = [19, 20].map { queue.hasEvent(dueAtOrBeforeStartOf: $0) }
        #expect(!dueWhenEmpty && physicsOnly == [false, false, true] && withADrive == [false, true])

        // The same answers from the far heap's root, once the near list has run empty: events
        // on cycles 1…(capacity + 1) at picosecond 5, the last two handed to the heap.
        var crowded = EventQueue()
        for cycle in 1...Int64(EventQueue.nearCapacity + 1) {
            crowded.schedule(.timer(device: 0, tag: cycle), at: cycle, picosecondInCycle: 5)
        }
        let lastNear = Int64(EventQueue.nearCapacity - 1)
        while crowded.popDue(atOrBefore: lastNear) != nil {}
        let heapOnly = crowded.nearCount == 0 && crowded.heapCount == 2
        let fromTheHeap = [lastNear + 1, lastNear + 2].map { crowded.hasEvent(dueAtOrBeforeStartOf: $0) }
        #expect(heapOnly && fromTheHeap == [false, true])
    }
}
