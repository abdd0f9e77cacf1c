public import KeyDistillation

/// What both nodes must set alike for a block: the distillation parameters and the bits each
/// committed block gives back to the authentication pools.
public struct KeyExchangeConfiguration: Hashable, Sendable {
    /// Sample fraction, QBER threshold, Cascade passes, ε_sec, Q_tol, q.
    public var parameters: KeyBlockParameters
    /// Final-key bits each committed block sets aside for the Wegman–Carter pools, half to each
    /// direction; a multiple of 256 (two 128-bit pads). A block's frames consume 128 bits each.
    public var authenticationReplenishmentBits: Int

    /// A configuration; by default the standard parameters and 65 536 bits (256 pads per
    /// direction): a 4·10⁵-detection block at QBER 2 % sends about 193 frames each way
    /// (KeyBlockExchangeTests), so this gives back a third more than the block used.
    public init(parameters: KeyBlockParameters = KeyBlockParameters(), authenticationReplenishmentBits: Int = 65_536) {
        self.parameters = parameters
        self.authenticationReplenishmentBits = authenticationReplenishmentBits
    }

    /// Throws unless the replenishment is a non-negative multiple of 256 bits.
    func validate() throws(KeyDistillationError) {
        guard authenticationReplenishmentBits >= 0, authenticationReplenishmentBits % 256 == 0 else {
            throw .invalidParameter(name: "authenticationReplenishmentBits", value: "\(authenticationReplenishmentBits)",
                                    expected: "a non-negative multiple of 256 (whole 128-bit pads for both directions)")
        }
    }
}
