import KeyExchange
import KeyStore
import LinkTransport
#if Service
import Hummingbird
import KeyDeliveryServer
import ServiceLifecycle
#endif
#if KeyDeliveryTLS
import KeyDeliveryTLS
#endif

/// The node's ETSI GS QKD 014 server (docs/key-delivery.md): mutual TLS when the node file names
/// the PEM files (a build with the KeyDeliveryTLS trait), else plain HTTP on a loopback address
/// with every caller taken as this node's own SAE (a bench setup). Alice's serves enc_keys and
/// tells Bob's node of each key it hands out; Bob's serves dec_keys.
struct LinkNodeKeyDelivery: Sendable {
    private let stopAction: @Sendable () async -> Void

    /// Stops the server and waits for it.
    func stop() async { await stopAction() }

    static func start(file: LinkNodeFile, store: KeyStore, transport: LinkTransport, log: @escaping @Sendable (String) -> Void,
                      onListening: @escaping @Sendable (Int) -> Void) async throws(LinkNodeError) -> LinkNodeKeyDelivery {
        #if Service
        let delivery = file.keyDelivery
        let alice = file.role == .alice
        let configuration = KeyDeliveryConfiguration(localKMEID: delivery.kmeID, peerKMEID: delivery.peerKMEID,
                                                     saePairs: [SAEPair(master: delivery.masterSAE, slave: delivery.slaveSAE)])
        let tellBob: ETSIKeyDeliveryHandler.ReservationNotice = { identifiers, master, slave, sizeBits in
            let reservation = KeyDeliveryReservation(master: master, slave: slave, sizeBits: sizeBits, identifiers: identifiers)
            do { try await transport.send(.keyDeliveryReservation, payload: reservation.encode()) } catch {
                log("key delivery: the reservation notice of \(identifiers.count) keys waits for the next start: \(error)")
            }
        }
        let notice: ETSIKeyDeliveryHandler.ReservationNotice? = alice ? tellBob : nil
        let handler = ETSIKeyDeliveryHandler(store: store, configuration: configuration, servesEncKeys: alice, reservationNotice: notice)
        let options = KeyDeliveryServerOptions(host: delivery.listen.host, port: delivery.listen.port)
        let scheme: String
        let application: Application<RouterResponder<KeyDeliveryRequestContext>>
        let reportPort: @Sendable (Int) -> Void = { port in
            log("key delivery: ETSI GS QKD 014 on \(delivery.listen.host):\(port)")
            onListening(port)
        }
        if let tls = delivery.tls {
            #if KeyDeliveryTLS
            do {
                let configuration = try KeyDeliveryTLSFiles(serverCertificateChainPath: tls.certificateChain, serverPrivateKeyPath: tls.privateKey,
                                                            clientCAPath: tls.clientCA).serverConfiguration()
                let server = KeyDeliveryServer(handler: handler, identity: PeerCertificateSAEIdentity(field: .subjectCommonName), options: options)
                application = try server.makeTLSApplication(tls: configuration, onListening: reportPort)
            } catch { throw .service("\(file.fileName): [key-delivery] TLS: \(error)") }
            scheme = "https, mutual TLS"
            #else
            _ = tls
            throw .service("\(file.fileName): [key-delivery] names TLS files, but this qdot was built without mutual TLS: "
                           + "build it with `swift build --traits KeyDeliveryTLS`")
            #endif
        } else {
            guard ["127.0.0.1", "::1", "localhost"].contains(delivery.listen.host) else {
                throw .service("\(file.fileName): [key-delivery] listen \(delivery.listen): plain HTTP only on a loopback address; "
                               + "give tls-certificate-chain, tls-private-key and tls-client-ca to serve other hosts")
            }
            let caller = alice ? delivery.masterSAE : delivery.slaveSAE
            application = KeyDeliveryServer(handler: handler, identity: FixedSAEIdentity(saeID: caller), options: options)
                .makeApplication(onListening: reportPort)
            scheme = "plain HTTP on loopback, every caller taken as \(caller)"
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: application.logger))
        let running = Task {
            do { try await group.run() } catch { log("key delivery: the server stopped: \(error)") }
        }
        log("key delivery: starting (\(scheme))")
        return LinkNodeKeyDelivery {
            await group.triggerGracefulShutdown()
            _ = await running.result
        }
        #else
        log("key delivery: not in this build (it needs the Service trait); keys stay in \(store.directory)")
        return LinkNodeKeyDelivery { }
        #endif
    }
}
