import Foundation

/// Fans the live frames out to every connected stream client (`GET /api/v1/live`).
///
/// `publish` is called by the service's sampler thread ten times a second and never waits: each
/// client has its own queue of `queueFrames` frames, and when a client reads too slowly the oldest
/// frame in its queue is dropped and counted (per client, filled into the `framesDropped` of the
/// frames that client does get, and in total for `/metrics`). A client that never reads costs
/// one queue, nothing else.
public final class LiveBroadcaster: Sendable {
    /// Frames a client may fall behind before the oldest is dropped.
    public static let queueFrames = 8

    /// What a client's stream carries: a frame, or a keep-alive when frames stopped coming.
    enum Event: Sendable {
        case frame(APIv1.Frame)
        case keepAlive
    }

    /// One client's place in the broadcast: its number and the events queued for it.
    struct Subscription: Sendable {
        let client: Int
        let events: AsyncStream<Event>
    }

    private struct Client {
        let continuation: AsyncStream<Event>.Continuation
        var framesDropped = 0
        var lastEvent: ContinuousClock.Instant
    }

    private struct State {
        var clients: [Int: Client] = [:]
        var nextClient = 0
        var framesDroppedTotal = 0
        var closed = false
    }

    private let state = LockedState(State())

    public init() {}

    /// Queues `frame` for every client; drops (and counts) the oldest frame of a client whose queue is full.
    public func publish(_ frame: APIv1.Frame) {
        let now = ContinuousClock.now
        state.withLock { state in
            for client in state.clients.keys {
                let result = state.clients[client]!.continuation.yield(.frame(frame))
                state.clients[client]!.lastEvent = now
                if case .dropped(.frame) = result {
                    state.clients[client]!.framesDropped += 1
                    state.framesDroppedTotal += 1
                }
            }
        }
    }

    /// Clients connected now.
    public var clientsConnected: Int { state.withLock { $0.clients.count } }

    /// Frames dropped for slow clients over the broadcaster's life.
    public var framesDroppedTotal: Int { state.withLock { $0.framesDroppedTotal } }

    /// Ends every client's stream and refuses new ones (the server is shutting down).
    public func closeAll() {
        let continuations = state.withLock { state in
            state.closed = true
            return state.clients.values.map(\.continuation)
        }
        for continuation in continuations { continuation.finish() }
    }

    /// A new client's queue; nil once the broadcaster is closed.
    func subscribe() -> Subscription? {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(Self.queueFrames))
        let client: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            let client = state.nextClient
            state.nextClient += 1
            state.clients[client] = Client(continuation: continuation, lastEvent: .now)
            return client
        }
        guard let client else {
            continuation.finish()
            return nil
        }
        return Subscription(client: client, events: events)
    }

    /// Forgets a client (it disconnected); its dropped frames stay in the total.
    func unsubscribe(_ client: Int) {
        let continuation = state.withLock { $0.clients.removeValue(forKey: client)?.continuation }
        continuation?.finish()
    }

    /// Frames dropped for one client so far.
    func framesDropped(client: Int) -> Int {
        state.withLock { $0.clients[client]?.framesDropped ?? 0 }
    }

    /// Queues a keep-alive for a client that has had no event for `idle` (a quiet stream still
    /// shows proxies and the client that the connection is alive).
    func keepAliveIfIdle(client: Int, idle: Duration) {
        let now = ContinuousClock.now
        state.withLock { state in
            guard let last = state.clients[client]?.lastEvent, now - last >= idle else { return }
            state.clients[client]!.continuation.yield(.keepAlive)
            state.clients[client]!.lastEvent = now
        }
    }
}
