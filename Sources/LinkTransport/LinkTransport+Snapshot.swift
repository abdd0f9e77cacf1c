public import LinkProtocol

// Saving the session while the transport runs (docs/link-channel.md, "Across restarts").
extension LinkTransport {
    /// The session's state to save, reserving the next `count` outgoing pads
    /// (``LinkProtocol/LinkSession/snapshot(reservingOutgoingPads:)``). Write it durably, then call
    /// ``snapshotSaved(_:)``.
    public func snapshot(reservingOutgoingPads count: Int) async throws -> LinkSessionSnapshot {
        try await loop.submit { self.session.snapshot(reservingOutgoingPads: count) }.get()
    }

    /// Declares `snapshot` saved (``LinkProtocol/LinkSession/snapshotSaved(_:)``), then sends what
    /// waited for reserved pads.
    public func snapshotSaved(_ snapshot: LinkSessionSnapshot) async throws {
        try await loop.submit {
            self.session.snapshotSaved(snapshot)
            self.flushOutbound()
        }.get()
    }

    /// Outgoing pads the saved state still covers (``LinkProtocol/LinkSession/outgoingPadsReserved``):
    /// save again before they run out, or sealing (acknowledgements too) waits for the save.
    public func outgoingPadsReserved() async throws -> UInt64? {
        try await loop.submit { self.session.outgoingPadsReserved }.get()
    }
}
