#if Service
import Testing
@testable import Service

/// The live fan-out never waits for a client: a slow client loses its oldest frames, counted.
struct LiveBroadcasterTests {
    @Test func aClientThatNeverReadsBlocksNothingAndItsDropsAreCounted() async throws {
        let broadcaster = LiveBroadcaster()
        let stalled = try #require(broadcaster.subscribe())
        let reader = try #require(broadcaster.subscribe())
        #expect(broadcaster.clientsConnected == 2)

        let start = ContinuousClock.now
        for sequence in 1...1000 { broadcaster.publish(.numbered(sequence)) }
        let publishing = ContinuousClock.now - start
        #expect(publishing < .seconds(1), "1000 publishes took \(publishing)")

        // Each client kept only the newest 8 frames; the other 992 were dropped and counted.
        #expect(broadcaster.framesDropped(client: stalled.client) == 992)
        #expect(broadcaster.framesDropped(client: reader.client) == 992)
        #expect(broadcaster.framesDroppedTotal == 2 * 992)

        var iterator = reader.events.makeAsyncIterator()
        var received: [Int] = []
        while received.count < LiveBroadcaster.queueFrames, let event = await iterator.next() {
            if case .frame(let frame) = event { received.append(frame.sequence) }
        }
        #expect(received == Array(993...1000))

        // Once the reader is draining, new frames reach it as they come; the stalled client's
        // count keeps growing, the reader's does not.
        broadcaster.publish(.numbered(1001))
        guard case .frame(let next) = await iterator.next() else { Issue.record("no frame after 1001"); return }
        #expect(next.sequence == 1001)
        #expect(broadcaster.framesDropped(client: reader.client) == 992)
        #expect(broadcaster.framesDropped(client: stalled.client) == 993)

        broadcaster.unsubscribe(stalled.client)
        #expect(broadcaster.clientsConnected == 1)
        #expect(broadcaster.framesDroppedTotal == 992 + 993, "a client that leaves keeps its drops in the total")
    }

    @Test func closingEndsEveryStreamAndRefusesNewClients() async throws {
        let broadcaster = LiveBroadcaster()
        let client = try #require(broadcaster.subscribe())
        broadcaster.publish(.numbered(1))
        broadcaster.closeAll()
        var sequences: [Int] = []
        for await event in client.events { if case .frame(let frame) = event { sequences.append(frame.sequence) } }
        #expect(sequences == [1], "frames queued before closing are still delivered, then the stream ends")
        #expect(broadcaster.subscribe() == nil)
    }

    @Test func aQuietClientGetsAKeepAliveOnlyAfterItsIdleTime() async throws {
        let broadcaster = LiveBroadcaster()
        let client = try #require(broadcaster.subscribe())
        broadcaster.keepAliveIfIdle(client: client.client, idle: .seconds(60))
        broadcaster.keepAliveIfIdle(client: client.client, idle: .zero)
        broadcaster.publish(.numbered(7))
        broadcaster.closeAll()
        var events: [String] = []
        for await event in client.events {
            switch event {
            case .frame(let frame): events.append("frame \(frame.sequence)")
            case .keepAlive: events.append("keep-alive")
            }
        }
        #expect(events == ["keep-alive", "frame 7"])
    }

    @Test func fiftyClientsOneStalledEachGetEveryFrameTheyReadInOrder() async throws {
        let broadcaster = LiveBroadcaster()
        let stalled = try #require(broadcaster.subscribe())
        let readers = (0..<49).compactMap { _ in broadcaster.subscribe() }
        #expect(broadcaster.clientsConnected == 50)
        var publishing = Duration.zero
        for round in 0..<100 {
            let start = ContinuousClock.now
            for step in 1...4 { broadcaster.publish(.numbered(round * 4 + step)) }
            publishing += ContinuousClock.now - start
            // Every reader drains what it was sent; the stalled one never does.
            for reader in readers {
                var iterator = reader.events.makeAsyncIterator()
                for step in 1...4 {
                    guard case .frame(let frame) = await iterator.next() else { Issue.record("stream ended"); return }
                    #expect(frame.sequence == round * 4 + step)
                }
            }
        }
        print("LiveBroadcaster: 400 publishes to 50 clients took \(publishing) (\(publishing / 400) each)")
        #expect(publishing < .seconds(1))
        #expect(readers.allSatisfy { broadcaster.framesDropped(client: $0.client) == 0 })
        #expect(broadcaster.framesDropped(client: stalled.client) == 400 - LiveBroadcaster.queueFrames)
        #expect(broadcaster.framesDroppedTotal == 400 - LiveBroadcaster.queueFrames)
    }
}
#endif
