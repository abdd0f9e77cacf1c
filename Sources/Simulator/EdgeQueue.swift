public import HAL

/// The edge buffer of one simulated input request: a fixed ring, like the kernel's kfifo.
///
/// Linux keeps 16 events per requested line by default and, when full, drops the oldest event
/// (the sequence numbers then show the gap). The simulated board does the same and also counts
/// what it dropped, so an overflow is never silent.
///
/// The queue lives in place in the board's table and is never copied (a copy would share the
/// slots).
@usableFromInline struct EdgeQueue {
    /// The slots, preallocated (a table, not an array: no copy-on-write check per event).
    @usableFromInline let ring: BoardTable<EdgeEvent>
    @usableFromInline private(set) var head = 0
    @usableFromInline private(set) var count = 0
    /// Events dropped because the ring was full.
    @usableFromInline private(set) var dropped = 0

    init(capacity: Int) {
        ring = BoardTable(capacity: max(1, capacity))
        for _ in 0..<max(1, capacity) { ring.append(EdgeEvent(kind: .rising, timestamp: .zero, line: 0, lineSequence: 0)) }
    }

    var capacity: Int { ring.count }

    /// Adds `event`, dropping the oldest when full. (Inlined into the board's one caller, which
    /// runs for every stamped edge.)
    ///
    /// Written for that caller: `head` and `count` stay below the ring's size after a drop, so
    /// the slot written is inside the ring (no bounds check), and the arithmetic wraps (no
    /// overflow tests: the positions stay below twice the size, and no run drops 2⁶³ edges).
    @inline(__always)
    mutating func push(_ event: EdgeEvent) {
        if count == ring.count {
            head = wrapped(head &+ 1)
            count &-= 1
            dropped &+= 1
        }
        ring.uncheckedAddress(of: wrapped(head &+ count)).pointee = event
        count &+= 1
    }

    /// Moves up to `buffer.count` events, oldest first, into `buffer`. (Inlined into the edge
    /// read: most reads — every trigger cycle's — find the queue empty and return at once.)
    @inlinable @inline(__always)
    mutating func pop(into buffer: UnsafeMutableBufferPointer<EdgeEvent>) -> Int {
        guard count > 0 else { return 0 }
        let n = min(count, buffer.count)
        for i in 0..<n {
            buffer[i] = ring[wrapped(head + i)]
        }
        head = wrapped(head + n)
        count -= n
        return n
    }

    /// `position` folded into the ring, for positions below twice its size (no division: this
    /// runs for every edge).
    @inlinable @inline(__always)
    func wrapped(_ position: Int) -> Int {
        position >= ring.count ? position - ring.count : position
    }
}
