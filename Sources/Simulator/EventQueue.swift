/// The board's pending events, taken out in the total order (cycle, picosecond within the cycle,
/// order of scheduling), so the simulation is deterministic.
///
/// Two parts share that order:
/// - the *near* list: up to `nearCapacity` events sorted latest first, so the earliest event is
///   the last one and is taken out without moving anything. A newly scheduled event comes after
///   every event already pending with the same (cycle, picosecond), so it finds its place by
///   walking back from the end past the events due no later than it; the board's events are
///   mostly scheduled a few cycles ahead and then run, so that walk is short, and the few timers
///   set far ahead (the detectors' dark counts) stay at the front untouched.
/// - the *far* heap: a binary min-heap for whatever does not fit in the near list. Every far
///   event comes after every near event: an event goes to the heap when it is due no earlier than
///   the heap's earliest, and when the near list is full its latest event moves to the heap.
///   In the shipped experiments the heap stays empty; it keeps a crowded queue at O(log n).
///
/// Both parts live in storage the queue owns outright (it is not copyable), so scheduling does
/// not ask an array whether its buffer is shared first, as an `Array` stored in the board would
/// on every mutation. The heap doubles when full and is reused afterwards: no allocation in
/// steady state. The allocations are freed by an ``EventQueueSlots`` object that goes with the
/// queue, not by a deinit of the queue's own: a noncopyable type with a deinit cannot be read
/// from code inlined into another module (the board's sleep and edge read ask it what is due).
@usableFromInline struct EventQueue: ~Copyable {
    /// How many events the near list holds before it hands its latest to the heap.
    static let nearCapacity = 32

    /// Slots `0 ..< nearCount`: the near list, latest first. Every slot of both parts is
    /// initialized when allocated (`ScheduledEvent` is a trivial type: nothing to deinitialize),
    /// so events are simply assigned.
    private let near: UnsafeMutablePointer<ScheduledEvent>
    /// Frees `near` and the current `heap` when the queue goes.
    private let slots: EventQueueSlots
    @usableFromInline private(set) var nearCount = 0
    /// Slots `0 ..< heapCount`: the far heap.
    private var heap: UnsafeMutablePointer<ScheduledEvent>
    private var heapCapacity: Int
    @usableFromInline private(set) var heapCount = 0
    private var nextOrder: UInt64 = 0
    /// The cycle of the earliest pending event, `Int64.max` when there is none: the board asks
    /// whether anything is due on every HAL call, and this answers with one comparison.
    @usableFromInline private(set) var earliestCycle = Int64.max

    /// An empty queue whose far heap starts with room for `capacity` events.
    init(capacity: Int = 64) {
        near = .allocate(capacity: Self.nearCapacity)
        near.initialize(repeating: Self.emptySlot, count: Self.nearCapacity)
        heapCapacity = max(1, capacity)
        heap = .allocate(capacity: heapCapacity)
        heap.initialize(repeating: Self.emptySlot, count: heapCapacity)
        slots = EventQueueSlots(near: near, heap: heap)
    }

    /// What an unused slot holds.
    private static let emptySlot = ScheduledEvent(cycle: 0, picosecondInCycle: 0, order: 0,
                                                  event: .timer(device: 0, tag: 0))

    /// The number of pending events.
    var count: Int { nearCount + heapCount }

    /// Whether no event is pending.
    @inlinable var isEmpty: Bool { nearCount == 0 && heapCount == 0 }

    /// The cycle of the earliest pending event.
    var nextCycle: Int64? { isEmpty ? nil : earliestCycle }

    /// Whether an event is due at or before `cycle`.
    @inlinable @inline(__always)
    func hasEvent(dueAtOrBefore cycle: Int64) -> Bool {
        earliestCycle <= cycle && !isEmpty
    }

    /// Whether an event is due before the start of `cycle` or at it, ahead of its physics events
    /// (picosecond 0): whether an event scheduled now for the start of `cycle` would have to wait
    /// for another. (The earliest event, by the total order, is the near list's last or, with the
    /// near list empty, the heap's root.)
    @inline(__always)
    func hasEvent(dueAtOrBeforeStartOf cycle: Int64) -> Bool {
        hasEvent(dueAtOrBefore: cycle, picosecondInCycle: 0)
    }

    /// Whether an event is due before picosecond `picosecondInCycle` of `cycle` or at it: whether
    /// an event scheduled now for that time would have to wait for another (a tie goes to the
    /// event scheduled first).
    @inline(__always)
    func hasEvent(dueAtOrBefore cycle: Int64, picosecondInCycle: Int64) -> Bool {
        hasEvent(preceding: cycle, picosecondInCycle: picosecondInCycle, order: nextOrder)
    }

    /// The insertion number an event scheduled now would get: above every pending event's.
    @inline(__always)
    var orderOfNextEvent: UInt64 { nextOrder }

    /// Adds `event`, due at `cycle` (and `picosecondInCycle` within it); it runs after every
    /// event already pending for the same cycle and picosecond.
    @inline(__always)
    mutating func schedule(_ event: SimulationEvent, at cycle: Int64, picosecondInCycle: Int64 = 0) {
        let item = ScheduledEvent(cycle: cycle, picosecondInCycle: picosecondInCycle, order: nextOrder, event: event)
        nextOrder &+= 1
        // Scheduled after every pending event, `item` runs before one exactly when it is due
        // strictly before it (a tie goes to the earlier one): the cheaper comparison.
        insert(item, runsBefore: ScheduledEvent.dueBefore)
    }

