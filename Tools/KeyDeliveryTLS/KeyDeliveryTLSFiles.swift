#if KeyDeliveryTLS
import Foundation
public import NIOSSL

/// The PEM files of a KME's mutual TLS (docs/key-delivery.md has the openssl commands): the
/// server's certificate chain and private key, and the CA whose certificates SAEs must present.
/// Hostnames are not checked on client certificates (`.noHostnameVerification`): an SAE is named
/// by its certificate, not by the address it calls from.
public struct KeyDeliveryTLSFiles: Sendable {
    /// The server's certificate, then any intermediates (PEM).
    public let serverCertificateChainPath: String
    /// The server's private key (PEM, unencrypted).
    public let serverPrivateKeyPath: String
    /// The CA certificate(s) that issue SAE client certificates (PEM); nothing else is trusted.
    public let clientCAPath: String

    /// The three files; see the properties.
    public init(serverCertificateChainPath: String, serverPrivateKeyPath: String, clientCAPath: String) {
        self.serverCertificateChainPath = serverCertificateChainPath
        self.serverPrivateKeyPath = serverPrivateKeyPath
        self.clientCAPath = clientCAPath
    }

    /// The server configuration: TLS 1.2 or later, client certificate required and verified
    /// against `clientCAPath` only (not the system's roots). Throws naming the file that is
    /// missing, unreadable or not PEM of the expected kind.
    public func serverConfiguration() throws(KeyDeliveryTLSError) -> TLSConfiguration {
        let chain = try load(serverCertificateChainPath, as: "server certificate chain") { try NIOSSLCertificate.fromPEMBytes($0) }
        guard !chain.isEmpty else { throw .notPEM(path: serverCertificateChainPath, role: "server certificate chain") }
        let key = try load(serverPrivateKeyPath, as: "server private key") { try NIOSSLPrivateKey(bytes: $0, format: .pem) }
        let authorities = try load(clientCAPath, as: "client CA") { try NIOSSLCertificate.fromPEMBytes($0) }
        guard !authorities.isEmpty else { throw .notPEM(path: clientCAPath, role: "client CA") }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates(authorities)
        return configuration
    }

    private func load<T>(_ path: String, as role: String, _ parse: ([UInt8]) throws -> T) throws(KeyDeliveryTLSError) -> T {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, role: role) }
        do {
            return try parse(Array(data))
        } catch {
            throw .notPEM(path: path, role: role)
        }
    }
}

/// A TLS file the key delivery server cannot use.
public enum KeyDeliveryTLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `path` (the `role` file) is missing or unreadable.
    case unreadable(path: String, role: String)
    /// `path` holds no PEM of the `role`'s kind.
    case notPEM(path: String, role: String)

    /// What is wrong, naming the file.
    public var description: String {
        switch self {
        case .unreadable(let path, let role): "\(role) file \(path) is missing or unreadable"
        case .notPEM(let path, let role): "\(role) file \(path) holds no PEM \(role.hasSuffix("key") ? "private key" : "certificate") this server can use"
        }
    }
}
#endif
