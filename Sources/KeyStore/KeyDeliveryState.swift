/// Where a key is in its delivery to the two applications (SAEs) of ETSI GS QKD 014.
public enum KeyDeliveryState: Sendable, Equatable {
    /// In the store, not yet handed to anyone.
    case ready
    /// Handed to `master` (enc_keys, or the peer node's notice that its master took it), cut to
    /// `sizeBits`, and kept for `slave`'s dec_keys.
    case reservedForSlave(master: String, slave: String, sizeBits: Int)
    /// Handed to both sides; the bytes are erased and only this record remains, so a second
    /// request is answered "already delivered" rather than "unknown".
    case delivered(master: String, slave: String)
}
