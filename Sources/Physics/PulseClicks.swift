/// The clicks of one trigger period on all four detectors, in time order, in fixed inline
/// storage (no allocation per pulse); clicks beyond the capacity are counted, never silently lost.
public struct PulseClicks: RandomAccessCollection, Sendable {
    /// The most clicks one period can hold.
    public static let capacity = 64

    var storage: InlineArray<64, DetectorClick>
    /// How many clicks are held.
    @inlinable public var count: Int { heldCount }
    /// The storage of ``count``: a stored property the inlinable ``removeAll()`` can write (a
    /// `private(set)` setter cannot be reached from inlinable code).
    @usableFromInline var heldCount: Int
    /// Clicks that did not fit, since this buffer was made (a run should report it; 0 is normal).
    public private(set) var overflowCount: Int

    /// An empty buffer.
    public init() {
        storage = InlineArray(repeating: DetectorClick(channel: .aPlus, timePicoseconds: 0, cause: .photon))
        heldCount = 0
        overflowCount = 0
    }

    /// The first index, 0.
    public var startIndex: Int { 0 }
    /// One past the last click.
    public var endIndex: Int { count }

    /// The click at `index` (0 is the earliest once ``sortByTime()`` ran).
    public subscript(index: Int) -> DetectorClick { storage[index] }

    /// Forgets the clicks, keeping the storage and the overflow count.
    @inlinable public mutating func removeAll() { heldCount = 0 }

    /// Adds `click` at the end, or counts it as overflow when full.
    mutating func append(_ click: DetectorClick) {
        guard count < Self.capacity else {
            overflowCount += 1
            return
        }
        storage[count] = click
        heldCount += 1
    }

    /// Puts the clicks in time order (insertion sort: the lists are short and nearly sorted).
    @inline(__always)
    mutating func sortByTime() {
        guard count > 1 else { return }
        for index in 1..<count {
            let click = storage[index]
            var position = index
            while position > 0 && storage[position - 1].timePicoseconds > click.timePicoseconds {
                storage[position] = storage[position - 1]
                position -= 1
            }
            storage[position] = click
        }
    }
}
