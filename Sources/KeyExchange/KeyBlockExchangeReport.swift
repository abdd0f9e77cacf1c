public import KeyDistillation
public import LinkProtocol

/// One node's account of one block: the distillation's numbers (``KeyDistillation/KeyBlockReport``;
/// corrected errors only at Bob, who corrects), the outcome, and the authentication budget: the
/// block's frames each consumed a 128-bit pad, the commit returned set-aside bits to the pools.
public struct KeyBlockExchangeReport: Hashable, Sendable {
    /// Which block.
    public let header: KeyBlockHeader
    /// This node's role.
    public let role: LinkRole
    /// Sizes, QBER, leakage, verification, ℓ, final length, abort reason.
    public var distillation: KeyBlockReport
    /// How the block ended here.
    public var outcome: KeyBlockOutcome = .open
    /// Frames this node sent for the block.
    public var framesSent = 0
    /// Frames this node accepted for the block.
    public var framesReceived = 0
    /// Bits set aside for the pools at the commit (0 unless committed), both directions together.
    public var authenticationBitsReplenished = 0
    /// Final-key bits neither stored nor set aside (fewer than one key).
    public var unusedFinalBits = 0

    init(header: KeyBlockHeader, role: LinkRole, epsilonSecrecy: Double) {
        self.header = header
        self.role = role
        distillation = KeyBlockReport(epsilonSecrecy: epsilonSecrecy)
    }

    /// Pad bits the block's frames consumed, both directions: 128 per frame.
    public var authenticationBitsConsumed: Int { AuthenticationKeyPool.bitsPerTag * (framesSent + framesReceived) }

    /// True when the block gave each direction's pool at least what its frames in that direction
    /// used (half the set-aside bits per direction); false means the link is living on its
    /// pre-shared secret and will run dry — raise the configured replenishment.
    public var replenishesItsAuthentication: Bool {
        authenticationBitsReplenished / 2 >= AuthenticationKeyPool.bitsPerTag * max(framesSent, framesReceived)
    }
}
