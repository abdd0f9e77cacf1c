import Glibc
import KeyDistillation
import SeededRandom

/// `qdot-bench key-distillation`: Cascade and Toeplitz hashing on 10⁶-bit blocks at QBER 2 %
/// (issue 14's target: Cascade + Toeplitz ≥ 10 Mbit/s per core; Cascade's f ≤ 1.2).
///
/// Each seed draws Alice's block uniformly and Bob's as Alice's with every bit flipped with
/// probability 0.02 (independent Bernoulli). Cascade runs both roles on this one thread, every
/// message through its bytes, each role's CPU time taken apart (a node runs one role on its own
/// core); Toeplitz is one party's hash to the finite-key length of that block. Times are thread
/// CPU seconds; the figures are the median over the seeds, f as mean ± sample standard deviation.
enum KeyDistillationBenchmark {
    static let blockBits = 1_000_000
    static let qber = 0.02

    /// `arguments`: an optional Cascade pass count (default 4, the library's), seed count (default
    /// 7, seeds 1 … count) and block schedule (`doubling`, the default, or `option7`).
    static func run(arguments: [String]) -> Int32 {
        let passCount = arguments.first.flatMap { Int($0) } ?? 4
        let seedCount = max(2, arguments.dropFirst().first.flatMap { Int($0) } ?? 7)
        let schedule: CascadeBlockSchedule = arguments.dropFirst(2).first == "option7" ? .martinezMateoOption7 : .doubling
        do {
            try measure(passCount: passCount, schedule: schedule, seeds: (1...UInt64(seedCount)).map { $0 })
            return 0
        } catch {
            print("key-distillation benchmark failed: \(error)")
            return 1
        }
    }

