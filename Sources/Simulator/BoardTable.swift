/// A growable table of the board's per-line and per-request state that the event loop mutates
/// in place without copy-on-write checks.
///
/// An `Array` stored in the board asks the runtime whether its buffer is shared on every
/// mutation (`swift_isUniquelyReferenced`), several times per simulated cycle. This table is a
/// class that owns its elements outright, so it is never shared and needs no such check: its
/// subscript hands out the element's address in storage the table allocated, valid until the
/// next `append` (which may move the elements). The board only appends while it is being built
/// and never holds an element's address across an `append`.
@usableFromInline final class BoardTable<Element>: RandomAccessCollection {
    @usableFromInline private(set) var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// The number of elements.
    @usableFromInline private(set) var count = 0

    /// An empty table with room for `capacity` elements before it grows.
    init(capacity: Int = 16) {
        self.capacity = Swift.max(1, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inlinable var startIndex: Int { 0 }
    @inlinable var endIndex: Int { count }

    /// The element at `index`, read and written in place.
    @inlinable subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(index >= 0 && index < count, "board table index \(index) out of range 0..<\(count)")
            return UnsafePointer(storage + index)
        }
        unsafeMutableAddress {
            precondition(index >= 0 && index < count, "board table index \(index) out of range 0..<\(count)")
            return storage + index
        }
    }

    /// The address of element `index`, for several reads and writes after one bounds check;
    /// valid until the next `append`.
    @inlinable @inline(__always)
    func address(of index: Int) -> UnsafeMutablePointer<Element> {
        precondition(index >= 0 && index < count, "board table index \(index) out of range 0..<\(count)")
        return storage + index
    }

    /// The address of element `index` without a bounds check, for an index checked when it was
    /// handed out, in a table that is never emptied (the lines: an output line's index, checked
    /// when the firmware requested it), so that an index once below `count` stays valid. Valid
    /// until the next `append`.
    @inlinable @inline(__always)
    func uncheckedAddress(of index: Int) -> UnsafeMutablePointer<Element> {
        storage + index
    }

    /// Removes every element, keeping the storage (the board's watcher calls, rebuilt when a
    /// device attaches, while the board is being built).
    func removeAll() {
        storage.deinitialize(count: count)
        count = 0
    }

    /// Adds `element` at the end, doubling the storage when it is full.
    func append(_ element: Element) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        (storage + count).initialize(to: element)
        count += 1
    }
}
