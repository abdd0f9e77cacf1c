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

    /// The host and port of a `--listen` value: `127.0.0.1:8470`, `localhost:0`, `[::1]:8470`.
    /// Nil when there is no port, the port is not 0…65535, or the host is empty.
    public static func listenAddress(_ text: String) -> (host: String, port: Int)? {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
              let port = Int(portText), (0...65_535).contains(port) else { return nil }
        return (String(host), port)
    }
}
