#if Service
/// Where the key delivery server listens and what it accepts.
public struct KeyDeliveryServerOptions: Sendable {
    /// The largest request body read, bytes: a Key IDs body (clause 6.4) of 128 UUIDs is about
    /// 6 kB, so the default 64 KiB refuses only what no SAE sends (413, before any JSON is parsed).
    public static let defaultMaximumRequestBodyBytes = 65_536

    /// The address to bind ("127.0.0.1" behind a proxy; the lab network's address with TLS).
    public var host: String
    /// The TCP port; 0 picks a free one (tests).
    public var port: Int
    /// See ``defaultMaximumRequestBodyBytes``.
    public var maximumRequestBodyBytes: Int

    /// Options; see the properties.
    public init(host: String = "127.0.0.1", port: Int = 8443, maximumRequestBodyBytes: Int = defaultMaximumRequestBodyBytes) {
        self.host = host
        self.port = port
        self.maximumRequestBodyBytes = maximumRequestBodyBytes
    }
}
#endif
