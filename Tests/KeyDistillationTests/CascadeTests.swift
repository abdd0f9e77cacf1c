import Analysis
@testable import KeyDistillation
import SeededRandom
import Testing

@Suite struct CascadeTests {
    struct Run {
        var corrected: BitString
        var corrector: CascadeCorrector
        var responder: CascadeResponder
        var rounds: Int
    }

    /// Both roles in-process, every message through its bytes.
    static func reconcile(alice: BitString, bob: BitString, qber: Double, passCount: Int = 4,
                          blockSchedule: CascadeBlockSchedule = .doubling, seed: UInt64) throws -> Run {
        var corrector = try CascadeCorrector(key: bob, estimatedQBER: qber, passCount: passCount, blockSchedule: blockSchedule, seed: seed)
        var responder = try CascadeResponder(key: alice, setup: CascadeSetup(decoding: corrector.setup.encode()))
        var rounds = 0
        while let request = corrector.nextRequest() {
            rounds += 1
            let reply = try responder.reply(to: CascadeParityRequest(decoding: request.encode()))
            try corrector.receive(CascadeParityReply(decoding: reply.encode()))
        }
        return Run(corrected: corrector.correctedKey, corrector: corrector, responder: responder, rounds: rounds)
    }

    @Test func firstBlockSizeIsMartinezMateosPowerOfTwo() throws {
        // k₁ = min(2^⌈log₂(1/Q)⌉, n/2): 1/0.02 = 50 → 64; 1/0.05 = 20 → 32; 1/0.01 = 100 → 128; Q = 1/64 exactly → 64.
        #expect(try CascadeCorrector.firstBlockSize(estimatedQBER: 0.02, keyLength: 1_000_000) == 64)
        #expect(try CascadeCorrector.firstBlockSize(estimatedQBER: 0.05, keyLength: 1_000_000) == 32)
        #expect(try CascadeCorrector.firstBlockSize(estimatedQBER: 0.01, keyLength: 1_000_000) == 128)
        #expect(try CascadeCorrector.firstBlockSize(estimatedQBER: 1.0 / 64, keyLength: 1_000_000) == 64)
        #expect(try CascadeCorrector.firstBlockSize(estimatedQBER: 0, keyLength: 1000) == 500)
        #expect(try CascadeCorrector.firstBlockSize(estimatedQBER: 0.001, keyLength: 100) == 50)
        #expect(throws: KeyDistillationError.self) { try CascadeCorrector.firstBlockSize(estimatedQBER: 0.5, keyLength: 1000) }
        #expect(throws: KeyDistillationError.self) { try CascadeCorrector.firstBlockSize(estimatedQBER: -0.1, keyLength: 1000) }
    }

    /// 2·10⁵-bit keys at QBER 2 %, five seeds (51 … 55): Bob's key ends equal to Alice's, every
    /// flip corrected a real error (flips = initial errors), both sides count the same leakage, and
    /// f = leak/(n·h(e)) lies in [1, 1.25]: below 1 would beat Shannon's bound (a counting bug),
    /// above 1.25 misses issue 14's f ≤ 1.2 by more than these shorter blocks explain (the
    /// benchmark measures 10⁶-bit blocks: f = 1.109).
    @Test(arguments: [UInt64(51), 52, 53, 54, 55])
    func correctsEveryErrorAtTwoPercentNearShannon(seed: UInt64) throws {
        let (alice, bob) = ParameterEstimationTests.keyPair(count: 200_000, qber: 0.02, seed: seed)
        let errors = alice.hammingDistance(to: bob)
        let run = try Self.reconcile(alice: alice, bob: bob, qber: 0.02, seed: seed + 1000)
        #expect(run.corrected == alice)
        #expect(run.corrector.flippedBits == errors)
        #expect(run.corrector.disclosedParityBits == run.responder.disclosedParityBits)
        let f = Double(run.corrector.disclosedParityBits) / (200_000 * BBM92.binaryEntropy(Double(errors) / 200_000))
        #expect(f >= 1 && f <= 1.25, "f = \(f)")
        #expect(run.corrector.isFinished)
    }

