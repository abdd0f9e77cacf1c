/// The streaming frame decoder: takes bytes as they arrive (part of a frame, or several frames
/// at once) and hands out whole frames. Each header field is checked as soon as its bytes are in,
/// so a bad magic fails on the first bytes and an oversized length before the payload is buffered.
/// After an error the decoder keeps failing with it (a byte stream cannot be resynchronised);
/// ``reset()`` starts over for a new connection.
public struct LinkFrameDecoder: Sendable {
    /// The size limit frames are checked against.
    public let limits: LinkFrameLimits
    private var buffer: [UInt8] = []
    private var readOffset = 0
    /// The error that stopped the stream, if one did.
    public private(set) var failure: LinkProtocolError?

    /// A decoder for frames up to `limits`.
    public init(limits: LinkFrameLimits = .standard) { self.limits = limits }

    /// Bytes received and not yet handed out as frames.
    public var bufferedBytes: Int { buffer.count - readOffset }

    /// Takes the next received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next whole frame, or nil when more bytes are needed.
    public mutating func nextFrame() throws(LinkProtocolError) -> LinkFrame? {
        if let failure { throw failure }
        do throws(LinkProtocolError) {
            return try decodeFrame()
        } catch {
            failure = error
            throw error
        }
    }

    /// Declares the stream over: throws if it ended inside a frame (or had failed).
    public func endOfStream() throws(LinkProtocolError) {
        if let failure { throw failure }
        guard bufferedBytes > 0 else { return }
        let expected = bufferedBytes >= LinkFrameLayout.headerBytes
            ? LinkFrameLayout.headerBytes + Int(readLength()) + LinkFrameLayout.tagBytes
            : LinkFrameLayout.headerBytes
        throw .truncatedFrame(receivedBytes: bufferedBytes, expectedBytes: expected)
    }

    /// Drops everything buffered and any failure, for a new connection.
    public mutating func reset() {
        buffer = []
        readOffset = 0
        failure = nil
    }

    private mutating func decodeFrame() throws(LinkProtocolError) -> LinkFrame? {
        let available = bufferedBytes
        let magicBytes = min(available, 4)
        if magicBytes > 0, !buffer[readOffset..<(readOffset + magicBytes)].elementsEqual(LinkFrameLayout.magic.prefix(magicBytes)) {
            throw .badMagic(found: Array(buffer[readOffset..<(readOffset + magicBytes)]))
        }
        guard available > 4 else { return nil }
        let version = buffer[readOffset + 4]
        guard LinkFrameLayout.supportedVersions.contains(version) else {
            throw .unsupportedVersion(found: version, supported: LinkFrameLayout.supportedVersions)
        }
        guard available > 5 else { return nil }
        guard let messageType = LinkMessageType(rawValue: buffer[readOffset + 5]) else {
            throw .unknownMessageType(buffer[readOffset + 5])
        }
        guard available >= LinkFrameLayout.headerBytes else { return nil }
        let payloadBytes = Int(readLength())
        guard payloadBytes <= limits.maximumPayloadBytes else {
            throw .payloadTooLong(declaredBytes: payloadBytes, maximumBytes: limits.maximumPayloadBytes)
        }
        let authenticatedEnd = readOffset + LinkFrameLayout.headerBytes + payloadBytes
        let frameEnd = authenticatedEnd + LinkFrameLayout.tagBytes
        guard buffer.count >= frameEnd else { return nil }
        var sequenceNumber: UInt64 = 0
        for byte in buffer[(readOffset + 6)..<(readOffset + 14)] { sequenceNumber = sequenceNumber << 8 | UInt64(byte) }
        let frame = LinkFrame(version: version, messageType: messageType, sequenceNumber: sequenceNumber,
                              authenticatedBytes: Array(buffer[readOffset..<authenticatedEnd]),
                              tag: Array(buffer[authenticatedEnd..<frameEnd]))
        readOffset = frameEnd
        if readOffset == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readOffset = 0
        } else if readOffset >= 1 << 16 && readOffset * 2 >= buffer.count {
            buffer.removeFirst(readOffset)
            readOffset = 0
        }
        return frame
    }

    /// The payload length field (bytes 14–17) of the frame at the read position.
    private func readLength() -> UInt32 {
        buffer[(readOffset + 14)..<(readOffset + 18)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
