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
