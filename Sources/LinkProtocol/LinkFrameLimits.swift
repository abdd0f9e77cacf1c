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

/// The largest frame a node accepts or sends. A declared length above it is refused as soon as
/// the header has arrived, before any payload is buffered, so a peer cannot make a node allocate
/// more than this.
public struct LinkFrameLimits: Sendable, Equatable {
    /// The largest whole frame (header, payload and tag), in bytes.
    public let maximumFrameBytes: Int

    /// 4 MiB frames: a 10⁶-bit block's bases (125 kB) or Cascade parities fit many times over.
    public static let standard = LinkFrameLimits(uncheckedMaximumFrameBytes: 4 << 20)

    /// A limit of `maximumFrameBytes`; it must leave room for a header and a tag and stay below
    /// 2³² bytes of payload (the length field's range).
    public init(maximumFrameBytes: Int) throws(LinkProtocolError) {
        let overhead = LinkFrameLayout.headerBytes + LinkFrameLayout.tagBytes
        guard maximumFrameBytes >= overhead, maximumFrameBytes - overhead <= Int(UInt32.max) else {
            throw .invalidFrameLimit(maximumFrameBytes: maximumFrameBytes,
                                     allowed: overhead...(overhead + Int(UInt32.max)))
        }
        self.maximumFrameBytes = maximumFrameBytes
    }

    private init(uncheckedMaximumFrameBytes: Int) { maximumFrameBytes = uncheckedMaximumFrameBytes }

    /// The largest payload a frame may carry, in bytes.
    public var maximumPayloadBytes: Int {
        maximumFrameBytes - LinkFrameLayout.headerBytes - LinkFrameLayout.tagBytes
    }
}