    /// The two schedules' block sizes for n = 10⁶, k₁ = 64, 6 passes: doubling 64 … 2048;
    /// Martinez-Mateo et al.'s option (7) 64, 4·64 = 256, then n/2; both capped at n/2 for a short key.
    @Test func blockSchedules() {
        #expect(CascadeBlockSchedule.doubling.blockSizes(firstBlockSize: 64, passCount: 6, keyLength: 1_000_000) == [64, 128, 256, 512, 1024, 2048])
        #expect(CascadeBlockSchedule.martinezMateoOption7.blockSizes(firstBlockSize: 64, passCount: 6, keyLength: 1_000_000)
                == [64, 256, 500_000, 500_000, 500_000, 500_000])
        #expect(CascadeBlockSchedule.doubling.blockSizes(firstBlockSize: 64, passCount: 4, keyLength: 300) == [64, 128, 150, 150])
        #expect(CascadeBlockSchedule.martinezMateoOption7.blockSizes(firstBlockSize: 64, passCount: 3, keyLength: 300) == [64, 150, 150])
    }

    /// Option (7) with 10 passes on 2·10⁵-bit keys at QBER 2 % (seed 60): Bob ends with Alice's key,
    /// and f ≤ 1.2 (the benchmark: f = 1.083 on 10⁶-bit blocks).
    @Test func martinezMateoOption7CorrectsEveryError() throws {
        let (alice, bob) = ParameterEstimationTests.keyPair(count: 200_000, qber: 0.02, seed: 60)
        let errors = alice.hammingDistance(to: bob)
        let run = try Self.reconcile(alice: alice, bob: bob, qber: 0.02, passCount: 10, blockSchedule: .martinezMateoOption7, seed: 61)
        #expect(run.corrected == alice && run.corrector.flippedBits == errors)
        let f = Double(run.corrector.disclosedParityBits) / (200_000 * BBM92.binaryEntropy(Double(errors) / 200_000))
        #expect(f >= 1 && f <= 1.2, "f = \(f)")
    }

    /// Equal keys: nothing is flipped, and the only leakage is the block parities of the four
    /// passes, Σᵢ ⌈n/kᵢ⌉ with kᵢ = 64·2^(i−1): 157 + 79 + 40 + 20 = 296 for n = 10 000, one round each.
    @Test func equalKeysLeakOnlyTheBlockParities() throws {
        let (alice, _) = ParameterEstimationTests.keyPair(count: 10_000, qber: 0, seed: 56)
        let run = try Self.reconcile(alice: alice, bob: alice, qber: 0.02, seed: 57)
        #expect(run.corrected == alice && run.corrector.flippedBits == 0)
        #expect(run.corrector.disclosedParityBits == 296 && run.rounds == 4)
    }

    @Test func requestsOutsideTheKeyAndRepliesOfTheWrongSizeAreRejected() throws {
        let (alice, bob) = ParameterEstimationTests.keyPair(count: 1000, qber: 0.05, seed: 58)
        var corrector = try CascadeCorrector(key: bob, estimatedQBER: 0.05, seed: 59)
        var responder = try CascadeResponder(key: alice, setup: corrector.setup)
        do {
            _ = try responder.reply(to: CascadeParityRequest(queries: [.init(pass: 0, start: 900, end: 1001)]))
            Issue.record("accepted")
        } catch { #expect(error.description.contains("1001")) }
        #expect(throws: KeyDistillationError.self) { try responder.reply(to: CascadeParityRequest(queries: [.init(pass: 6, start: 0, end: 2)])) }
        #expect(throws: KeyDistillationError.self) { try corrector.receive(CascadeParityReply(parities: BitString(zeros: 1))) }
        let asked = corrector.nextRequest()
        let request = try #require(asked)
        do {
            try corrector.receive(CascadeParityReply(parities: BitString(zeros: request.queries.count + 1)))
            Issue.record("accepted")
        } catch { #expect(error.description.contains("parities for \(request.queries.count) blocks")) }
        #expect(throws: KeyDistillationError.self) { try CascadeResponder(key: BitString(zeros: 999), setup: corrector.setup) }
    }
}
