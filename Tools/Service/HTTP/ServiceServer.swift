import Hummingbird
import ServiceLifecycle

/// The HTTP side of `qdot serve` (docs/service.md): the API under `/api/v1`, the live stream, the
/// metrics and the dashboard's files, in front of a `BoardService` that owns the board. Nothing
/// here touches the board or the file system by itself: it asks the service, and serves the files
/// whose absolute paths the service hands back.
public struct ServiceServer: Sendable {
    let service: any BoardService
    let options: ServerOptions
    let broadcaster: LiveBroadcaster
    /// Quiet time after which a live stream gets a `: keep-alive` comment (shorter in tests).
    var keepAliveInterval: Duration = .seconds(5)

    /// A server for `service`; every live frame the service samples goes to `broadcaster`.
    public init(service: any BoardService, options: ServerOptions, broadcaster: LiveBroadcaster) {
        self.service = service
        self.options = options
        self.broadcaster = broadcaster
        service.onFrame { [broadcaster] frame in broadcaster.publish(frame) }
    }

    /// The router with every route of the table in docs/service.md.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(ErrorBodyMiddleware())
        router.middlewares.add(BearerTokenMiddleware(token: options.token, openRead: options.openRead))
        addDashboardRoutes(to: router)
        addReadRoutes(to: router)
        addControlRoutes(to: router)
        addLiveRoute(to: router)
        return router
    }

    /// The application serving `makeRouter()` on the options' address.
    func makeApplication(onListening: @escaping @Sendable (String, Int) -> Void = { _, _ in })
        -> Application<RouterResponder<BasicRequestContext>> {
        let host = options.host
        let configuredPort = options.port
        return Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(host, port: configuredPort), serverName: "qdot"),
            onServerRunning: { channel in onListening(host, channel.localAddress?.port ?? configuredPort) })
    }

    /// Runs the server until `shutdown` returns, then closes the live streams, lets requests in
    /// flight finish and returns. `onListening` gets the address actually bound (port 0 picks a
    /// free port). If the server fails to start, this throws and `shutdown` is cancelled.
    public func serve(onListening: @escaping @Sendable (_ host: String, _ port: Int) -> Void,
                      until shutdown: @escaping @Sendable () async -> Void) async throws {
        let application = makeApplication(onListening: onListening)
        var configuration = ServiceGroupConfiguration(services: [application], logger: application.logger)
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        let group = ServiceGroup(configuration: configuration)
        let watcher = Task { [broadcaster] in
            await shutdown()
            broadcaster.closeAll()
            await group.triggerGracefulShutdown()
        }
        defer { watcher.cancel() }
        try await group.run()
    }

    private func addDashboardRoutes(to router: Router<BasicRequestContext>) {
        for path in DashboardFiles.paths {
            router.get(RouterPath(path)) { request, _ in DashboardFiles.response(for: request.uri.path) }
        }
    }
}
