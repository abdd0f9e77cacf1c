#if Service
public import NIOCore

/// Where the KME learns which SAE is calling. ETSI GS QKD 014 V1.1.1 clause 4 (and 5.1) has the
/// SAE authenticated by its TLS client certificate; the routes ask this source, with the request's
/// channel, and never read an identity from a header or the body.
public protocol SAEIdentitySource: Sendable {
    /// The calling SAE's id on `channel`, or a refusal saying why there is none (sent as 401).
    func callerSAEID(on channel: any Channel) async -> Result<String, SAEIdentityRefusal>
}

/// Why a request carries no usable SAE identity: the routes answer 401 with `reason` as the message.
public struct SAEIdentityRefusal: Error, Sendable, Equatable {
    /// What was missing or wrong, for the SAE's operator.
    public let reason: String
    /// A refusal saying `reason`.
    public init(reason: String) { self.reason = reason }
}

/// The same SAE id for every request, whatever the channel. For tests without TLS and for a server
/// behind a proxy that already verified the one client allowed on its socket — never on a port
/// other SAEs can reach, since it authenticates nobody.
public struct FixedSAEIdentity: SAEIdentitySource {
    /// The id every request is taken to come from.
    public let saeID: String
    /// A source answering `saeID` for every request.
    public init(saeID: String) { self.saeID = saeID }
    /// Always `saeID`.
    public func callerSAEID(on channel: any Channel) async -> Result<String, SAEIdentityRefusal> { .success(saeID) }
}
#endif
