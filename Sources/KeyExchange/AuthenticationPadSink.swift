public import LinkProtocol

/// Where a committed block's set-aside bits go: the link's Wegman–Carter pad pools, both
/// directions (first half Alice → Bob, ``LinkProtocol/LinkSession/replenish(bits:)``). A
/// ``LinkProtocol/LinkSession`` in one process (tests); on a node, the transport that owns the session.
public protocol AuthenticationPadSink {
    /// Adds `bits` (a whole number of 128-bit pads per direction) to both directions' pools.
    mutating func replenish(bits: [UInt8]) async throws
}

extension LinkSession: AuthenticationPadSink {}
