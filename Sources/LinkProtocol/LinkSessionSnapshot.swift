/// What a node must keep of its ``LinkSession`` across a restart: its role and frame limit, each
/// direction's hash key and remaining one-time pads with their numbering, and the replay floor
/// (docs/link-channel.md, "Across restarts"). Secret: it holds the hash keys and the pads, so its
/// file is mode 0600 and its ``description`` names counts, never bytes.
///
/// A snapshot is taken with ``LinkSession/snapshot(reservingOutgoingPads:)``: its outgoing
/// direction already starts *after* the pads reserved for sealing until the next save, so a session
/// restored from it never seals with a pad the crashed process may have used.
/// Its bytes: ``encoded()`` and ``init(decoding:)``.
public struct LinkSessionSnapshot: Sendable, Equatable, CustomStringConvertible {
    /// One direction's authentication state.
    public struct Direction: Sendable, Equatable {
        /// The direction's 16-byte polynomial hash key (the evaluation point, big-endian).
        public let hashKey: [UInt8]
        /// The number of the first pad in ``padMaterial``: every lower pad is used or discarded.
        public let nextPadIndex: UInt64
        /// Pad bits used or discarded since the pre-shared secret, carried over for the link's ε.
        public let bitsConsumed: Int
        /// The pads from ``nextPadIndex`` on, 16 bytes each.
        public let padMaterial: [UInt8]

        /// Pads held.
        public var padCount: Int { padMaterial.count / AuthenticationKeyPool.padBytes }
    }

    /// The node's role.
    public let role: LinkRole
    /// The frame size limit, both ways.
    public let limits: LinkFrameLimits
    /// The last sequence number accepted from the peer (the replay floor), nil before the first.
    public let lastAcceptedSequenceNumber: UInt64?
    /// This node's frames: saved with its reservation already claimed.
    public let outgoing: Direction
    /// The peer's frames: saved as they stood.
    public let incoming: Direction

    public var description: String {
        "link session state (\(role.rawValue)): outgoing from pad \(outgoing.nextPadIndex), \(outgoing.padCount) pads; "
            + "incoming from pad \(incoming.nextPadIndex), \(incoming.padCount) pads; last accepted "
            + (lastAcceptedSequenceNumber.map { "\($0)" } ?? "none")
    }
}
