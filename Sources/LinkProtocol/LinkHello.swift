/// The ``LinkMessageType/hello`` payload: the protocol versions the sender can speak, one byte
/// each after a count byte. Each node sends one on connecting; both then speak
/// ``negotiatedVersion(with:)``, the highest version both list.
public struct LinkHello: Sendable, Equatable {
    /// The versions the sender speaks.
    public let supportedVersions: [UInt8]

    /// A hello listing `supportedVersions` (1 to 255 of them).
    public init(supportedVersions: [UInt8] = LinkFrameLayout.supportedVersions) {
        self.supportedVersions = supportedVersions
    }

    /// The payload bytes: count, then the versions.
    public var payload: [UInt8] { [UInt8(clamping: supportedVersions.count)] + supportedVersions.prefix(255) }

    /// Reads a hello payload; the count must match the bytes that follow and be at least 1.
    public init(payload: some Collection<UInt8>) throws(LinkProtocolError) {
        let type = LinkMessageType.hello.rawValue
        guard let count = payload.first else { throw .malformedPayload(messageType: type, reason: "empty, expected a version count") }
        guard count > 0 else { throw .malformedPayload(messageType: type, reason: "version count is 0") }
        guard payload.count == 1 + Int(count) else {
            throw .malformedPayload(messageType: type, reason: "version count \(count) but \(payload.count - 1) version bytes follow")
        }
        supportedVersions = Array(payload.dropFirst())
    }

    /// The highest version both this node and the peer speak, nil when they share none (the
    /// node then sends ``LinkAbortReason/noCommonProtocolVersion``).
    public func negotiatedVersion(with peer: LinkHello) -> UInt8? {
        Set(supportedVersions).intersection(peer.supportedVersions).max()
    }
}
