/// Sifting's message: one party's detection indices and the basis of each (bit i of `bases` set =
/// diagonal), never the measured bits.
///
/// Wire: kind 0x01, UInt32 count, then (count ≥ 1) the first index as a UInt64 and every further
/// index as its gap to the previous one (≥ 1) in LEB128 (7 bits a byte, least significant group
/// first, high bit = more follows; at most 10 bytes), then the bases as a bit string. Detections a
/// few hundred cycles apart cost 1–2 bytes each instead of 8, so the bases of a 10⁶-bit sifted
/// block (about 2·10⁶ detections) fit the link's 4 MiB frame.
public struct BasisAnnouncement: Hashable, Sendable {
    static let kind: UInt8 = 0x01
    /// The largest announcement: 2²² detections (about 2·10⁶ sifted bits, 4–9 MiB of indices at
    /// worst, 1–2 bytes per detection when they are dense).
    public static let maximumDetections = 1 << 22

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
        if let first = indices.first { writer.append(first) }
        for position in indices.indices.dropFirst() {
            var gap = indices[position] &- indices[position - 1]
            while gap >= 0x80 {
                writer.append(UInt8(truncatingIfNeeded: gap) | 0x80)
                gap >>= 7
            }
            writer.append(UInt8(gap))
        }
        writer.append(bases)
        return writer.bytes
    }

    /// Decodes `bytes`; throws on a wrong kind, truncation, trailing bytes, more than
    /// ``maximumDetections`` entries, a gap of 0 (indices must increase), a gap longer than 10
    /// bytes or one that runs past 2⁶⁴, or a basis count that differs from the index count.
    public init(decoding bytes: [UInt8]) throws(KeyDistillationError) {
        var reader = try WireReader(bytes, kind: Self.kind, message: "basis announcement",
                                    limitBytes: Self.maximumDetections * 10 + Self.maximumDetections / 8 + 4096)
        let count = try reader.readCount("detection count", limit: Self.maximumDetections)
        var indices: [UInt64] = []
        if count > 0 {
            indices.reserveCapacity(min(count, bytes.count))
            indices.append(try reader.readUInt64())
        }
        while indices.count < count {
            var gap: UInt64 = 0, shift: UInt64 = 0
            while true {
                let byte = try reader.readByte()
                guard shift < 64, shift < 63 || byte & 0x7F <= 1 else {
                    throw .malformedMessage(message: "basis announcement", detail: "gap before detection \(indices.count) longer than 64 bits")
                }
                gap |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            let (next, overflow) = indices[indices.count - 1].addingReportingOverflow(gap)
            guard gap >= 1, !overflow else {
                throw .malformedMessage(message: "basis announcement", detail: "detection \(indices.count): gap \(gap) after index \(indices[indices.count - 1]) (indices must increase, below 2⁶⁴)")
            }
            indices.append(next)
        }
        let bases = try reader.readBits("bases")
        guard bases.count == count else {
            throw .malformedMessage(message: "basis announcement", detail: "\(bases.count) bases for \(count) indices")
        }
        try reader.finish()
        self.init(indices: indices, bases: bases)
    }
}
