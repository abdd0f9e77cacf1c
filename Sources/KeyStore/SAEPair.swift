/// A master/slave pair of applications (SAEs) allowed to share keys through this KME.
public struct SAEPair: Sendable, Hashable {
    /// The SAE that calls enc_keys.
    public let master: String
    /// The SAE that calls dec_keys.
    public let slave: String
    /// The pair (`master`, `slave`).
    public init(master: String, slave: String) {
        self.master = master
        self.slave = slave
    }
}
