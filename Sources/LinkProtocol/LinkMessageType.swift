/// What a frame carries, one byte on the wire: the registry of the messages Alice's and Bob's
/// nodes exchange over the classical channel (DESIGN.md section 11). The payloads are opaque here;
/// the post-processing steps own their encodings. The link adds a message by adding a case with a
/// new raw value (never reusing one); a decoder that does not know a value rejects the frame
/// with ``LinkProtocolError/unknownMessageType(_:)``.
public enum LinkMessageType: UInt8, Sendable, CaseIterable {
    /// Version negotiation: the protocol versions the sender speaks (``LinkHello``).
    case hello = 0x01
    /// The session ends; the payload says why (``LinkAbort``). No key comes from the open block.
    case abort = 0x02
    /// The transport's cumulative acknowledgement (LinkTransport): the next sequence number the
    /// sender of the acknowledgement expects from its peer, 8 bytes big-endian. Also the first frame
    /// each side sends on a new connection (where the peer resends from) and the keepalive.
    case linkAcknowledgement = 0x03
    /// Sifting: the measurement bases of a block's detected cycles.
    case siftingBases = 0x10
    /// Cycle alignment, Bob to Alice: "disclose your detections in these cycles" with the digest of
    /// Bob's world and block settings (the node files must agree). Sent at Bob's start.
    case alignmentRequest = 0x11
    /// Cycle alignment, Alice to Bob: her detections (cycle, basis, output) in sacrificed windows of
    /// cycles, which no key block uses: the evidence Bob aligns his cycles with.
    case alignmentDisclosure = 0x12
    /// Parameter estimation: the positions and values of the disclosed QBER sample.
    case parameterEstimationSample = 0x20
    /// Cascade: the corrector's setup — permutation seed, key length, passes, first block size and
    /// block schedule — sent before its first parity request.
    case cascadeSetup = 0x32
    /// Cascade: the parities of the listed sub-blocks, asked for.
    case cascadeParityRequest = 0x30
    /// Cascade: the parities asked for, in the order asked.
    case cascadeParityReply = 0x31
    /// Verification: the universal-hash tag of the corrected key (a mismatch discards the block).
    case verificationTag = 0x40
    /// Privacy amplification: the Toeplitz matrix's seed and the output length.
    case privacyAmplificationSeed = 0x50
    /// Key confirmation: the final key block is stored on the sender's side under the agreed ids.
    case keyConfirmation = 0x60
    /// Key confirmation's answer: the receiver holds the block's keys committed (deliverable);
    /// the sender may commit its pending copy.
    case keyConfirmationAcknowledgement = 0x61
    /// After a restart: a node holding a block's keys as pending asks whether the peer committed it.
    case blockStatusQuery = 0x62
    /// The answer to a status query: the block is committed at the sender, or it never will be.
    case blockStatusReply = 0x63
    /// Key delivery: the sender's KME handed these key ids (cut to a size) to a master SAE for a
    /// slave SAE; the receiver reserves them in its store so its dec_keys can serve them.
    case keyDeliveryReservation = 0x70
}
