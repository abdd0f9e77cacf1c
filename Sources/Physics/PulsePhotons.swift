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
    public private(set) var count: Int

    /// No photons.
    public init() {
        storage = InlineArray(repeating: PhotonArrival(channel: .aPlus, timePicoseconds: 0))
        count = 0
    }

    /// The first index, 0.
    public var startIndex: Int { 0 }
    /// One past the last photon.
    public var endIndex: Int { count }

    /// The photon at `index` (0 is the earliest).
    public subscript(index: Int) -> PhotonArrival { storage[index] }

    /// Forgets every photon, keeping the storage.
    public mutating func removeAll() { count = 0 }

    /// Adds `photon`, keeping time order (insertion into at most four entries).
    mutating func insertInTimeOrder(_ photon: PhotonArrival) {
        var position = count
        while position > 0 && storage[position - 1].timePicoseconds > photon.timePicoseconds {
            storage[position] = storage[position - 1]
            position -= 1
        }
        storage[position] = photon
        count += 1
    }
}
