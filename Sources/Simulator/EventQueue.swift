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

/// A binary min-heap of scheduled events, ordered by (cycle, insertion order).
///
/// The order is total, so the simulation is deterministic; its storage grows to the largest
/// number of pending events once and is reused afterwards (no allocation in steady state).
struct EventQueue {
    private var heap: [ScheduledEvent] = []
    private var nextOrder: UInt64 = 0

    init(capacity: Int = 256) { heap.reserveCapacity(capacity) }

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    /// The cycle of the earliest pending event.
    var nextCycle: Int64? { heap.first?.cycle }

    mutating func schedule(_ event: SimulationEvent, at cycle: Int64, picosecondInCycle: Int64 = 0) {
        heap.append(ScheduledEvent(cycle: cycle, picosecondInCycle: picosecondInCycle, order: nextOrder, event: event))
        nextOrder &+= 1
        siftUp(heap.count - 1)
    }

    /// Removes and returns the earliest event if it is due at or before `cycle`.
    mutating func popDue(atOrBefore cycle: Int64) -> ScheduledEvent? {
        guard let first = heap.first, first.cycle <= cycle else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        let item = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard ScheduledEvent.precedes(item, heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = item
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let item = heap[parent]
        let count = heap.count
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
}