    /// Puts `item` in its place: in the near list, or in the far heap when the heap's root runs
    /// before it. `runsBefore(item, other)` tells whether `item` runs before a pending `other`.
    @inline(__always)
    private mutating func insert(_ item: ScheduledEvent, runsBefore: (ScheduledEvent, ScheduledEvent) -> Bool) {
        if item.cycle < earliestCycle { earliestCycle = item.cycle }
        // A full near list first hands its latest event to the heap, so that the test below
        // sees every event `item` must follow once it is in the near list.
        if nearCount == Self.nearCapacity { moveLatestNearToHeap() }
        if heapCount > 0, !runsBefore(item, heap[0]) {
            pushFar(item)
            return
        }
        // Walk back from the earliest past the events that run before `item`, moving each one
        // slot up.
        var slot = nearCount
        while slot > 0, !runsBefore(item, near[slot - 1]) {
            near[slot] = near[slot - 1]
            slot -= 1
        }
        near[slot] = item
        nearCount += 1
    }

    /// Takes the next insertion number for an event to be scheduled later with it
    /// (``schedule(_:at:picosecondInCycle:order:)``): the event keeps the place among the events
    /// due at the same time that it would have had if scheduled now.
    @inline(__always)
    mutating func reserveOrder() -> UInt64 {
        defer { nextOrder &+= 1 }
        return nextOrder
    }

    /// Whether a pending event runs before an event due at `cycle` (and `picosecondInCycle`)
    /// with insertion number `order`, by the total order.
    @inline(__always)
    func hasEvent(preceding cycle: Int64, picosecondInCycle: Int64, order: UInt64) -> Bool {
        guard earliestCycle <= cycle, !isEmpty else { return false }
        let other = ScheduledEvent(cycle: cycle, picosecondInCycle: picosecondInCycle, order: order, event: Self.emptySlot.event)
        return ScheduledEvent.precedes(nearCount > 0 ? near[nearCount - 1] : heap[0], other)
    }

    /// Adds `event`, due at `cycle` (and `picosecondInCycle` within it), with the insertion number
    /// `order` taken earlier (``reserveOrder()``): among the events due at the same time it runs
    /// after those with smaller numbers and before those with larger ones, wherever they are.
    mutating func schedule(_ event: SimulationEvent, at cycle: Int64, picosecondInCycle: Int64 = 0, order: UInt64) {
        // By the whole order: an event scheduled after this number was taken may be due at the
        // same time and still come after it.
        insert(ScheduledEvent(cycle: cycle, picosecondInCycle: picosecondInCycle, order: order, event: event),
               runsBefore: ScheduledEvent.precedes)
    }

    /// Removes and returns the earliest event. The queue must not be empty (ask
    /// `hasEvent(dueAtOrBefore:)` first).
    @inline(__always)
    mutating func removeEarliest() -> ScheduledEvent {
        if nearCount > 0 {
            nearCount -= 1
            earliestCycle = nearCount > 0 ? near[nearCount - 1].cycle : heapCount > 0 ? heap[0].cycle : .max
            return near[nearCount]
        }
        let first = heap[0]
        heapCount -= 1
        if heapCount > 0 { siftDown(heap[heapCount]) }
        earliestCycle = heapCount > 0 ? heap[0].cycle : .max
        return first
    }

    /// Removes and returns the earliest event if it is due at or before `cycle`.
    mutating func popDue(atOrBefore cycle: Int64) -> ScheduledEvent? {
        hasEvent(dueAtOrBefore: cycle) ? removeEarliest() : nil
    }

    /// The near list is full: its latest event, which precedes every far event, joins the heap.
    private mutating func moveLatestNearToHeap() {
        pushFar(near[0])
        near.update(from: near + 1, count: nearCount - 1)   // overlapping: copied front to back
        nearCount -= 1
    }

    private mutating func pushFar(_ item: ScheduledEvent) {
        if heapCount == heapCapacity { growHeap() }
        // Sift up: move parents down until `item`'s place is found.
        var child = heapCount
        heapCount += 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard ScheduledEvent.precedes(item, heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = item
    }

    /// Puts `item` in the hole at the root and moves it down to its place.
    private mutating func siftDown(_ item: ScheduledEvent) {
        var parent = 0
        while true {
            var child = 2 * parent + 1
            guard child < heapCount else { break }
            if child + 1 < heapCount, ScheduledEvent.precedes(heap[child + 1], heap[child]) { child += 1 }
            guard ScheduledEvent.precedes(heap[child], item) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = item
    }

    private mutating func growHeap() {
        let bigger = UnsafeMutablePointer<ScheduledEvent>.allocate(capacity: heapCapacity * 2)
        bigger.moveInitialize(from: heap, count: heapCount)
        (bigger + heapCount).initialize(repeating: Self.emptySlot, count: heapCapacity * 2 - heapCount)
        heap.deallocate()
        heap = bigger
        slots.heap = bigger
        heapCapacity *= 2
    }
}

/// The allocations of an ``EventQueue``, freed when the queue (their only owner) goes.
final class EventQueueSlots {
    let near: UnsafeMutablePointer<ScheduledEvent>
    /// The heap's current allocation (the queue replaces it when the heap grows).
    var heap: UnsafeMutablePointer<ScheduledEvent>

    init(near: UnsafeMutablePointer<ScheduledEvent>, heap: UnsafeMutablePointer<ScheduledEvent>) {
        self.near = near
        self.heap = heap
    }

    deinit {
        near.deallocate()
        heap.deallocate()
    }
}
