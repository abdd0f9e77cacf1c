public import KeyStore

/// The ``LinkProtocol/LinkMessageType/keyDeliveryReservation`` payload (0x70): Alice's KME handed
/// these keys, cut to `sizeBits`, to `master` for `slave` (ETSI GS QKD 014 enc_keys); Bob's node
/// reserves the same ids so his dec_keys serves them to `slave`, and only to it.
///
/// Bytes (little-endian like the block messages): master length (1) and UTF-8, slave length (1)
/// and UTF-8, size in bits (2), key count (2), then per key its block id (8) and index (4).
public struct KeyDeliveryReservation: Hashable, Sendable {
    /// The SAE that called enc_keys, and the one that may call dec_keys.
    public var master: String, slave: String
    /// The delivered size, bits.
    public var sizeBits: Int
    /// The keys.
    public var identifiers: [KeyIdentifier]

    /// The most keys in one message (ETSI's max_key_per_request is far below).
    public static let maximumKeys = 4096

    /// A reservation.
    public init(master: String, slave: String, sizeBits: Int, identifiers: [KeyIdentifier]) {
        self.master = master
        self.slave = slave
        self.sizeBits = sizeBits
        self.identifiers = identifiers
    }

    /// The payload; SAE ids longer than 255 bytes or more than ``maximumKeys`` keys are the
    /// caller's error (the KME's configuration and request limits keep them far below).
    public func encode() -> [UInt8] {
        var bytes = LittleEndianWriter()
        let masterBytes = Array(master.utf8.prefix(255)), slaveBytes = Array(slave.utf8.prefix(255))
        var out = [UInt8(masterBytes.count)] + masterBytes + [UInt8(slaveBytes.count)] + slaveBytes
        out += [UInt8(truncatingIfNeeded: sizeBits), UInt8(truncatingIfNeeded: sizeBits >> 8)]
        let count = min(identifiers.count, Self.maximumKeys)
        out += [UInt8(truncatingIfNeeded: count), UInt8(truncatingIfNeeded: count >> 8)]
        for identifier in identifiers.prefix(count) {
            bytes.append(identifier.blockID)
            bytes.append(identifier.keyIndex)
        }
        return out + bytes.bytes
    }

    /// Reads a payload: non-empty UTF-8 SAE ids, a size 8 … 65 535 bits in whole bytes, 1 …
    /// ``maximumKeys`` keys, nothing left over.
    public init(decoding payload: [UInt8]) throws(KeyExchangeViolation) {
        var offset = 0
        func take(_ count: Int, _ field: String) throws(KeyExchangeViolation) -> ArraySlice<UInt8> {
            guard count >= 0, payload.count - offset >= count else { throw KeyExchangeViolation("key delivery reservation: \(field) ends early") }
            offset += count
            return payload[(offset - count)..<offset]
        }
        func text(_ field: String) throws(KeyExchangeViolation) -> String {
            let length = Int(try take(1, "\(field) length").first!)
            guard length > 0, let value = String(validating: Array(try take(length, field)), as: UTF8.self) else {
                throw KeyExchangeViolation("key delivery reservation: \(field) is empty or not UTF-8")
            }
            return value
        }
        master = try text("master SAE id")
        slave = try text("slave SAE id")
        let size = try take(2, "size"), count = try take(2, "key count")
        sizeBits = Int(size.first!) | Int(size.last!) << 8
        let keyCount = Int(count.first!) | Int(count.last!) << 8
        guard sizeBits >= 8, sizeBits % 8 == 0 else { throw KeyExchangeViolation("key delivery reservation: size \(sizeBits) bits") }
        guard (1...Self.maximumKeys).contains(keyCount), payload.count - offset == keyCount * 12 else {
            throw KeyExchangeViolation("key delivery reservation: \(keyCount) keys in \(payload.count - offset) bytes (12 each, 1 … \(Self.maximumKeys))")
        }
        var reader = LittleEndianReader(Array(payload[offset...]), message: "key delivery reservation")
        identifiers = []
        for _ in 0..<keyCount {
            identifiers.append(KeyIdentifier(blockID: try reader.readUInt64(), keyIndex: try reader.readUInt32()))
        }
    }
}

extension KeyDeliveryReservation {
    /// Bob's node: reserves the keys in `store` for the pair, idempotently — keys already reserved
    /// for the same pair and size, or already delivered to it, are left as they are (the notice
    /// is sent again after Alice's restarts). Returns how many were newly reserved. Throws for an
    /// unknown key, one reserved for another pair, or the disk.
    public func apply(to store: KeyStore) async throws(KeyStoreError) -> Int {
        var fresh: [KeyIdentifier] = []
        for identifier in identifiers {
            guard let stored = await store.storedKey(identifier) else { throw .unknownKeyID(identifier.uuidString) }
            switch stored.state {
            case .ready: fresh.append(identifier)
            case let .reservedForSlave(reservedMaster, reservedSlave, reservedSize):
                guard reservedMaster == master, reservedSlave == slave, reservedSize == sizeBits else { throw .reservedForAnotherSAE(identifier) }
            case let .delivered(deliveredMaster, deliveredSlave):
                guard deliveredMaster == master, deliveredSlave == slave else { throw .reservedForAnotherSAE(identifier) }
            }
        }
        guard !fresh.isEmpty else { return 0 }
        return try await store.reserve(fresh, master: master, slave: slave, sizeBits: sizeBits).count
    }
}
