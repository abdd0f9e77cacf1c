/// One node's end of the authenticated classical channel: seals outgoing messages into frames
/// and turns received bytes into messages, checking each frame's tag and order.
///
/// Each direction has its own hash key and pad pool (``LinkRole`` picks which half of the shared
/// secret is whose), so a frame reflected back to its sender fails. Sequence numbers are the pad
/// numbers: strictly increasing per direction; a frame at or below the last accepted one is a
/// replay and is refused; gaps (frames lost with a connection) are allowed and their pads discarded.
/// The session outlives connections: after a connection closes, ``resetStream()`` clears the
/// decoder and keeps the pools and counters.
public struct LinkSession: Sendable {
    /// This node's role.
    public let role: LinkRole
    /// The frame size limit, both ways.
    public let limits: LinkFrameLimits
    var outgoing: LinkAuthenticator
    var incoming: LinkAuthenticator
    var decoder: LinkFrameDecoder
    /// The last sequence number accepted from the peer, nil before the first frame.
    public internal(set) var lastAcceptedSequenceNumber: UInt64?
    var streamFailure: LinkProtocolError?
    /// The first outgoing pad number the saved state does not yet claim as used: sealing stops
    /// there until a newer snapshot is saved (``LinkSession/snapshotSaved(_:)``). Nil for a
    /// session never saved (keyed from the pre-shared secret): no limit.
    var outgoingReservationEnd: UInt64?

    /// A session keyed from `preSharedSecret`: bytes 0–15 the Alice → Bob hash key, 16–31 the
    /// Bob → Alice hash key, the rest halved into pads (first half Alice → Bob). Both nodes pass
    /// the same secret and their own role.
    public init(preSharedSecret: [UInt8], role: LinkRole, limits: LinkFrameLimits = .standard) throws(LinkProtocolError) {
        (outgoing, incoming) = try LinkKeySplit.split(preSharedSecret: preSharedSecret, role: role)
        self.role = role
        self.limits = limits
        decoder = LinkFrameDecoder(limits: limits)
    }

    /// The probability that any of `frames` frames up to `limits` in size is a forgery the
    /// session accepted: at most `frames` · ε(largest frame), by the union bound over frames with
    /// the hash key recycled and a fresh pad per frame (Portmann 2014, see ``LinkAuthenticator``).
    /// The link adds it to the key's ε_sec. About 1.6·10⁻²⁷ for 10⁶ frames of 4 MiB.
    public static func authenticationFailureBound(frames: Int, limits: LinkFrameLimits = .standard) -> Double {
        Double(frames) * PolynomialHash.forgeryProbabilityBound(messageBytes: limits.maximumFrameBytes - LinkFrameLayout.tagBytes)
    }

    /// The pool that tags this node's frames.
    public var outgoingPool: AuthenticationKeyPool { outgoing.pool }
    /// The pool that checks the peer's frames.
    public var incomingPool: AuthenticationKeyPool { incoming.pool }

    /// Adds produced key material to both directions' pools, the first half to Alice → Bob's:
    /// both nodes call it with the same bits after the same message. A whole number of pad pairs
    /// (32 bytes) is required.
    public mutating func replenish(bits keyMaterial: [UInt8]) throws(LinkProtocolError) {
        let (aliceToBob, bobToAlice) = try LinkKeySplit.halves(keyMaterial)
        try outgoing.pool.replenish(bits: role == .alice ? aliceToBob : bobToAlice)
        try incoming.pool.replenish(bits: role == .alice ? bobToAlice : aliceToBob)
    }

