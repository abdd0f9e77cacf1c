/// The photons one laser pulse delivers to the detector inputs, in time order, in fixed inline
/// storage (no allocation per pulse).
///
/// A pulse gives at most four: the XX and X photons of the pair, and one extra photon per arm
/// when the dot re-excites.
public struct PulsePhotons: RandomAccessCollection, Sendable {
    /// The most photons one pulse can deliver.
    public static let capacity = 4

    @usableFromInline var storage: InlineArray<4, PhotonArrival>
    /// How many photons arrived.
    @inlinable public var count: Int { heldCount }
    /// The storage of ``count``: a stored property the inlinable ``removeAll()`` can write (a
    /// `private(set)` setter cannot be reached from inlinable code).
    @usableFromInline var heldCount: Int

    /// No photons.
    public init() {
        storage = InlineArray(repeating: PhotonArrival(channel: .aPlus, timePicoseconds: 0))
        heldCount = 0
    }

    /// The first index, 0.
    public var startIndex: Int { 0 }
    /// One past the last photon.
    public var endIndex: Int { count }

    /// The photon at `index` (0 is the earliest). Inlinable: a call from the simulator copied the
    /// whole storage to pass it.
    @inlinable public subscript(index: Int) -> PhotonArrival { storage[index] }

    /// Forgets every photon, keeping the storage.
    @inlinable public mutating func removeAll() { heldCount = 0 }

    /// Replaces the photons, if none are held yet, with arm A's photon `photonA` when `keepingA`
    /// and arm B's `photonB` when `keepingB`, in time order (B after A on equal times): what
    /// ``insertInTimeOrder(_:)`` of A, then of B, gives, with one data-dependent branch instead
    /// of three.
    @inline(__always)
    mutating func setFirstPair(_ photonA: PhotonArrival, keepingA: Bool, _ photonB: PhotonArrival, keepingB: Bool) {
        precondition(count == 0, "setFirstPair on photons already held")
        storage[0] = keepingA ? photonA : photonB
        storage[1] = photonB
        heldCount = (keepingA ? 1 : 0) + (keepingB ? 1 : 0)
        if keepingA && keepingB && photonB.timePicoseconds < photonA.timePicoseconds {
            storage[0] = photonB
            storage[1] = photonA
        }
    }

    /// Holds the same photons as `other`, copied field by field: a copy of the whole buffer
    /// just after the emission wrote it photon by photon reads it in wider pieces than were
    /// written, and each such read waits for the writes to reach the cache (a store-forwarding
    /// stall, about a tenth of a pulse's time).
    @inline(__always)
    mutating func copyPhotons(of other: PulsePhotons) {
        heldCount = other.count
        for index in 0..<other.count {
            storage[index] = PhotonArrival(channel: other.storage[index].channel,
                                           timePicoseconds: other.storage[index].timePicoseconds)
        }
    }

    /// Adds `photon`, keeping time order (insertion into at most four entries).
    mutating func insertInTimeOrder(_ photon: PhotonArrival) {
        var position = count
        while position > 0 && storage[position - 1].timePicoseconds > photon.timePicoseconds {
            storage[position] = storage[position - 1]
            position -= 1
        }
        storage[position] = photon
        heldCount += 1
    }
}
