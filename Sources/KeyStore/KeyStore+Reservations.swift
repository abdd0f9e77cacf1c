extension KeyStore {
    /// The keys handed to a master and kept for its slave, oldest first: what Alice's node tells
    /// Bob's again after a restart (a notice lost with the connection must not leave a key
    /// delivered at one side only).
    public func reservedKeys() -> [(identifier: KeyIdentifier, master: String, slave: String, sizeBits: Int)] {
        keys.values.compactMap { stored in
            guard case let .reservedForSlave(master, slave, sizeBits) = stored.state else { return nil }
            return (stored.identifier, master, slave, sizeBits)
        }.sorted { $0.identifier < $1.identifier }
    }
}
