#if KeyDeliveryTLS
import Foundation
import KeyDeliveryServer
@testable import KeyDeliveryTLS
import KeyStore
import ServiceLifecycle
import Testing

/// The KME over mutual TLS on 127.0.0.1, called with curl and certificates made by openssl at test
/// time: the SAE is who its certificate says, and nobody without the lab CA's certificate gets in.
@Suite struct MutualTLSTests {
    /// One curl call: its exit status, the HTTP status ("000" when there was no HTTP answer) and body.
    private func curl(_ url: String, certificate: String?, key: String?, ca: String) throws -> (exit: Int32, http: String, body: String) {
        var arguments = ["-sS", "--max-time", "20", "--cacert", ca, "-w", "\n%{http_code}", url]
        if let certificate, let key { arguments += ["--cert", certificate, "--key", key] }
        let result = try run("/usr/bin/curl", arguments)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (result.status, String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
    }

    /// Alice's certificate gets keys for Bob; Carol's (same CA) gets 401 for Alice's slave;
    /// a SAE-Alice certificate from another CA and a client with no certificate are refused in the
    /// handshake, with no HTTP answer at all, and no key leaves the store for them.
    @Test func onlyTheLabCAsClientsGetInAndEachOnlyForItsOwnPair() async throws {
        let pki = try TestCertificates()
        defer { pki.remove() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-kme-tls-store-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try KeyStore(directory: folder, keySizeBits: 256)
        try await store.deposit(blockID: 7, keys: (0..<4).map { index in KeyMaterial(bytes: (0..<32).map { UInt8(truncatingIfNeeded: $0 * 7 + index) }) })
        let handler = ETSIKeyDeliveryHandler(store: store, configuration: KeyDeliveryConfiguration(
            localKMEID: "KME-Alice", peerKMEID: "KME-Bob",
            saePairs: [SAEPair(master: "SAE-Alice", slave: "SAE-Bob"), SAEPair(master: "SAE-Carol", slave: "SAE-Dave")]))
        let tls = try KeyDeliveryTLSFiles(serverCertificateChainPath: pki.path("server.pem"), serverPrivateKeyPath: pki.path("server.key"),
                                          clientCAPath: pki.path("lab-ca.pem")).serverConfiguration()
        let server = KeyDeliveryServer(handler: handler, identity: PeerCertificateSAEIdentity(field: .subjectCommonName),
                                       options: KeyDeliveryServerOptions(host: "127.0.0.1", port: 0))
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let application = try server.makeTLSApplication(tls: tls) { portSink.yield($0) }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: application.logger))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        var portIterator = ports.makeAsyncIterator()
        let port = try #require(await portIterator.next())
        let url = "https://127.0.0.1:\(port)/api/v1/keys/SAE-Bob/enc_keys?number=2"
        let ca = pki.path("lab-ca.pem")

        let alice = try curl(url, certificate: pki.path("alice.pem"), key: pki.path("alice.key"), ca: ca)
        #expect(alice.exit == 0 && alice.http == "200", "\(alice)")
        let keys = try JSONDecoder().decode(ETSIKeyContainer.self, from: Data(alice.body.utf8)).keys
        #expect(keys.count == 2 && keys.allSatisfy { Data(base64Encoded: $0.key)?.count == 32 })

        let carol = try curl(url, certificate: pki.path("carol.pem"), key: pki.path("carol.key"), ca: ca)
        #expect(carol.http == "401", "\(carol)")
        #expect(try JSONDecoder().decode(ETSIErrorBody.self, from: Data(carol.body.utf8)).message
                == "SAE pair master SAE-Carol, slave SAE-Bob is not authorized")

        let mallory = try curl(url, certificate: pki.path("mallory.pem"), key: pki.path("mallory.key"), ca: ca)
        #expect(mallory.exit != 0 && mallory.http == "000", "another CA's SAE-Alice: \(mallory)")
        let anonymous = try curl(url, certificate: nil, key: nil, ca: ca)
        #expect(anonymous.exit != 0 && anonymous.http == "000", "no certificate: \(anonymous)")
        #expect(await store.readyKeyCount == 2)

        await group.triggerGracefulShutdown()
        try await running.value
    }

    /// The configuration refuses files it cannot use, naming the file and its role.
    @Test func missingOrWrongFilesAreRefusedByName() throws {
        let pki = try TestCertificates()
        defer { pki.remove() }
        let missing = KeyDeliveryTLSFiles(serverCertificateChainPath: pki.path("server.pem"), serverPrivateKeyPath: pki.path("nope.key"),
                                          clientCAPath: pki.path("lab-ca.pem"))
        #expect(throws: KeyDeliveryTLSError.unreadable(path: pki.path("nope.key"), role: "server private key")) { try missing.serverConfiguration() }
        let swapped = KeyDeliveryTLSFiles(serverCertificateChainPath: pki.path("server.pem"), serverPrivateKeyPath: pki.path("server.pem"),
                                          clientCAPath: pki.path("server.key"))
        #expect(throws: KeyDeliveryTLSError.notPEM(path: pki.path("server.pem"), role: "server private key")) { try swapped.serverConfiguration() }
        let caIsKey = KeyDeliveryTLSFiles(serverCertificateChainPath: pki.path("server.pem"), serverPrivateKeyPath: pki.path("server.key"),
                                          clientCAPath: pki.path("server.key"))
        #expect(throws: KeyDeliveryTLSError.notPEM(path: pki.path("server.key"), role: "client CA")) { try caIsKey.serverConfiguration() }
    }

    /// The commonName reader against openssl's own reading of the same certificates (issuer CN
    /// differs from subject CN, so taking the wrong name fails), and garbage is nil, not a crash.
    @Test func commonNameReaderAgreesWithOpenSSL() throws {
        let pki = try TestCertificates()
        defer { pki.remove() }
        for name in ["alice", "carol", "mallory", "server"] {
            let der = try run("/usr/bin/openssl", ["x509", "-in", pki.path("\(name).pem"), "-outform", "DER", "-out", pki.path("\(name).der")])
            #expect(der.status == 0)
            let subject = try run("/usr/bin/openssl", ["x509", "-in", pki.path("\(name).pem"), "-noout", "-subject", "-nameopt", "multiline"])
            let expected = subject.output.split(separator: "\n").compactMap { line -> String? in
                let parts = line.split(separator: "=", maxSplits: 1)
                return parts.count == 2 && parts[0].trimmingCharacters(in: .whitespaces) == "commonName" ? parts[1].trimmingCharacters(in: .whitespaces) : nil
            }.last
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: pki.path("\(name).der"))))
            #expect(expected != nil && X509SubjectCommonName.commonName(der: bytes) == expected, "\(name)")
            #expect(X509SubjectCommonName.commonName(der: Array(bytes.prefix(bytes.count / 2))) == nil, "\(name) cut in half")
        }
        for garbage: [UInt8] in [[], [0x30], [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF], [0x30, 0x03, 0x30, 0x01, 0x02], Array(repeating: 0x30, count: 64)] {
            #expect(X509SubjectCommonName.commonName(der: garbage) == nil)
        }
    }
}
#endif
