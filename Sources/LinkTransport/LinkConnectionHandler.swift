internal import NIOCore

/// The one handler on a link connection's pipeline: hands its events to the transport (same
/// event loop, so in order: all bytes of a closing connection before the next one opens).
final class LinkConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let transport: LinkTransport

    init(transport: LinkTransport) { self.transport = transport }

    func channelActive(context: ChannelHandlerContext) {
        transport.connectionOpened(context.channel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        transport.bytesReceived(Self.unwrapInboundIn(data), on: context.channel)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        transport.readBatchEnded(on: context.channel)
    }

    func channelInactive(context: ChannelHandlerContext) {
        transport.connectionClosed(context.channel)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
