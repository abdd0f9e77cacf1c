import Foundation
import KeyDistillation
@testable import KeyExchange
import KeyStore
import LinkProtocol
import SeededRandom

/// Alice's and Bob's nodes in one process: two sessions from one seeded pre-shared secret, two
/// stores in fresh folders; every message sealed by its sender's session and read back by the
/// receiver's (the bytes a transport would carry).
struct TwoNodeLink {
    var aliceSession: LinkSession
    var bobSession: LinkSession
    let aliceFolder: String
    let bobFolder: String
    var aliceStore: KeyStore
    var bobStore: KeyStore
    static let keySizeBits = 256

    /// Sessions over `pads` pads per direction (seed 1401), stores of 256-bit keys.
    init(pads: Int = 2048) throws {
        var generator = Xoshiro256StarStar(seed: 1401)
        let secret = (0..<(32 + 32 * pads)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        aliceSession = try LinkSession(preSharedSecret: secret, role: .alice)
        bobSession = try LinkSession(preSharedSecret: secret, role: .bob)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-exchange-\(UUID().uuidString)").path
        aliceFolder = base + "/alice"
        bobFolder = base + "/bob"
        aliceStore = try KeyStore(directory: aliceFolder, keySizeBits: Self.keySizeBits)
        bobStore = try KeyStore(directory: bobFolder, keySizeBits: Self.keySizeBits)
    }

    /// A node killed and restarted: its store instance dropped and reopened from its folder.
    mutating func reopenAliceStore() throws { aliceStore = try KeyStore(directory: aliceFolder, keySizeBits: Self.keySizeBits) }
    /// The same for Bob.
    mutating func reopenBobStore() throws { bobStore = try KeyStore(directory: bobFolder, keySizeBits: Self.keySizeBits) }

    /// Alice's messages sealed and received at Bob.
    mutating func toBob(_ messages: [OutgoingLinkMessage]) throws -> [LinkMessage] {
        var bytes: [UInt8] = []
        for message in messages { bytes += try aliceSession.seal(message.messageType, payload: message.payload) }
        bobSession.receive(bytes)
        var received: [LinkMessage] = []
        while let message = try bobSession.nextMessage() { received.append(message) }
        return received
    }

    /// Bob's messages sealed and received at Alice.
    mutating func toAlice(_ messages: [OutgoingLinkMessage]) throws -> [LinkMessage] {
        var bytes: [UInt8] = []
        for message in messages { bytes += try bobSession.seal(message.messageType, payload: message.payload) }
        aliceSession.receive(bytes)
        var received: [LinkMessage] = []
        while let message = try aliceSession.nextMessage() { received.append(message) }
        return received
    }

    /// Runs the two roles until neither has anything to send; `tamper` may change Bob's outgoing
    /// messages before they are sealed. Returns the messages left undelivered to Alice when
    /// `dropToAlice` says so (a connection cut).
    mutating func run(alice: inout AliceBlockExchange<Xoshiro256StarStar>, bob: inout BobBlockExchange<Xoshiro256StarStar>,
                      tamperBob: (OutgoingLinkMessage) -> OutgoingLinkMessage = { $0 },
                      dropToAlice: (OutgoingLinkMessage) -> Bool = { _ in false }) async throws {
        var toBobQueue = alice.start()
        while !toBobQueue.isEmpty {
            var bobOut: [OutgoingLinkMessage] = []
            for message in try toBob(toBobQueue) { bobOut += try await bob.receive(message, session: &bobSession) }
            let delivered = bobOut.map(tamperBob).filter { !dropToAlice($0) }
            toBobQueue = []
            for message in try toAlice(delivered) { toBobQueue += try await alice.receive(message, session: &aliceSession) }
        }
    }

    /// Alice's and Bob's roles for block `blockID` over `detections` (both nodes' lists from one draw).
    func roles(blockID: UInt64, detections: (alice: [KeyDetection], bob: [KeyDetection]), configuration: KeyExchangeConfiguration,
               seed: UInt64) throws -> (AliceBlockExchange<Xoshiro256StarStar>, BobBlockExchange<Xoshiro256StarStar>) {
        let range = Detections.range(of: detections.alice)
        return (try AliceBlockExchange(blockID: blockID, detectionRange: range, detections: detections.alice, configuration: configuration,
                                       store: aliceStore, randomness: Xoshiro256StarStar(seed: seed)),
                try BobBlockExchange(blockID: blockID, detectionRange: range, detections: detections.bob, configuration: configuration,
                                     store: bobStore, randomness: Xoshiro256StarStar(seed: seed &+ 1)))
    }

    /// The ready keys of `store` in id order, with their bytes.
    static func readyKeys(_ store: KeyStore, blockID: UInt64) async -> [(KeyIdentifier, [UInt8])] {
        var keys: [(KeyIdentifier, [UInt8])] = []
        var index: UInt32 = 0
        while let stored = await store.storedKey(KeyIdentifier(blockID: blockID, keyIndex: index)) {
            if stored.state == .ready, let material = stored.material { keys.append((stored.identifier, material.withUnsafeKeyBytes { $0 })) }
            index += 1
        }
        return keys
    }

    /// True when neither store holds a key or a pending block.
    func storesAreEmpty() async throws -> Bool {
        let ready = await aliceStore.readyKeyCount + bobStore.readyKeyCount
        let pending = try await aliceStore.pendingBlocks().count + bobStore.pendingBlocks().count
        return ready == 0 && pending == 0
    }

    /// True when both stores hold the same ready keys of `blockID` (same ids, same bytes), no
    /// pending block, and each direction's pool holds the same bits at both ends.
    func consistent(blockID: UInt64) async throws -> (aliceKeys: Int, bobKeys: Int, same: Bool) {
        let alice = await Self.readyKeys(aliceStore, blockID: blockID), bob = await Self.readyKeys(bobStore, blockID: blockID)
        let same = alice.map(\.0) == bob.map(\.0) && alice.map(\.1) == bob.map(\.1)
        let alicePending = try await aliceStore.pendingBlocks(), bobPending = try await bobStore.pendingBlocks()
        let nothingPending = alicePending.isEmpty && bobPending.isEmpty
        let poolsAgree = aliceSession.outgoingPool.bitsRemaining == bobSession.incomingPool.bitsRemaining
            && bobSession.outgoingPool.bitsRemaining == aliceSession.incomingPool.bitsRemaining
        return (alice.count, bob.count, same && nothingPending && poolsAgree)
    }
}

/// Both nodes' detections of one block: `count` cycles in which both detect, each with its own
/// uniform basis; where the bases agree Bob's bit equals Alice's except with probability `qber`,
/// where they differ it is random. Every third index is skipped (as in KeyBlockPipelineTests).
enum Detections {
    static func draw(count: Int, qber: Double, seed: UInt64, firstIndex: UInt64 = 0) -> (alice: [KeyDetection], bob: [KeyDetection]) {
        var generator = Xoshiro256StarStar(seed: seed)
        var alice: [KeyDetection] = [], bob: [KeyDetection] = []
        for cycle in 0..<count {
            let index = firstIndex + UInt64(cycle + cycle / 2)
            let aliceBasis: KeyBasis = generator.next() & 1 == 0 ? .rectilinear : .diagonal
            let bobBasis: KeyBasis = generator.next() & 1 == 0 ? .rectilinear : .diagonal
            let bit = generator.next() & 1 == 1
            let bobBit = aliceBasis == bobBasis ? (generator.nextUnitInterval() < qber ? !bit : bit) : generator.next() & 1 == 1
            alice.append(KeyDetection(index: index, basis: aliceBasis, bit: bit))
            bob.append(KeyDetection(index: index, basis: bobBasis, bit: bobBit))
        }
        return (alice, bob)
    }

    /// The block's cycle range: from the first detection through the last.
    static func range(of detections: [KeyDetection]) -> Range<UInt64> {
        (detections.first?.index ?? 0)..<((detections.last?.index ?? 0) + 1)
    }
}
