/// The saved session state's bytes (docs/link-channel.md, "Across restarts"); integers big-endian
/// like the frames':
///
///     "QDLS" · version 1 · role (0 Alice, 1 Bob) · maximum frame bytes (8)
///     · has-last-accepted (0/1) · last accepted sequence number (8, 0 when none)
///     · outgoing: hash key (16) · next pad index (8) · bits consumed (8) · pad bytes P (8) · pads (P)
///     · incoming: the same
///     · check (16): the polynomial hash (``PolynomialHash``) of every byte before it, under the
///       fixed public key "qdot link state!", against accidental corruption (it is no
///       authentication: the file's protection is its mode and its folder).
///
/// Decoding is total: every length is checked against the bytes left before it is used, every
/// value against its range, and any input yields a snapshot or a ``LinkSessionSnapshotError``.
extension LinkSessionSnapshot {
    /// "QDLS".
    public static let magic: [UInt8] = [0x51, 0x44, 0x4C, 0x53]
    /// The version ``encoded()`` writes and ``init(decoding:)`` reads.
    public static let currentVersion: UInt8 = 1
    static let checkHash = PolynomialHash(keyBytes: Array("qdot link state!".utf8))

    /// The snapshot's bytes.
    public func encoded() -> [UInt8] {
        var bytes = Self.magic + [Self.currentVersion, role == .alice ? 0 : 1]
        bytes.appendBigEndian(UInt64(limits.maximumFrameBytes))
        bytes.append(lastAcceptedSequenceNumber == nil ? 0 : 1)
        bytes.appendBigEndian(lastAcceptedSequenceNumber ?? 0)
        for direction in [outgoing, incoming] {
            bytes += direction.hashKey
            bytes.appendBigEndian(direction.nextPadIndex)
            bytes.appendBigEndian(UInt64(direction.bitsConsumed))
            bytes.appendBigEndian(UInt64(direction.padMaterial.count))
            bytes += direction.padMaterial
        }
        return bytes + Self.checkHash.evaluate(bytes).bigEndianBytes
    }

    /// Reads ``encoded()``'s bytes; throws naming the first field that is missing or out of range.
    public init(decoding bytes: [UInt8]) throws(LinkSessionSnapshotError) {
        var reader = SnapshotReader(bytes: bytes)
        let magic = try reader.bytes(4, field: "magic")
        guard magic == Self.magic else {
            throw .invalidField(field: "magic", offset: 0, reason: "found \(magic), expected \(Self.magic) (\"QDLS\")")
        }
        let version = try reader.byte(field: "version")
        guard version == Self.currentVersion else {
            throw .invalidField(field: "version", offset: 4, reason: "version \(version), this code reads \(Self.currentVersion)")
        }
        let roleByte = try reader.byte(field: "role")
        guard roleByte <= 1 else { throw .invalidField(field: "role", offset: 5, reason: "\(roleByte), expected 0 (Alice) or 1 (Bob)") }
        role = roleByte == 0 ? .alice : .bob
        let frameBytes = try reader.integer(field: "maximum frame bytes")
        do { limits = try LinkFrameLimits(maximumFrameBytes: Int(clamping: frameBytes)) } catch {
            throw .invalidField(field: "maximum frame bytes", offset: 6, reason: error.description)
        }
        let hasLastAccepted = try reader.byte(field: "has last accepted")
        guard hasLastAccepted <= 1 else { throw .invalidField(field: "has last accepted", offset: 14, reason: "\(hasLastAccepted), expected 0 or 1") }
        let lastAccepted = try reader.integer(field: "last accepted sequence number")
        lastAcceptedSequenceNumber = hasLastAccepted == 1 ? lastAccepted : nil
        outgoing = try reader.direction("outgoing")
        incoming = try reader.direction("incoming")
        if let lastAcceptedSequenceNumber, lastAcceptedSequenceNumber >= incoming.nextPadIndex {
            throw .invalidField(field: "last accepted sequence number", offset: 15,
                                reason: "\(lastAcceptedSequenceNumber) is not below the incoming next pad index \(incoming.nextPadIndex)")
        }
        let checkOffset = reader.position
        let check = try reader.bytes(16, field: "check")
        guard Self.checkHash.evaluate(Array(bytes[..<checkOffset])).bigEndianBytes == check else { throw .checkMismatch(offset: checkOffset) }
        guard reader.position == bytes.count else { throw .trailingBytes(offset: reader.position, count: bytes.count - reader.position) }
    }
}

/// Reads the snapshot's fields in order, each checked against the bytes left.
private struct SnapshotReader {
    let bytes: [UInt8]
    var position = 0

    mutating func bytes(_ count: Int, field: String) throws(LinkSessionSnapshotError) -> [UInt8] {
        guard bytes.count - position >= count else {
            throw .truncated(field: field, offset: position, neededBytes: count, availableBytes: bytes.count - position)
        }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func byte(field: String) throws(LinkSessionSnapshotError) -> UInt8 { try bytes(1, field: field)[0] }

    mutating func integer(field: String) throws(LinkSessionSnapshotError) -> UInt64 {
        try bytes(8, field: field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func direction(_ name: String) throws(LinkSessionSnapshotError) -> LinkSessionSnapshot.Direction {
        let hashKey = try bytes(16, field: "\(name) hash key")
        let indexOffset = position
        let nextPadIndex = try integer(field: "\(name) next pad index")
        let consumedOffset = position
        let bitsConsumed = try integer(field: "\(name) bits consumed")
        guard bitsConsumed <= UInt64(Int.max) else {
            throw .invalidField(field: "\(name) bits consumed", offset: consumedOffset, reason: "\(bitsConsumed) is above \(Int.max)")
        }
        let lengthOffset = position
        let padBytes = try integer(field: "\(name) pad bytes")
        let padField = "\(name) pads"
        guard padBytes <= UInt64(bytes.count - position) else {
            throw .truncated(field: padField, offset: position, neededBytes: Int(clamping: padBytes), availableBytes: bytes.count - position)
        }
        let padSize = UInt64(AuthenticationKeyPool.padBytes)
        guard padBytes % padSize == 0 else {
            throw .invalidField(field: "\(name) pad bytes", offset: lengthOffset, reason: "\(padBytes) is not a whole number of \(padSize)-byte pads")
        }
        guard nextPadIndex <= UInt64.max - padBytes / padSize else {
            throw .invalidField(field: "\(name) next pad index", offset: indexOffset,
                                reason: "\(nextPadIndex) plus \(padBytes / padSize) pads passes 2⁶⁴")
        }
        let pads = try bytes(Int(padBytes), field: padField)
        return LinkSessionSnapshot.Direction(hashKey: hashKey, nextPadIndex: nextPadIndex, bitsConsumed: Int(bitsConsumed), padMaterial: pads)
    }
}

private extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
