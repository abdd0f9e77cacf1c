/// Why a node ends the session, one byte on the wire.
public enum LinkAbortReason: UInt8, Sendable, CaseIterable {
    /// The estimated QBER is above the threshold: no key from this block.
    case quantumBitErrorRateAboveThreshold = 1
    /// The verification hashes of the corrected keys differ: the block is discarded.
    case verificationFailed = 2
    /// The finite-key length came out zero or negative.
    case noSecretKeyLength = 3
    /// The hello messages share no protocol version.
    case noCommonProtocolVersion = 4
    /// The authentication pad pool is empty and cannot be replenished.
    case authenticationKeyPoolExhausted = 5
    /// A message arrived that the protocol step did not allow.
    case protocolViolation = 6
    /// The operator stopped the node.
    case operatorRequest = 7
    /// Bob could not place the block's cycles: no significant alignment peak in a tracking window.
    case cycleAlignmentLost = 8
    /// The peer's node file describes another world, block layout or parameters (digest differs).
    case nodeFilesDisagree = 9
}
