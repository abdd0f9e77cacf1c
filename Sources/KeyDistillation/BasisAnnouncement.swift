/// Sifting's message: one party's detection indices and the basis of each (bit i of `bases` set =
/// diagonal), never the measured bits.
///
/// Wire: kind 0x01, UInt32 count, count × UInt64 index, then the bases as a bit string.
public struct BasisAnnouncement: Hashable, Sendable {
    static let kind: UInt8 = 0x01
    /// The largest announcement: 2²⁴ detections.
    public static let maximumDetections = WireFormat.maximumBlockBits

    /// Detection indices, strictly increasing.
    public var indices: [UInt64]
    /// Bit i: true when detection i was measured in the diagonal basis.
    public var bases: BitString

    /// An announcement; `indices.count` must equal `bases.count` (checked on decoding).
    public init(indices: [UInt64], bases: BitString) {
        self.indices = indices
        self.bases = bases
    }

    /// The message bytes.
    public func encode() -> [UInt8] {
        var writer = WireWriter(kind: Self.kind)
        writer.append(UInt32(indices.count))
        for index in indices { writer.append(index) }
        writer.append(bases)
        return writer.bytes
    }

    /// Decodes `bytes`; throws on a wrong kind, truncation, trailing bytes, more than
    /// ``maximumDetections`` entries, or a basis count that differs from the index count.
    public init(decoding bytes: [UInt8]) throws(KeyDistillationError) {
        var reader = try WireReader(bytes, kind: Self.kind, message: "basis announcement",
                                    limitBytes: Self.maximumDetections * 9 + 4096)
        let count = try reader.readCount("detection count", limit: Self.maximumDetections)
        var indices: [UInt64] = []
        indices.reserveCapacity(count)
        for _ in 0..<count { indices.append(try reader.readUInt64()) }
        let bases = try reader.readBits("bases")
        guard bases.count == count else {
            throw .malformedMessage(message: "basis announcement", detail: "\(bases.count) bases for \(count) indices")
        }
        try reader.finish()
        self.init(indices: indices, bases: bases)
    }
}