    static func measure(passCount: Int, schedule: CascadeBlockSchedule, seeds: [UInt64]) throws {
        var cascadeSeconds: [Double] = [], toeplitzSeconds: [Double] = [], combinedSeconds: [Double] = []
        var correctorSeconds: [Double] = [], responderSeconds: [Double] = [], perNodeSeconds: [Double] = []
        var efficiencies: [Double] = [], leaks: [Int] = [], residuals: [Int] = [], outputs: [Int] = []
        for seed in seeds {
            var generator = Xoshiro256StarStar(seed: seed)
            let alice = BitString.random(count: blockBits, using: &generator)
            var bob = alice
            var errors = 0
            for index in 0..<blockBits where generator.nextUnitInterval() < qber { bob.flip(index); errors += 1 }

            // Each role's CPU time on its own: its state, its messages' encoding and its peer's decoding.
            var bobSeconds = 0.0, aliceSeconds = 0.0
            var mark = CPUTime.thread()
            func charge(_ seconds: inout Double) { let now = CPUTime.thread(); seconds += now - mark; mark = now }
            var corrector = try CascadeCorrector(key: bob, estimatedQBER: qber, passCount: passCount, blockSchedule: schedule, seed: seed &+ 100)
            let setupBytes = corrector.setup.encode()
            charge(&bobSeconds)
            var responder = try CascadeResponder(key: alice, setup: CascadeSetup(decoding: setupBytes))
            charge(&aliceSeconds)
            while true {
                guard let request = corrector.nextRequest() else { break }
                let requestBytes = request.encode()
                charge(&bobSeconds)
                let replyBytes = try responder.reply(to: CascadeParityRequest(decoding: requestBytes)).encode()
                charge(&aliceSeconds)
                try corrector.receive(CascadeParityReply(decoding: replyBytes))
                charge(&bobSeconds)
            }
            charge(&bobSeconds)
            let cascadeTime = bobSeconds + aliceSeconds
            correctorSeconds.append(bobSeconds)
            responderSeconds.append(aliceSeconds)
            let corrected = corrector.correctedKey
            residuals.append(corrected.hammingDistance(to: alice))
            let leak = corrector.disclosedParityBits
            leaks.append(leak)
            let actualRate = Double(errors) / Double(blockBits)
            efficiencies.append(Double(leak) / (Double(blockBits) * binaryEntropy(actualRate)))

            let outputBits = try FiniteKeyLength.secretBits(
                keyBits: blockBits, sampleBits: blockBits / 9, toleratedQBER: qber, leakedBits: leak + Verification.tagBits,
                epsilonSecrecy: 1e-10, epsilonCorrectness: Verification.collisionProbability(keyBits: blockBits))
            outputs.append(outputBits)
            let hash = try ToeplitzHash(inputBits: blockBits, outputBits: outputBits, seed: seed &+ 200)
            let toeplitzStart = CPUTime.thread()
            let final = try hash.hash(corrected)
            let toeplitzTime = CPUTime.thread() - toeplitzStart
            precondition(final.count == outputBits)
            cascadeSeconds.append(cascadeTime)
            toeplitzSeconds.append(toeplitzTime)
            combinedSeconds.append(cascadeTime + toeplitzTime)
            perNodeSeconds.append(max(bobSeconds, aliceSeconds) + toeplitzTime)
        }
        let megabits = Double(blockBits) / 1e6
        // The same hash on the portable carry-less loop (what a CPU without PCLMULQDQ runs), once.
        var portableSeconds: Double?
        if ToeplitzHash.usesHardwareCarrylessMultiply {
            var generator = Xoshiro256StarStar(seed: 999)
            let key = BitString.random(count: blockBits, using: &generator)
            let hash = try ToeplitzHash(inputBits: blockBits, outputBits: outputs[0], seed: 998)
            ToeplitzHash.forcePortableCarrylessMultiply(true)
            let start = CPUTime.thread()
            _ = try hash.hash(key)
            portableSeconds = CPUTime.thread() - start
            ToeplitzHash.forcePortableCarrylessMultiply(false)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let meanF = efficiencies.reduce(0, +) / Double(efficiencies.count)
        let sdF = (efficiencies.map { ($0 - meanF) * ($0 - meanF) }.reduce(0, +) / Double(efficiencies.count - 1)).squareRoot()
        let meanLeak = Double(leaks.reduce(0, +)) / Double(leaks.count)
        print("Key distillation: \(blockBits)-bit blocks, QBER \(qber), \(seeds.count) seeds, thread CPU time, median")
        print("  Cascade, both roles on this core (\(passCount) passes, k1 = 64, \(schedule) blocks, via message bytes): \(fixed(megabits / median(cascadeSeconds))) Mbit/s"
              + " (\(fixed(median(cascadeSeconds) * 1e3)) ms per block; corrector (Bob) \(fixed(median(correctorSeconds) * 1e3)) ms,"
              + " responder (Alice) \(fixed(median(responderSeconds) * 1e3)) ms)")
        print("  Toeplitz (one party, \(blockBits) → \(outputs.sorted()[outputs.count / 2]) bits, hardware carry-less multiply: \(ToeplitzHash.usesHardwareCarrylessMultiply)):"
              + " \(fixed(megabits / median(toeplitzSeconds))) Mbit/s (\(fixed(median(toeplitzSeconds) * 1e3)) ms per block)")
        if let portableSeconds {
            print("  Toeplitz on the portable carry-less loop instead (one block): \(fixed(megabits / portableSeconds)) Mbit/s (\(fixed(portableSeconds * 1e3)) ms)")
        }
        print("  combined per node (its Cascade role + its Toeplitz hash, the slower node): \(fixed(megabits / median(perNodeSeconds))) Mbit/s per core")
        print("  combined, both Cascade roles + one hash on one core: \(fixed(megabits / median(combinedSeconds))) Mbit/s")
        print("  efficiency f = leak / (n·h(e)): \(fixed(meanF, digits: 4)) ± \(fixed(sdF, digits: 4)) (mean ± sd); leak \(fixed(meanLeak, digits: 0)) parity bits per block"
              + " (n·h(e) ≈ \(fixed(Double(blockBits) * binaryEntropy(qber), digits: 0))); blocks with residual errors after Cascade: \(residuals.filter { $0 > 0 }.count) of \(residuals.count) (errors left: \(residuals.filter { $0 > 0 }))")
    }

    static func binaryEntropy(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return 0 }
        return -(p * log2(p) + (1 - p) * log2(1 - p))
    }

    static func fixed(_ value: Double, digits: Int = 2) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return "\(rounded)"
    }
}
