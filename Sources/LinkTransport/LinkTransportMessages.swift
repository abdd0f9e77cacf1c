public import LinkProtocol

/// The peer's messages as an async sequence (``LinkTransport/messages``): authenticated, in
/// order, each once; ends after the transport is closed and drained.
public struct LinkTransportMessages: AsyncSequence, Sendable {
    /// One authenticated message from the peer.
    public typealias Element = LinkMessage
    let transport: LinkTransport

    /// Yields the transport's received messages.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let transport: LinkTransport

        /// The next message, or nil once the transport is closed and nothing is left.
        public mutating func next() async -> LinkMessage? {
            let transport = transport
            return await withCheckedContinuation { continuation in
                transport.loop.execute { transport.takeMessage(continuation) }
            }
        }
    }

    /// An iterator over the transport's received messages (cancelling its task does not end a
    /// waiting `next()`; ``LinkTransport/close()`` does).
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(transport: transport) }
}
