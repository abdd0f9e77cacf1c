#if Service
public import Hummingbird
public import NIOCore

/// The request context of the key delivery routes: Hummingbird's basics plus the connection's
/// channel, from which an ``SAEIdentitySource`` reads the caller (the TLS peer certificate).
public struct KeyDeliveryRequestContext: RequestContext {
    /// Hummingbird's own per-request state.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel

    /// A context for a request on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
#endif
