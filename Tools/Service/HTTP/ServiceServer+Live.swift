import Foundation
import Hummingbird

/// `GET /api/v1/live`: Server-Sent Events, one `event: frame` per sampled frame, a `: keep-alive`
/// comment when no frame came for `keepAliveInterval` (5 s).
extension ServiceServer {
    func addLiveRoute(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/live") { _, _ in
            guard let subscription = broadcaster.subscribe() else {
                return JSONResponse.error(.serviceUnavailable, "the service is shutting down")
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody { [broadcaster, keepAliveInterval] writer in
                defer { broadcaster.unsubscribe(subscription.client) }
                try await Self.stream(subscription, from: broadcaster, keepAlive: keepAliveInterval, to: &writer)
                try await writer.finish(nil)
            })
        }
    }

    /// Writes the client's events until its stream ends (shutdown) or a write fails (the client left).
    private static func stream(_ subscription: LiveBroadcaster.Subscription, from broadcaster: LiveBroadcaster,
                               keepAlive interval: Duration, to writer: inout any ResponseBodyWriter) async throws {
        try await withThrowingTaskGroup(of: Void.self) { keepAlive in
            keepAlive.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: min(.seconds(1), interval / 5))
                    broadcaster.keepAliveIfIdle(client: subscription.client, idle: interval)
                }
            }
            defer { keepAlive.cancelAll() }
            let encoder = JSONEncoder()
            for await event in subscription.events {
                switch event {
                case .frame(var frame):
                    frame.framesDropped = broadcaster.framesDropped(client: subscription.client)
                    guard let json = try? encoder.encode(frame) else { continue }
                    var buffer = ByteBuffer()
                    buffer.writeString("event: frame\ndata: ")
                    buffer.writeBytes(json)
                    buffer.writeString("\n\n")
                    try await writer.write(buffer)
                case .keepAlive:
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                }
            }
        }
    }
}
