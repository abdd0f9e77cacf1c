/// One direction's supply of one-time pads for the authentication tags: the pre-shared secret at
/// first, replenished later from keys the link produced (``replenish(bits:)``).
///
/// Pads are numbered from 0 across everything the pool ever held; frame n of the direction is
/// tagged with pad n, so the two nodes, holding the same material, use the same pad for the same
/// frame without telling each other, and a pad is never used for two frames. Pads of frames that
/// never arrived (a cut connection) are discarded when a later frame is accepted. Discarded pads
/// are overwritten with zeros.
public struct AuthenticationKeyPool: Sendable {
    /// One-time-pad bits one tag consumes: 128 (a 127-bit field element, stored in 16 bytes).
    public static let bitsPerTag = 128
    static let padBytes = bitsPerTag / 8

    /// Unused pad bytes from `storageOffset` on; pad ``nextPadIndex`` starts at `storageOffset`.
    private var storage: [UInt8]
    private var storageOffset = 0
    /// The number of the first pad not yet used or discarded.
    public private(set) var nextPadIndex: UInt64 = 0
    /// Pad bits used for tags or discarded with skipped frames, since the pool was made.
    public private(set) var bitsConsumed = 0

    /// A pool holding `padMaterial`, a whole number of 16-byte pads.
    public init(padMaterial: [UInt8]) throws(LinkProtocolError) {
        guard padMaterial.count % Self.padBytes == 0 else {
            throw .replenishmentNotWholePads(bytes: padMaterial.count, padBytes: Self.padBytes)
        }
        storage = padMaterial
    }

    /// A pool restored from saved state (``LinkSessionSnapshot``): `padMaterial` holds pads
    /// `nextPadIndex`, `nextPadIndex` + 1, …; `bitsConsumed` is carried over.
    init(restoringPadMaterial padMaterial: [UInt8], nextPadIndex: UInt64, bitsConsumed: Int) {
        storage = padMaterial
        self.nextPadIndex = nextPadIndex
        self.bitsConsumed = bitsConsumed
    }

    /// The bytes of the pads from number `index` on (nothing when `index` is at or past the end);
    /// `index` must be at least ``nextPadIndex``.
    func padMaterial(from index: UInt64) -> [UInt8] {
        let skipped = index - nextPadIndex
        guard skipped < UInt64(tagsRemaining) else { return [] }
        return Array(storage[(storageOffset + Int(skipped) * Self.padBytes)...])
    }

    /// Pad bits not yet used.
    public var bitsRemaining: Int { (storage.count - storageOffset) * 8 }

    /// Tags the pool can still authenticate.
    public var tagsRemaining: Int { bitsRemaining / Self.bitsPerTag }

    /// Adds key material (bits packed eight to a byte) after the pads already held; the length
    /// must be a whole number of pads. Both nodes must add the same bits at the same point.
    public mutating func replenish(bits keyMaterial: [UInt8]) throws(LinkProtocolError) {
        guard keyMaterial.count % Self.padBytes == 0 else {
            throw .replenishmentNotWholePads(bytes: keyMaterial.count, padBytes: Self.padBytes)
        }
        storage.append(contentsOf: keyMaterial)
    }

    /// Pad number `index` as an integer below 2¹²⁷ (the top bit dropped), or nil when the pool
    /// does not hold it (already used, or beyond what was supplied). Consumes nothing.
    func pad(at index: UInt64) -> UInt128? {
        guard index >= nextPadIndex else { return nil }
        let skipped = index - nextPadIndex
        guard skipped < UInt64(tagsRemaining) else { return nil }
        let start = storageOffset + Int(skipped) * Self.padBytes
        return UInt128(bigEndianBytes: storage[start..<(start + Self.padBytes)]) & Mersenne127.modulus
    }

    /// Marks pads up to and including `index` used, zeroing their bytes. `index` must be held.
    mutating func consume(through index: UInt64) {
        let pads = Int(index - nextPadIndex) + 1
        let end = storageOffset + pads * Self.padBytes
        for position in storageOffset..<end { storage[position] = 0 }
        storageOffset = end
        nextPadIndex = index + 1
        bitsConsumed += pads * Self.bitsPerTag
        if storageOffset >= 4096 && storageOffset * 2 >= storage.count {
            storage.removeFirst(storageOffset)
            storageOffset = 0
        }
    }
}
