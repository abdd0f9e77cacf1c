/// Saving a session across node restarts (docs/link-channel.md, "Across restarts").
///
/// The node saves in two steps, so that a pad is claimed on the disk before it is used:
/// 1. `let state = session.snapshot(reservingOutgoingPads: 64)` — the state as it will be once the
///    next 64 outgoing pads are used: its outgoing direction starts after them.
/// 2. Write `state.encoded()` durably, then `session.snapshotSaved(state)`: only now may the session
///    seal with those pads. A crash before the write leaves the older file, whose reservation
///    covers every pad sealed so far; after it, the new one.
///
/// Saves go one at a time, in the order taken: a snapshot written after a newer one would put the
/// file's reservation below pads the session may already use.
///
/// A session restored from a snapshot has no pads reserved: it seals nothing until step 2 has run
/// once. A session keyed from the pre-shared secret and never saved seals without limit.
extension LinkSession {
    /// The session a node had when it saved `snapshot`: pools, pad numbering and replay floor as
    /// saved, the outgoing direction starting after the pads reserved then, a fresh stream decoder.
    public init(restoring snapshot: LinkSessionSnapshot) {
        role = snapshot.role
        limits = snapshot.limits
        outgoing = LinkAuthenticator(restoring: snapshot.outgoing)
        incoming = LinkAuthenticator(restoring: snapshot.incoming)
        decoder = LinkFrameDecoder(limits: snapshot.limits)
        lastAcceptedSequenceNumber = snapshot.lastAcceptedSequenceNumber
        outgoingReservationEnd = snapshot.outgoing.nextPadIndex
    }

    /// The state to save: as now, except that the outgoing direction claims the next `count` pads
    /// (fewer when the pool holds fewer) as used, on top of any reservation already saved. The
    /// session itself is unchanged until ``snapshotSaved(_:)``.
    public func snapshot(reservingOutgoingPads count: Int) -> LinkSessionSnapshot {
        let next = outgoing.pool.nextPadIndex
        let poolEnd = next + UInt64(outgoing.pool.tagsRemaining)
        let wanted = next.addingReportingOverflow(UInt64(max(0, count)))
        let reservationEnd = max(outgoingReservationEnd ?? next, min(wanted.overflow ? poolEnd : wanted.partialValue, poolEnd))
        let claimedBits = Int(reservationEnd - next) * AuthenticationKeyPool.bitsPerTag
        return LinkSessionSnapshot(
            role: role, limits: limits, lastAcceptedSequenceNumber: lastAcceptedSequenceNumber,
            outgoing: outgoing.direction(from: reservationEnd, bitsConsumed: outgoing.pool.bitsConsumed + claimedBits),
            incoming: incoming.direction(from: incoming.pool.nextPadIndex, bitsConsumed: incoming.pool.bitsConsumed))
    }

    /// Declares `snapshot` (taken from this session) durably saved: the session may now seal with
    /// every pad it reserved. Never lowers the reservation.
    public mutating func snapshotSaved(_ snapshot: LinkSessionSnapshot) {
        outgoingReservationEnd = max(outgoingReservationEnd ?? 0, snapshot.outgoing.nextPadIndex)
    }

    /// Outgoing pads the saved state still covers (the frames that can be sealed before the next
    /// save), nil for a session never saved.
    public var outgoingPadsReserved: UInt64? {
        outgoingReservationEnd.map { $0 > outgoing.pool.nextPadIndex ? $0 - outgoing.pool.nextPadIndex : 0 }
    }
}

extension LinkAuthenticator {
    init(restoring direction: LinkSessionSnapshot.Direction) {
        hash = PolynomialHash(keyBytes: direction.hashKey)
        pool = AuthenticationKeyPool(restoringPadMaterial: direction.padMaterial, nextPadIndex: direction.nextPadIndex,
                                     bitsConsumed: direction.bitsConsumed)
    }

    /// The direction's saved form with its pads from number `index` on.
    func direction(from index: UInt64, bitsConsumed: Int) -> LinkSessionSnapshot.Direction {
        LinkSessionSnapshot.Direction(hashKey: hash.key.bigEndianBytes, nextPadIndex: index, bitsConsumed: bitsConsumed,
                                      padMaterial: pool.padMaterial(from: index))
    }
}
