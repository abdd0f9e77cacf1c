#if Service
public import Hummingbird
public import KeyStore

/// ETSI GS QKD 014 V1.1.1's REST interface of one KME (docs/key-delivery.md), over the request
/// logic of ``ETSIKeyDeliveryHandler``:
///
///     GET      /api/v1/keys/{slave_SAE_ID}/status    → status   (clause 5.2)
///     GET|POST /api/v1/keys/{slave_SAE_ID}/enc_keys  → encKeys  (clause 5.3)
///     GET|POST /api/v1/keys/{master_SAE_ID}/dec_keys → decKeys  (clause 5.4)
///
/// The caller is whoever `identity` says (the TLS client certificate), never a header. Every
/// answer is `application/json`: the handler's body or the clause 6.5 error body, with the
/// handler's status (200, 400, 401, 503), 404 for any other path, 413 for a body over the limit.
/// No request or response body is logged (they carry keys).
public struct KeyDeliveryServer: Sendable {
    /// The request logic and its store.
    public let handler: ETSIKeyDeliveryHandler
    /// Who is calling.
    public let identity: any SAEIdentitySource
    /// Address and limits.
    public let options: KeyDeliveryServerOptions

    /// A server answering with `handler` to callers named by `identity`.
    public init(handler: ETSIKeyDeliveryHandler, identity: any SAEIdentitySource, options: KeyDeliveryServerOptions = .init()) {
        self.handler = handler
        self.identity = identity
        self.options = options
    }

    /// The router with the five routes above and the error-body middleware.
    public func makeRouter() -> Router<KeyDeliveryRequestContext> {
        let router = Router(context: KeyDeliveryRequestContext.self)
        router.middlewares.add(ETSIErrorBodyMiddleware())
        addRoutes(to: router)
        return router
    }

    /// The application serving `makeRouter()` over plain HTTP on the options' address; a TLS
    /// front end (docs/key-delivery.md) passes its own server. `onListening` gets the port bound.
    public func makeApplication(onListening: @escaping @Sendable (Int) -> Void = { _ in })
        -> Application<RouterResponder<KeyDeliveryRequestContext>> {
        let port = options.port
        return Application(router: makeRouter(),
                           configuration: .init(address: .hostname(options.host, port: port), serverName: "qdot-kme"),
                           onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) })
    }
}
#endif
