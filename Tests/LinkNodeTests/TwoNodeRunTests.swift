import Foundation
import KeyStore
import LinkNode
import LinkTransport
import Testing

/// Alice's and Bob's node processes' code in one test process, on loopback: both align, run the
/// blocks, and commit the same keys (ids and bytes) into their own stores.
@Suite struct TwoNodeRunTests {
    /// Small blocks for a debug build: 1 µs cycles, start window and blocks of `size` (``RunSize``),
    /// tracking `tracking` cycles per thousand, arms 0.5, ε_sec = 10⁻⁴, a 20 % sample; Bob's clock
    /// 1.3 ms ahead and 9 ppm slow against Alice's +2 ppm.
    static func nodeText(role: String, link: String, state: String, count: Int, size: RunSize, intercept: Double = 0,
                         tracking: Int = 50) -> String {
        """
        [node]
        role = "\(role)"
        state-directory = "\(state)"
        pre-shared-secret-file = "link.secret"
        [link]
        \(role == "alice" ? "peer" : "listen") = "\(link)"
        [key-delivery]
        listen = "127.0.0.1:0"
        kme-id = "kme-\(role)"
        peer-kme-id = "kme-\(role == "alice" ? "bob" : "alice")"
        master-sae = "sae-a"
        slave-sae = "sae-b"
        key-size-bits = 256
        [blocks]
        cycles = \(size.cyclesPerBlock)
        count = \(count)
        alignment-cycles = \(size.alignmentCycles)
        tracking-cycles-per-thousand = \(tracking)
        search-cycles = 5000
        sample-fraction = 0.2
        epsilon-secrecy = 1e-4
        authentication-replenishment-bits = 2048
        [world]
        seed = 77
        alice-arm-efficiency = 0.5
        bob-arm-efficiency = 0.5
        cycle-period-ps = 1000000
        gate-close-ps = 900000
        alice-clock-drift-ppm = 2
        bob-clock-offset-ps = 1300000000
        bob-clock-drift-ppm = -9
        intercept-fraction = \(intercept)
        """
    }

    final class Watch: @unchecked Sendable {
        private let lock = NSLock()
        private var finished: Set<String> = []
        private var port: Int?
        private(set) var lines: [String] = []
        func note(_ node: String, _ line: String) {
            lock.lock(); defer { lock.unlock() }
            lines.append("\(node): \(line)")
            if line.hasPrefix("finished ") { finished.insert(node) }
        }
        func listening(_ value: Int) { lock.lock(); port = value; lock.unlock() }
        private var stopped = false
        /// A node failed: stop the other one too.
        func fail() { lock.lock(); stopped = true; lock.unlock() }
        var anyFailed: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
        var linkPort: Int? { lock.lock(); defer { lock.unlock() }; return port }
        var bothFinished: Bool { lock.lock(); defer { lock.unlock() }; return finished.count == 2 }
        var log: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
    }

