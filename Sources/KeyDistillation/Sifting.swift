/// The two analyzer bases of BBM92 (Bennett, Brassard and Mermin, PRL 68, 557 (1992)): each
/// party measures every photon in one of them, chosen at random.
public enum KeyBasis: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// H/V: bit 0 = H, 1 = V.
    case rectilinear = 0
    /// D/A (±45°): bit 0 = D, 1 = A.
    case diagonal = 1

    /// The basis as the lab writes it: "H/V" or "D/A".
    public var description: String { self == .rectilinear ? "H/V" : "D/A" }
}

/// One party's detection: the cycle (or aligned time-bin) index it belongs to, the basis the
/// analyzer was in, and the bit the detector gave.
public struct KeyDetection: Hashable, Sendable {
    /// The aligned detection index both nodes agree on (after cycle alignment).
    public var index: UInt64
    /// The analyzer basis of this detection.
    public var basis: KeyBasis
    /// The measured bit.
    public var bit: Bool

    /// A detection.
    public init(index: UInt64, basis: KeyBasis, bit: Bool) {
        self.index = index
        self.basis = basis
        self.bit = bit
    }
}

/// What sifting kept of one party's detections.
public struct SiftedKey: Hashable, Sendable {
    /// The party's bits where both detected and both bases matched, in index order.
    public var bits: BitString
    /// The detection indices of those bits.
    public var indices: [UInt64]
    /// This party's detections before sifting (the raw count).
    public var rawDetections: Int
    /// The number of sifted bits (`bits.count`).
    public var siftedBits: Int { bits.count }
}

/// Sifting: each party announces (index, basis) of its detections, never the bits; each keeps
/// the bits where the other party detected the same index in the same basis. Both sides get the
/// same index list, so their sifted keys line up bit for bit.
public enum Sifting {
    /// This party's announcement. Throws when the indices are not strictly increasing (a
    /// detection list must be in index order, one detection per index) or there are more than
    /// ``BasisAnnouncement/maximumDetections`` (a block that large goes in several).
    public static func announcement(of detections: [KeyDetection]) throws(KeyDistillationError) -> BasisAnnouncement {
        guard detections.count <= BasisAnnouncement.maximumDetections else {
            throw .invalidParameter(name: "detections in one block", value: "\(detections.count)", expected: "≤ \(BasisAnnouncement.maximumDetections)")
        }
        try checkOrder(detections.map(\.index), "own detections")
        return BasisAnnouncement(indices: detections.map(\.index), bases: BitString(bits: detections.map { $0.basis == .diagonal }))
    }

    /// The bits of `own` whose index the peer also detected, in the same basis.
    public static func sift(own: [KeyDetection], peer: BasisAnnouncement) throws(KeyDistillationError) -> SiftedKey {
        try checkOrder(own.map(\.index), "own detections")
        try checkOrder(peer.indices, "peer's announced indices")
        var bits = BitString(zeros: 0), indices: [UInt64] = []
        var peerPosition = 0
        for detection in own {
            while peerPosition < peer.indices.count, peer.indices[peerPosition] < detection.index { peerPosition += 1 }
            guard peerPosition < peer.indices.count else { break }
            if peer.indices[peerPosition] == detection.index, peer.bases[peerPosition] == (detection.basis == .diagonal) {
                bits.append(detection.bit)
                indices.append(detection.index)
            }
        }
        return SiftedKey(bits: bits, indices: indices, rawDetections: own.count)
    }

    static func checkOrder(_ indices: [UInt64], _ what: String) throws(KeyDistillationError) {
        for position in indices.indices.dropFirst() where indices[position] <= indices[position - 1] {
            throw .invalidParameter(name: "\(what) index at position \(position)", value: "\(indices[position]) after \(indices[position - 1])",
                                    expected: "strictly increasing detection indices")
        }
    }
}
