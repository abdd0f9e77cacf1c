/// What the simulated board does when a scheduled event comes due.
public enum SimulationEvent: Sendable, Equatable {
    /// A line takes a logical value (a firmware write landing, or a device driving its output).
    case drive(line: Int, value: LineValueRaw)
    /// A device's timer: the device at `device` is called with `tag`.
    case timer(device: Int, tag: Int64)
    /// An input edge reaches the kernel's timestamping (after the profile's interrupt latency).
    case stamp(line: Int, value: LineValueRaw)
}

/// A line value as stored in events (0 inactive, 1 active); kept as a byte so an event is small.
public typealias LineValueRaw = UInt8

/// A scheduled event: due at a board cycle, ordered by (cycle, picosecond within the cycle, order
/// of scheduling).
public struct ScheduledEvent: Sendable, Equatable {
    /// The board cycle at which the event happens.
    public var cycle: Int64
    /// For physics events on the picosecond timeline (a photon, a dark count), where in the
    /// cycle ending at `cycle` they happen, 1…period; 0 for every other event, which therefore
    /// runs first. Keeps a device's own events in time order inside one board cycle.
    public var picosecondInCycle: Int64
    /// Insertion number: events due on the same cycle (and picosecond) run in the order they were scheduled.
    public var order: UInt64
    /// What happens.
    public var event: SimulationEvent

    @inline(__always)
    static func precedes(_ a: ScheduledEvent, _ b: ScheduledEvent) -> Bool {
        if a.cycle != b.cycle { return a.cycle < b.cycle }
        if a.picosecondInCycle != b.picosecondInCycle { return a.picosecondInCycle < b.picosecondInCycle }
        return a.order < b.order
    }
}

/// A binary min-heap of scheduled events, ordered by (cycle, picosecond, insertion order).
///
/// The order is total, so the simulation is deterministic. The heap lives in storage the queue
/// owns outright (it is not copyable), so scheduling an event does not ask an array whether its
/// buffer is shared first, as an `Array` stored in the board would on every mutation. The
/// storage doubles when full and is reused afterwards: no allocation in steady state.
struct EventQueue: ~Copyable {
    /// Slots `0 ..< count` hold the heap; the rest are uninitialized. `ScheduledEvent` is a
    /// trivial type, so slots need no deinitialization.
    private var heap: UnsafeMutablePointer<ScheduledEvent>
    private var capacity: Int
    private(set) var count = 0
    private var nextOrder: UInt64 = 0

    init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
        heap = .allocate(capacity: self.capacity)
    }

    deinit { heap.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The cycle of the earliest pending event.
    var nextCycle: Int64? { count > 0 ? heap[0].cycle : nil }

    mutating func schedule(_ event: SimulationEvent, at cycle: Int64, picosecondInCycle: Int64 = 0) {
        if count == capacity { grow() }
        let item = ScheduledEvent(cycle: cycle, picosecondInCycle: picosecondInCycle, order: nextOrder, event: event)
        nextOrder &+= 1
        // Sift up: move parents down until `item`'s place is found.
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard ScheduledEvent.precedes(item, heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        (heap + child).initialize(to: item)
    }

    /// Removes and returns the earliest event if it is due at or before `cycle`.
    mutating func popDue(atOrBefore cycle: Int64) -> ScheduledEvent? {
        guard count > 0, heap[0].cycle <= cycle else { return nil }
        let first = heap[0]
        count -= 1
        if count > 0 { siftDown(heap[count]) }
        return first
    }

    /// Puts `item` in the hole at the root and moves it down to its place.
    private mutating func siftDown(_ item: ScheduledEvent) {
        var parent = 0
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count, ScheduledEvent.precedes(heap[child + 1], heap[child]) { child += 1 }
            guard ScheduledEvent.precedes(heap[child], item) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = item
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<ScheduledEvent>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: heap, count: count)
        heap.deallocate()
        heap = bigger
        capacity *= 2
    }
}
