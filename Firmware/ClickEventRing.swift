public import Synchronization

/// A bounded single-producer/single-consumer queue of click events from the cycle loop to the
/// analysis: the loop pushes, one consumer pops, without locks or allocation after `init`.
///
/// A push into a full ring does not block and does not overwrite: the event is dropped and
/// counted in `droppedEvents`, which every report carries, so a lost click is never silent.
/// The producer publishes `tail` with release ordering after writing the slot, the consumer
/// publishes `head` after reading it (the classic Lamport queue). The positions only grow and would
/// take centuries of clicks to reach 2⁶³, so their arithmetic wraps rather than testing for overflow
/// on every push and pop.
public final class ClickEventRing: @unchecked Sendable {
    // Usable from inline code, so `drain` inlines into its consumer in another module (the live
    // pipeline), and the consumer's per-event body with it: a call of the body per click was
    // about a tenth of the recording's cost.
    @usableFromInline let storage: UnsafeMutableBufferPointer<ClickEvent>
    @usableFromInline let mask: Int
    @usableFromInline let head = Atomic<Int>(0)
    @usableFromInline let tail = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)

    /// A ring holding `capacity` events, rounded up to a power of two (at least 2).
    public init(capacity: Int) {
        var size = 2
        while size < capacity { size <<= 1 }
        storage = .allocate(capacity: size)
        mask = size - 1
    }

    deinit { storage.deallocate() }

    /// How many events the ring holds at most.
    public var capacity: Int { mask + 1 }

    /// Events pushed into a full ring and so lost, since the ring was made.
    public var droppedEvents: Int { dropped.load(ordering: .relaxed) }

    /// Events waiting for the consumer.
    public var count: Int { tail.load(ordering: .acquiring) - head.load(ordering: .acquiring) }

    /// Producer side: appends `event`, or counts it dropped when the ring is full.
    /// - Returns: whether the event was queued.
    @discardableResult
    public func push(_ event: ClickEvent) -> Bool {
        let t = tail.load(ordering: .relaxed)
        if t &- head.load(ordering: .acquiring) > mask {
            dropped.add(1, ordering: .relaxed)
            return false
        }
        (storage.baseAddress! + (t & mask)).initialize(to: event)
        tail.store(t &+ 1, ordering: .releasing)
        return true
    }

    /// Consumer side: hands every waiting event, oldest first, to `body`; returns how many.
    @inlinable @discardableResult
    public func drain(_ body: (ClickEvent) throws -> Void) rethrows -> Int {
        let h = head.load(ordering: .relaxed)
        let t = tail.load(ordering: .acquiring)
        var index = h
        defer { head.store(index, ordering: .releasing) }
        // Read once, not per event: `body` is opaque here, so the compiler reloaded both (and
        // tested the address for nil) on every event.
        let slots = storage.baseAddress!, mask = self.mask
        while index < t {
            let event = (slots + (index & mask)).move()
            index &+= 1
            try body(event)
        }
        return t - h
    }
}
