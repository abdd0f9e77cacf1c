#if KeyDeliveryTLS
public import Hummingbird
import HummingbirdTLS
public import KeyDeliveryServer
public import NIOSSL

extension KeyDeliveryServer {
    /// The application serving `makeRouter()` over mutual TLS with `tls` (see
    /// ``KeyDeliveryTLSFiles/serverConfiguration()``); the server should have been made with a
    /// ``PeerCertificateSAEIdentity``. `onListening` gets the port bound.
    public func makeTLSApplication(tls: TLSConfiguration, onListening: @escaping @Sendable (Int) -> Void = { _ in }) throws
        -> Application<RouterResponder<KeyDeliveryRequestContext>> {
        let port = options.port
        return Application(router: makeRouter(), server: try .tls(.http1(), tlsConfiguration: tls),
                           configuration: .init(address: .hostname(options.host, port: port), serverName: "qdot-kme"),
                           onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) })
    }
}
#endif