    /// The frame carrying `payload` as `messageType`, tagged with the next pad (128 bits consumed).
    /// Refuses, consuming nothing, when the payload is over the limit, the pool is empty, or (for
    /// a session that is saved) the pad is not yet claimed by a saved snapshot.
    public mutating func seal(_ messageType: LinkMessageType, payload: [UInt8]) throws(LinkProtocolError) -> [UInt8] {
        guard payload.count <= limits.maximumPayloadBytes else {
            throw .outgoingPayloadTooLong(bytes: payload.count, maximumBytes: limits.maximumPayloadBytes)
        }
        let sequenceNumber = outgoing.pool.nextPadIndex
        if let end = outgoingReservationEnd, sequenceNumber >= end {
            throw .outgoingPadNotReserved(sequenceNumber: sequenceNumber, reservedBelow: end)
        }
        guard let pad = outgoing.pool.pad(at: sequenceNumber) else {
            throw .authenticationKeyPoolExhausted(sequenceNumber: sequenceNumber, neededBits: AuthenticationKeyPool.bitsPerTag,
                                                 remainingBits: outgoing.pool.bitsRemaining)
        }
        var frame = LinkFrameLayout.magic
        frame.reserveCapacity(LinkFrameLayout.headerBytes + payload.count + LinkFrameLayout.tagBytes)
        frame.append(LinkFrameLayout.currentVersion)
        frame.append(messageType.rawValue)
        frame.append(contentsOf: (0..<8).map { UInt8(truncatingIfNeeded: sequenceNumber >> (56 - 8 * $0)) })
        let length = UInt32(payload.count)
        frame.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: length >> (24 - 8 * $0)) })
        frame.append(contentsOf: payload)
        frame.append(contentsOf: outgoing.tag(frame, pad: pad))
        outgoing.pool.consume(through: sequenceNumber)
        return frame
    }

    /// Takes bytes received from the peer.
    public mutating func receive(_ bytes: some Sequence<UInt8>) {
        decoder.append(bytes)
    }

    /// The next authenticated message, or nil when more bytes are needed. After an error the
    /// stream stays failed (the transport closes the connection and logs the error) until
    /// ``resetStream()``; the pads and the replay counter are kept.
    public mutating func nextMessage() throws(LinkProtocolError) -> LinkMessage? {
        if let streamFailure { throw streamFailure }
        do throws(LinkProtocolError) {
            guard let frame = try decoder.nextFrame() else { return nil }
            return try accept(frame)
        } catch {
            streamFailure = error
            throw error
        }
    }

    /// Declares the connection closed: throws if it ended inside a frame (or had failed).
    public func endOfStream() throws(LinkProtocolError) {
        if let streamFailure { throw streamFailure }
        try decoder.endOfStream()
    }

    /// Forgets the received bytes and the stream's failure, for a new connection to the peer.
    public mutating func resetStream() {
        decoder.reset()
        streamFailure = nil
    }

    private mutating func accept(_ frame: LinkFrame) throws(LinkProtocolError) -> LinkMessage {
        let sequenceNumber = frame.sequenceNumber
        if let last = lastAcceptedSequenceNumber, sequenceNumber <= last {
            throw .replayedSequenceNumber(found: sequenceNumber, lastAccepted: last)
        }
        guard let pad = incoming.pool.pad(at: sequenceNumber) else {
            // Pads from the next unused one through this frame's; a forged number can be huge.
            let padsNeeded = (sequenceNumber - incoming.pool.nextPadIndex).addingReportingOverflow(1)
            let bitsNeeded = padsNeeded.partialValue.multipliedReportingOverflow(by: UInt64(AuthenticationKeyPool.bitsPerTag))
            throw .authenticationKeyPoolExhausted(sequenceNumber: sequenceNumber,
                                                 neededBits: padsNeeded.overflow || bitsNeeded.overflow ? Int.max : Int(clamping: bitsNeeded.partialValue),
                                                 remainingBits: incoming.pool.bitsRemaining)
        }
        let expected = incoming.tag(frame.authenticatedBytes, pad: pad)
        var difference: UInt8 = 0
        for (a, b) in zip(expected, frame.tag) { difference |= a ^ b }
        guard difference == 0 else {
            throw .authenticationTagMismatch(sequenceNumber: sequenceNumber, messageType: frame.messageType.rawValue)
        }
        incoming.pool.consume(through: sequenceNumber)
        lastAcceptedSequenceNumber = sequenceNumber
        return LinkMessage(messageType: frame.messageType, sequenceNumber: sequenceNumber, payload: Array(frame.payload))
    }
}
