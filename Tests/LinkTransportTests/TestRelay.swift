import NIOCore
import NIOPosix

/// A tiny TCP relay between Alice and Bob for the tests: forwards both ways and, on command,
/// delays every chunk, swaps the next two chunks of a direction, drops everything, or cuts every
/// connection; it
/// records what Alice sent, for a replay.
/// In the test target (not Tools/) because only tests drive it so far: its commands are method
/// calls, and an executable would need a command protocol nobody uses yet.
final class TestRelay: @unchecked Sendable {
    // Touched only on `loop`.
    let loop: any EventLoop
    let targetPort: Int
    private(set) var port = 0
    private var server: (any Channel)?
    private var connections: [any Channel] = []
    var chunkDelay = TimeAmount.zero
    var swapNextTwoChunks = false
    /// Drops every chunk (a link gone quiet without a close).
    var dropsEverything = false
    private var heldChunk: (bytes: ByteBuffer, to: any Channel)?
    /// How many connections from the downstream side it accepted.
    private(set) var acceptedConnections = 0
    /// Every byte it carried from the downstream side (Alice) to the upstream side (Bob), in order.
    private(set) var recordedDownstreamBytes: [UInt8] = []

    private init(targetPort: Int) {
        loop = MultiThreadedEventLoopGroup.singleton.next()
        self.targetPort = targetPort
    }

    /// A relay on 127.0.0.1 (a free port) forwarding to 127.0.0.1:`targetPort`.
    static func start(targetPort: Int) async throws -> TestRelay {
        let relay = TestRelay(targetPort: targetPort)
        let server = try await ServerBootstrap(group: relay.loop)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RelayPipe(relay: relay, downstream: true))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        try await relay.loop.submit {
            relay.server = server
            relay.port = server.localAddress?.port ?? 0
        }.get()
        return relay
    }

    /// Closes every relayed connection (both sides see the socket close), keeps listening.
    func cutAll() async throws {
        try await loop.submit {
            for connection in self.connections { connection.close(promise: nil) }
            self.connections.removeAll()
            self.heldChunk = nil
        }.get()
    }

    /// Runs `change` on the relay's loop (set `chunkDelay`, `swapNextTwoChunks`).
    func configure(_ change: @escaping @Sendable (TestRelay) -> Void) async throws {
        try await loop.submit { change(self) }.get()
    }

    func stop() async {
        try? await cutAll()
        try? await loop.submit { self.server?.close(promise: nil) }.get()
    }

    func register(_ channel: any Channel) {
        connections.append(channel)
        if connections.count % 2 == 1 { acceptedConnections += 1 }
    }

    func forward(_ bytes: ByteBuffer, to partner: any Channel, fromDownstream: Bool) {
        if dropsEverything { return }
        if fromDownstream { recordedDownstreamBytes += Array(bytes.readableBytesView) }
        if swapNextTwoChunks {
            if let held = heldChunk, held.to === partner {
                heldChunk = nil
                swapNextTwoChunks = false
                write(bytes, to: partner)
                write(held.bytes, to: partner)
            } else if heldChunk == nil {
                heldChunk = (bytes, partner)
            } else {
                write(bytes, to: partner)
            }
            return
        }
        write(bytes, to: partner)
    }

    private func write(_ bytes: ByteBuffer, to partner: any Channel) {
        if chunkDelay == .zero {
            partner.writeAndFlush(bytes, promise: nil)
        } else {
            loop.scheduleTask(in: chunkDelay) { partner.writeAndFlush(bytes, promise: nil) }
        }
    }
}

/// One side of a relayed connection: forwards what it reads to its partner (buffering until the
/// upstream connection is up) and closes the partner when it closes.
final class RelayPipe: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    let relay: TestRelay
    let downstream: Bool
    private var partner: (any Channel)?
    private var pending: [ByteBuffer] = []

    init(relay: TestRelay, downstream: Bool, partner: (any Channel)? = nil) {
        self.relay = relay
        self.downstream = downstream
        self.partner = partner
    }

    func channelActive(context: ChannelHandlerContext) {
        guard downstream else { return }
        let child = context.channel
        relay.register(child)
        ClientBootstrap(group: context.eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RelayPipe(relay: self.relay, downstream: false, partner: child))
                }
            }
            .connect(host: "127.0.0.1", port: relay.targetPort)
            .whenComplete { result in
                switch result {
                case .success(let upstream):
                    guard child.isActive else { upstream.close(promise: nil); return }
                    self.relay.register(upstream)
                    self.partner = upstream
                    for bytes in self.pending { self.relay.forward(bytes, to: upstream, fromDownstream: true) }
                    self.pending.removeAll()
                case .failure:
                    child.close(promise: nil)
                }
            }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Self.unwrapInboundIn(data)
        if let partner { relay.forward(bytes, to: partner, fromDownstream: downstream) } else { pending.append(bytes) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