    /// Runs both nodes until both finished `count` blocks (or 240 s passed); returns both results.
    static func runPair(folder: String, count: Int, size: RunSize = .current,
                        intercept: Double = 0) async throws -> (LinkNodeResult, LinkNodeResult, Watch) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var secret = [UInt8](repeating: 0, count: 32 + 32 * 2048)
        for index in secret.indices { secret[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 7) }
        try Data(secret).write(to: URL(fileURLWithPath: folder + "/link.secret"))
        let watch = Watch()
        let deadline = ContinuousClock.now + .seconds(240)
        let stop: @Sendable () -> Bool = { watch.bothFinished || watch.anyFailed || ContinuousClock.now > deadline }
        let bobFile = try LinkNodeFile.parse(text: nodeText(role: "bob", link: "127.0.0.1:0", state: "bob", count: count, size: size,
                                                            intercept: intercept, tracking: intercept > 0 ? 150 : 50),
                                             fileName: "bob.node.toml", directory: folder)
        async let bob = { () async throws -> LinkNodeResult in
            do {
                return try await LinkNodeRun.run(file: bobFile, log: { watch.note("bob", $0) }, transportLog: { event in
                    if case .listening(let port) = event { watch.listening(port) }
                }, stopRequested: stop)
            } catch { watch.fail(); throw error }
        }()
        while watch.linkPort == nil && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let port = try #require(watch.linkPort)
        let aliceFile = try LinkNodeFile.parse(text: nodeText(role: "alice", link: "127.0.0.1:\(port)", state: "alice", count: count, size: size,
                                                              intercept: intercept, tracking: intercept > 0 ? 150 : 50),
                                               fileName: "alice.node.toml", directory: folder)
        async let alice = { () async throws -> LinkNodeResult in
            do { return try await LinkNodeRun.run(file: aliceFile, log: { watch.note("alice", $0) }, stopRequested: stop) } catch {
                watch.fail()
                throw error
            }
        }()
        return (try await alice, try await bob, watch)
    }

    static func readyKeys(_ folder: String) async throws -> [(KeyIdentifier, [UInt8])] {
        let store = try KeyStore(directory: folder, keySizeBits: 256)
        var keys: [(KeyIdentifier, [UInt8])] = []
        for block in UInt64(0)..<16 {
            var index: UInt32 = 0
            while let stored = await store.storedKey(KeyIdentifier(blockID: block, keyIndex: index)) {
                if let material = stored.material { keys.append((stored.identifier, material.withUnsafeKeyBytes { $0 })) }
                index += 1
            }
        }
        return keys
    }

    @Test(.timeLimit(.minutes(5))) func bothNodesCommitTheSameKeysAndBobFindsTheWorldsOffset() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-link-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (alice, bob, watch) = try await Self.runPair(folder: folder, count: 2)
        #expect(alice.finished && bob.finished, "\(watch.log)")
        #expect(alice.blocks.count == 2 && bob.blocks.count == 2, "\(watch.log)")
        #expect(alice.totalKeys > 0 && alice.totalKeys == bob.totalKeys, "\(watch.log)")
        let aliceKeys = try await Self.readyKeys(folder + "/alice/keys"), bobKeys = try await Self.readyKeys(folder + "/bob/keys")
        #expect(aliceKeys.count == alice.totalKeys)
        #expect(aliceKeys.map(\.0) == bobKeys.map(\.0) && aliceKeys.map(\.1) == bobKeys.map(\.1), "the stores differ")
        // The start-up alignment against the world's truth (1.3 ms = 1300 cycles plus the fibre and cascade).
        let alignment = try #require(bob.alignment)
        #expect(abs(alignment.offsetCycles - Double(alignment.trueOffsetCycles)) < 1, "\(alignment)")
        let expectedDrift = ((1 - 9e-6) / (1 + 2e-6) - 1) * 1e6
        let driftError = try #require(alignment.driftStandardErrorPartsPerMillion)
        #expect(abs(alignment.driftPartsPerMillion - expectedDrift) < 3 * driftError + 0.05, "\(alignment)")
        for block in bob.blocks {
            let start = try #require(block.offsetAtStartCycles), truth = try #require(block.trueOffsetAtStartCycles)
            #expect(abs(start - Double(truth)) < 1, "block \(block.blockID): \(start) against \(truth)")
            #expect((block.qber ?? 1) < 0.06, "block \(block.blockID) QBER \(String(describing: block.qber))")
            // Each block's tracking placed whole-cycle steps of the offset inside it (11 at the full
            // size, 5–7 at the sanitizer's: the offset steps every ≈ 9·10⁴ cycles).
            #expect((block.offsetStepsPlaced ?? 0) >= 2, "block \(block.blockID): \(String(describing: block.offsetStepsPlaced)) steps placed")
        }
        // The result files say the same as the returned results.
        let written = try JSONDecoder().decode(LinkNodeResult.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/alice/result.json")))
        #expect(written.totalKeys == alice.totalKeys)
    }

    /// Eve intercepts half the photons: QBER Q₀ + p(1 − 2Q₀)/4 ≈ 15 %, above the 11 % threshold.
    /// Her errors halve the disclosed correlation, so the comb is 15 % of the cycles here (at 5 %
    /// the tracking peak stands only z ≈ 3 and the block ends as "cycle alignment lost").
    @Test(.timeLimit(.minutes(5))) func anEavesdropperOnHalfThePhotonsStopsTheKey() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-link-eve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (alice, bob, watch) = try await Self.runPair(folder: folder, count: 1, intercept: 0.5)
        #expect(alice.finished && bob.finished, "\(watch.log)")
        #expect(alice.totalKeys == 0 && bob.totalKeys == 0)
        // Bob estimates the QBER from the disclosed sample and ends the block; Alice hears his abort.
        let estimated = try #require(bob.blocks.first), told = try #require(alice.blocks.first)
        #expect(estimated.outcome == "aborted" && estimated.abortReason?.lowercased().contains("threshold") == true, "\(estimated)")
        #expect(told.outcome == "aborted-by-peer", "\(told)")
        let qber = try #require(estimated.qber)
        #expect(qber > 0.11 && qber < 0.22, "QBER \(qber) with Eve on half the photons (expected ≈ 0.15)")
    }
}
