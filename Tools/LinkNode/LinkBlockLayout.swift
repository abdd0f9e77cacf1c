/// How Alice's cycles are cut (docs/link-node.md): the start-up alignment window [0, A), then
/// block b over [A + b·L, A + (b+1)·L), whose first D cycles are its tracking window (disclosed,
/// never key) and the rest its key range. Block b's key range is aligned by the line through the
/// offsets found in its own tracking window and the next block's, so the mapping interpolates
/// over the block instead of extrapolating a drift.
public struct LinkBlockLayout: Hashable, Sendable {
    /// A: cycles of the start-up window.
    public let alignmentCycles: Int64
    /// L: cycles per block.
    public let cyclesPerBlock: Int64
    /// D: tracking cycles at the start of each block.
    public let trackingCycles: Int64

    /// The layout; D < L/2 (checked by the node file).
    public init(alignmentCycles: Int64, cyclesPerBlock: Int64, trackingCycles: Int64) {
        self.alignmentCycles = alignmentCycles
        self.cyclesPerBlock = cyclesPerBlock
        self.trackingCycles = trackingCycles
    }

    /// The start-up alignment window.
    public var startWindow: AlignmentWindow { AlignmentWindow(start: 0, length: alignmentCycles) }

    /// Block `blockID`'s tracking window.
    public func trackingWindow(ofBlock blockID: UInt64) -> AlignmentWindow {
        AlignmentWindow(start: alignmentCycles + Int64(blockID) * cyclesPerBlock, length: trackingCycles)
    }

    /// Block `blockID`'s key range (Alice's cycles; the detection indices of its key detections).
    public func keyRange(ofBlock blockID: UInt64) -> Range<Int64> {
        let start = alignmentCycles + Int64(blockID) * cyclesPerBlock
        return (start + trackingCycles)..<(start + cyclesPerBlock)
    }

    /// The largest block id whose cycles fit in Int64 with room to spare.
    public var largestBlockID: UInt64 { UInt64((Int64.max / 4 - alignmentCycles) / cyclesPerBlock) - 2 }
}

/// What both node files must say alike, as one 64-bit digest (FNV-1a over the canonical text): the
/// world, the seeds, the block layout and the distillation parameters. Exchanged in the alignment
/// messages; a node whose peer describes another world stops with an error instead of making
/// keys that cannot agree.
public enum LinkNodeAgreement {
    /// The digest of `file`'s shared settings.
    public static func digest(of file: LinkNodeFile) -> UInt64 {
        let text = file.world.agreementText + " layout \(file.blocks.alignmentCycles) \(file.blocks.cyclesPerBlock) \(file.blocks.trackingCycles)"
            + " parameters \(file.blocks.parameters) keys \(file.keyDelivery.keySizeBits)"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
