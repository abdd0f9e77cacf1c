/// How Alice's cycles are cut (docs/link-node.md): the start-up alignment window [0, A), then
/// block b over [A + b·L, A + (b+1)·L). In every block the cycles of a comb — cycle mod P < W,
/// P = 1000 — are tracking cycles: Alice discloses her detections there (never key), and Bob
/// places the block's whole-cycle offset steps from the pairs they give, all along the block; the
/// other cycles are the block's key cycles.
public struct LinkBlockLayout: Hashable, Sendable {
    /// P: the comb's period in cycles.
    public static let combPeriod: Int64 = 1_000
    /// A: cycles of the start-up window.
    public let alignmentCycles: Int64
    /// L: cycles per block.
    public let cyclesPerBlock: Int64
    /// W: tracking cycles per comb period (W/P of each block is disclosed).
    public let trackingCyclesPerPeriod: Int64

    /// The layout; 1 ≤ W < P/2 (checked by the node file).
    public init(alignmentCycles: Int64, cyclesPerBlock: Int64, trackingCyclesPerPeriod: Int64) {
        self.alignmentCycles = alignmentCycles
        self.cyclesPerBlock = cyclesPerBlock
        self.trackingCyclesPerPeriod = trackingCyclesPerPeriod
    }

    /// The start-up alignment window.
    public var startWindow: AlignmentWindow { AlignmentWindow(start: 0, length: alignmentCycles) }

    /// Block `blockID`'s cycles.
    public func cycles(ofBlock blockID: UInt64) -> Range<Int64> {
        let start = alignmentCycles + Int64(blockID) * cyclesPerBlock
        return start..<(start + cyclesPerBlock)
    }

    /// Block `blockID`'s cycles as a disclosure window.
    public func window(ofBlock blockID: UInt64) -> AlignmentWindow {
        AlignmentWindow(start: alignmentCycles + Int64(blockID) * cyclesPerBlock, length: cyclesPerBlock)
    }

    /// True for a tracking cycle (disclosed, never key).
    public func isTrackingCycle(_ cycle: Int64) -> Bool {
        ((cycle % Self.combPeriod) + Self.combPeriod) % Self.combPeriod < trackingCyclesPerPeriod
    }

    /// The block `blockID` a window starting at `start` with `length` cycles is, if any.
    public func block(ofWindowStart start: Int64, length: Int64) -> UInt64? {
        guard length == cyclesPerBlock, start >= alignmentCycles, (start - alignmentCycles) % cyclesPerBlock == 0 else { return nil }
        return UInt64((start - alignmentCycles) / cyclesPerBlock)
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
        let layout = file.layout
        let text = file.world.agreementText + " layout \(layout.alignmentCycles) \(layout.cyclesPerBlock) \(layout.trackingCyclesPerPeriod)"
            + " parameters \(file.blocks.parameters) keys \(file.keyDelivery.keySizeBits) pools \(file.blocks.authenticationReplenishmentBits)"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
