/// The wire layout of a frame and its size limit.
///
///     offset  size  field
///          0     4  magic "QDLK" (0x51 0x44 0x4C 0x4B)
///          4     1  protocol version (``LinkFrameLayout/currentVersion``)
///          5     1  message type (``LinkMessageType``)
///          6     8  sequence number, big-endian, per direction, strictly increasing
///         14     4  payload length in bytes, big-endian
///         18     n  payload
///       18+n    16  authentication tag over bytes 0 ..< 18+n (``LinkAuthenticator``)
public enum LinkFrameLayout {
    /// The four bytes every frame starts with, "QDLK".
    public static let magic: [UInt8] = [0x51, 0x44, 0x4C, 0x4B]
    /// The protocol version this code writes and reads.
    public static let currentVersion: UInt8 = 1
    /// The versions this code can read.
    public static let supportedVersions: [UInt8] = [1]
    /// Bytes before the payload.
    public static let headerBytes = 18
    /// Bytes of the authentication tag after the payload.
    public static let tagBytes = 16
}
