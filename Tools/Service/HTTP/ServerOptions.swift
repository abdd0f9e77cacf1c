/// How `qdot serve` listens and whom it answers (docs/service.md, the options table).
public struct ServerOptions: Sendable, Equatable {
    /// The address to listen on; loopback unless the lab puts a reverse proxy in front.
    public var host: String
    /// The TCP port; 0 asks the system for a free one (reported through `onListening`).
    public var port: Int
    /// The bearer token control endpoints (and, unless `openRead`, read endpoints) require.
    public var token: String
    /// Read endpoints (status, runs, results, live stream, metrics) answer without the token.
    public var openRead: Bool
    /// The largest request body accepted; larger ones are refused with 413.
    public var maxUploadBytes: Int

    /// The listen address the docs give as default.
    public static let defaultHost = "127.0.0.1"
    /// The port the docs give as default.
    public static let defaultPort = 8470
    /// The body limit the docs give as default.
    public static let defaultMaxUploadBytes = 65_536

    public init(host: String = ServerOptions.defaultHost, port: Int = ServerOptions.defaultPort, token: String,
                openRead: Bool = false, maxUploadBytes: Int = ServerOptions.defaultMaxUploadBytes) {
        self.host = host
        self.port = port
        self.token = token
        self.openRead = openRead
        self.maxUploadBytes = maxUploadBytes
    }
}
