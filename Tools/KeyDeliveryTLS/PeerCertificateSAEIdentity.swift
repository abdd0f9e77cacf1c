#if KeyDeliveryTLS
public import KeyDeliveryServer
public import NIOCore
import NIOSSL

/// The SAE id from the client certificate the TLS handshake verified against the trusted CA
/// (ETSI GS QKD 014 V1.1.1 clause 4: SAEs are authenticated by TLS client certificates). Which
/// field names the SAE is the lab's choice, fixed per server.
public struct PeerCertificateSAEIdentity: SAEIdentitySource {
    /// The certificate field holding the SAE id.
    public enum Field: Sendable, Equatable {
        /// The subject's commonName, e.g. `CN=SAE-Alice`.
        case subjectCommonName
        /// The first URI subjectAltName, e.g. `URI:sae:SAE-Alice` gives `sae:SAE-Alice`.
        case uriSubjectAlternativeName
        /// The first DNS subjectAltName.
        case dnsSubjectAlternativeName
    }

    /// Where the id is read.
    public let field: Field

    /// A source reading `field` of the verified peer certificate.
    public init(field: Field = .subjectCommonName) { self.field = field }

    /// The id in the peer certificate's `field`; refused when the connection is not TLS, carries
    /// no certificate, or the certificate has no such field.
    public func callerSAEID(on channel: any Channel) async -> Result<String, SAEIdentityRefusal> {
        let certificate: NIOSSLCertificate?
        do {
            certificate = try await channel.nioSSL_peerCertificate().get()
        } catch {
            return .failure(SAEIdentityRefusal(reason: "the connection is not TLS: no client certificate names the SAE"))
        }
        guard let certificate else { return .failure(SAEIdentityRefusal(reason: "the TLS client presented no certificate")) }
        let name: String?
        switch field {
        case .subjectCommonName:
            name = (try? certificate.toDERBytes()).flatMap { X509SubjectCommonName.commonName(der: $0) }
        case .uriSubjectAlternativeName, .dnsSubjectAlternativeName:
            let type: _SubjectAlternativeName.NameType = field == .uriSubjectAlternativeName ? .uri : .dnsName
            name = certificate._subjectAlternativeNames().first { $0.nameType == type }.map { String(decoding: Array($0.contents), as: UTF8.self) }
        }
        guard let name, !name.isEmpty else {
            return .failure(SAEIdentityRefusal(reason: "the client certificate has no \(field) naming the SAE"))
        }
        return .success(name)
    }
}
#endif
