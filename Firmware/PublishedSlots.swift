import Synchronization

/// A fixed set of 64-bit figures that one thread writes and any thread reads, without locks and
/// without allocating after it is made: a sequence lock (Boehm, "Can seqlocks get along with
/// programming language memory models?", MSPC 2012, fig. 6). The writer never waits; a reader
/// that catches a write half done tries again on its own time.
///
/// The real-time loop (or the consumer draining its clicks) writes; a service reads.
public final class PublishedSlots: @unchecked Sendable {
    /// The number of figures.
    public let count: Int
    private let sequence = Atomic<UInt64>(0)
    private let slots: UnsafeMutablePointer<Atomic<UInt64>>

    /// `count` figures, all zero.
    public init(count: Int) {
        precondition(count >= 0, "a negative number of published slots")
        self.count = count
        slots = .allocate(capacity: max(1, count))
        for index in 0..<count { (slots + index).initialize(to: Atomic(0)) }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// Writer only: starts an update (readers retry until `endWriting`).
    @inline(__always)
    public func beginWriting() {
        let current = sequence.load(ordering: .relaxed)
        sequence.store(current &+ 1, ordering: .relaxed)
        atomicMemoryFence(ordering: .releasing)
    }

    /// Writer only, between `beginWriting` and `endWriting`: sets figure `index`.
    @inline(__always)
    public func write(_ value: UInt64, at index: Int) {
        slots[index].store(value, ordering: .relaxed)
    }

    /// Writer only, between `beginWriting` and `endWriting`: sets figure `index` to a count.
    @inline(__always)
    public func write(_ value: Int, at index: Int) {
        slots[index].store(UInt64(bitPattern: Int64(value)), ordering: .relaxed)
    }

    /// Writer only: ends an update.
    @inline(__always)
    public func endWriting() {
        let current = sequence.load(ordering: .relaxed)
        sequence.store(current &+ 1, ordering: .releasing)
    }

    /// Updates written so far (an even number between updates).
    public var updates: UInt64 { sequence.load(ordering: .acquiring) / 2 }

    /// A consistent copy of every figure, or nil when the writer kept writing through `attempts`
    /// tries (it updates far less often than that in practice).
    public func read(attempts: Int = 10_000) -> [UInt64]? {
        var copy = [UInt64](repeating: 0, count: count)
        for _ in 0..<attempts {
            let before = sequence.load(ordering: .acquiring)
            if before & 1 == 1 { continue }
            for index in 0..<count { copy[index] = slots[index].load(ordering: .relaxed) }
            atomicMemoryFence(ordering: .acquiring)
            if sequence.load(ordering: .relaxed) == before { return copy }
        }
        return nil
    }
}
