internal import Foundation

/// The on-disk form of a ``StoredKey``, one JSON file per key named `<key_ID>.key`:
///
///     {"format": 1, "key_ID": "…", "state": "ready" | "reserved" | "delivered",
///      "master_SAE_ID": "…", "slave_SAE_ID": "…", "size": 256, "key": "<base64>"}
///
/// `master_SAE_ID`, `slave_SAE_ID` and `size` only when reserved or delivered; `key` absent once
/// delivered. The file is readable by the node's user only (mode 0600).
struct StoredKeyFile: Codable {
    static let currentFormat = 1

    let format: Int
    let keyID: String
    let state: String
    let masterSAEID: String?
    let slaveSAEID: String?
    let sizeBits: Int?
    let key: String?

    enum CodingKeys: String, CodingKey {
        case format, state, key
        case keyID = "key_ID"
        case masterSAEID = "master_SAE_ID"
        case slaveSAEID = "slave_SAE_ID"
        case sizeBits = "size"
    }

    init(_ stored: StoredKey) {
        format = Self.currentFormat
        keyID = stored.identifier.uuidString
        key = stored.material?.base64
        switch stored.state {
        case .ready:
            (state, masterSAEID, slaveSAEID, sizeBits) = ("ready", nil, nil, nil)
        case .reservedForSlave(let master, let slave, let size):
            (state, masterSAEID, slaveSAEID, sizeBits) = ("reserved", master, slave, size)
        case .delivered(let master, let slave):
            (state, masterSAEID, slaveSAEID, sizeBits) = ("delivered", master, slave, nil)
        }
    }

    /// The key this file describes; throws naming the file and what is wrong with it.
    func storedKey(fileName: String) throws(KeyStoreError) -> StoredKey {
        func corrupt(_ reason: String) -> KeyStoreError { .corruptKeyFile(fileName: fileName, reason: reason) }
        guard format == Self.currentFormat else { throw corrupt("format \(format), this node reads \(Self.currentFormat)") }
        guard let identifier = KeyIdentifier(uuidString: keyID) else { throw corrupt("key_ID \"\(keyID)\" is not a key id") }
        guard fileName == identifier.uuidString + ".key" else { throw corrupt("holds key_ID \(keyID)") }
        let material: KeyMaterial?
        if let key {
            guard let decoded = KeyMaterial(base64: key) else { throw corrupt("key is not base64") }
            material = decoded
        } else {
            material = nil
        }
        switch (state, masterSAEID, slaveSAEID, sizeBits, material) {
        case ("ready", nil, nil, nil, .some):
            return StoredKey(identifier: identifier, material: material, state: .ready)
        case ("reserved", let master?, let slave?, let size?, let material?) where material.bitCount == size:
            return StoredKey(identifier: identifier, material: material, state: .reservedForSlave(master: master, slave: slave, sizeBits: size))
        case ("delivered", let master?, let slave?, _, nil):
            return StoredKey(identifier: identifier, material: nil, state: .delivered(master: master, slave: slave))
        default:
            throw corrupt("state \"\(state)\" with inconsistent fields")
        }
    }
}
