/// Cascade's correcting role (Bob): asks Alice for parities and flips his bits until every block
/// of every pass agrees with hers (Brassard and Salvail, EUROCRYPT '93, as analysed by
/// Martinez-Mateo et al., QIC 15, 453 (2015)).
///
/// Each pass asks for the parities of all its blocks; a block whose parity differs holds an odd
/// number of errors and is bisected (binary search, one parity per step) down to one bit, which
/// is flipped. The flip changes the parity of the block holding that bit in every earlier pass,
/// so those blocks are searched again (the cascade effect, or backtracking). The searches of all
/// blocks advance together, one level per ``CascadeParityRequest``.
///
/// Drive it with `while let request = corrector.nextRequest() { try corrector.receive(reply) }`;
/// ``disclosedParityBits`` counts every parity Alice disclosed (the leakage leak_EC).
public struct CascadeCorrector: Sendable {
    /// The opening message for Alice.
    public let setup: CascadeSetup
    private let schedule: CascadeSchedule
    private var inversePermutations: [[UInt32]]
    private var permutedKeys: [BitString]
    private var aliceBlockParities: [BitString] = []
    private var searching: [[Bool]]
    private var searches: [Search] = []
    private var nextPass = 0
    private var outstanding: Outstanding?
    /// Parity bits disclosed by Alice so far.
    public private(set) var disclosedParityBits = 0
    /// Bits flipped so far (errors corrected).
    public private(set) var flippedBits = 0

    private struct Search: Sendable {
        var pass: Int
        var range: Range<Int>
        var aliceParity: Bool
    }

    private enum Outstanding: Sendable {
        case blockParities(pass: Int)
        case bisection
    }

    /// Bob's side for his `key`, with the first block size Martinez-Mateo et al. use for
    /// `estimatedQBER` (``firstBlockSize(estimatedQBER:keyLength:)``), `passCount` passes (4, as
    /// Brassard and Salvail's original; see ``KeyBlockParameters/cascadePassCount``) growing by
    /// `blockSchedule`, and permutations from `seed` (sent to Alice in ``setup``).
    public init(key: BitString, estimatedQBER: Double, passCount: Int = 4, blockSchedule: CascadeBlockSchedule = .doubling,
                seed: UInt64) throws(KeyDistillationError) {
        try self.init(key: key, setup: CascadeSetup(seed: seed, keyLength: key.count, passCount: passCount,
                                                    firstBlockSize: try Self.firstBlockSize(estimatedQBER: estimatedQBER, keyLength: key.count),
                                                    blockSchedule: blockSchedule))
    }

    /// Bob's side with an explicit setup (its key length must be `key.count`).
    public init(key: BitString, setup: CascadeSetup) throws(KeyDistillationError) {
        guard setup.keyLength == key.count else {
            throw .protocolMismatch(step: "Cascade setup", detail: "setup for \(setup.keyLength) bits, key of \(key.count)")
        }
        self.setup = setup
        schedule = try CascadeSchedule(setup, buildingPermutations: true)
        permutedKeys = schedule.permutedKeys(of: key)
        inversePermutations = schedule.permutations.map { permutation in
            var inverse = [UInt32](repeating: 0, count: permutation.count)
            inverse.withUnsafeMutableBufferPointer { inverse in
                permutation.withUnsafeBufferPointer { permutation in
                    for position in 0..<permutation.count { inverse[Int(permutation[position])] = UInt32(truncatingIfNeeded: position) }
                }
            }
            return inverse
        }
        searching = (0..<setup.passCount).map { [schedule] pass in [Bool](repeating: false, count: schedule.blockCount(pass: pass)) }
    }

    /// k₁ = min(2^⌈log₂(1/Q)⌉, n/2), the first block of Martinez-Mateo et al.'s "Cascade opt. (7)"
    /// (QIC 15, 453 (2015)): a power of two near the original 0.73/Q; n/2 when Q = 0.
    /// Throws for a QBER outside [0, 0.5) or a key shorter than 4 bits.
    public static func firstBlockSize(estimatedQBER: Double, keyLength: Int) throws(KeyDistillationError) -> Int {
        guard estimatedQBER.isFinite, estimatedQBER >= 0, estimatedQBER < 0.5 else {
            throw .invalidParameter(name: "estimated QBER", value: "\(estimatedQBER)", expected: "0 ≤ Q < 0.5")
        }
        guard keyLength >= 4 else { throw .invalidParameter(name: "Cascade key length", value: "\(keyLength) bits", expected: "≥ 4 bits") }
        guard estimatedQBER > 0 else { return keyLength / 2 }
        var blockSize = 1
        while Double(blockSize) * estimatedQBER < 1, blockSize < keyLength / 2 { blockSize *= 2 }
        return min(blockSize, keyLength / 2)
    }

    /// The corrected key (Bob's bits in the key's own order); equal to Alice's when no error is
    /// left (which only verification can confirm).
    public var correctedKey: BitString { permutedKeys[0] }

    /// True when every pass is done.
    public var isFinished: Bool { outstanding == nil && searches.isEmpty && nextPass == setup.passCount }

    /// The next question for Alice, or nil when Cascade is finished. Asking again before
    /// ``receive(_:)`` gives the same request.
    public mutating func nextRequest() -> CascadeParityRequest? {
        if !searches.isEmpty {
            outstanding = .bisection
            return CascadeParityRequest(queries: searches.map { search in
                CascadeParityQuery(pass: search.pass, start: search.range.lowerBound, end: search.range.lowerBound + search.range.count / 2)
            })
        }
        guard nextPass < setup.passCount else { outstanding = nil; return nil }
        outstanding = .blockParities(pass: nextPass)
        return CascadeParityRequest(queries: (0..<schedule.blockCount(pass: nextPass)).map { block in
            let range = schedule.blockRange(pass: nextPass, block: block)
            return CascadeParityQuery(pass: nextPass, start: range.lowerBound, end: range.upperBound)
        })
    }

    /// Takes Alice's answer to the last request. Throws when no request is outstanding or the
    /// reply has another number of parities than the request had queries.
    public mutating func receive(_ reply: CascadeParityReply) throws(KeyDistillationError) {
        guard let asked = outstanding else {
            throw .protocolMismatch(step: "Cascade parity reply", detail: "no request outstanding")
        }
        switch asked {
        case let .blockParities(pass):
            let blockCount = schedule.blockCount(pass: pass)
            guard reply.parities.count == blockCount else {
                throw .protocolMismatch(step: "Cascade parity reply", detail: "\(reply.parities.count) parities for \(blockCount) blocks of pass \(pass + 1)")
            }
            disclosedParityBits += blockCount
            aliceBlockParities.append(reply.parities)
            nextPass = pass + 1
            for block in 0..<blockCount { startSearchIfOdd(pass: pass, block: block) }
        case .bisection:
            guard reply.parities.count == searches.count else {
                throw .protocolMismatch(step: "Cascade parity reply", detail: "\(reply.parities.count) parities for \(searches.count) bisection queries")
            }
            disclosedParityBits += searches.count
            bisect(aliceLeftParities: reply.parities)
        }
        outstanding = nil
    }

    private mutating func bisect(aliceLeftParities: BitString) {
        var continuing: [Search] = []
        var touchedBlocks: [(pass: Int, block: Int)] = []
        for (number, var search) in searches.enumerated() {
            let key = permutedKeys[search.pass], block = search.range.lowerBound / schedule.blockSizes[search.pass]
            // An earlier flip in this round may have made the range's error count even: stop, and look at the block again.
            guard key.parity(of: search.range) != search.aliceParity else {
                searching[search.pass][block] = false
                touchedBlocks.append((search.pass, block))
                continue
            }
            let middle = search.range.lowerBound + search.range.count / 2
            let aliceLeft = aliceLeftParities[number]
            if key.parity(of: search.range.lowerBound ..< middle) != aliceLeft {
                search.range = search.range.lowerBound ..< middle
                search.aliceParity = aliceLeft
            } else {
                search.range = middle ..< search.range.upperBound
                search.aliceParity = search.aliceParity != aliceLeft
            }
            if search.range.count > 1 { continuing.append(search); continue }
            searching[search.pass][block] = false
            let keyIndex = search.pass == 0 ? search.range.lowerBound : Int(schedule.permutations[search.pass][search.range.lowerBound])
            flip(keyIndex: keyIndex, touched: &touchedBlocks)
        }
        searches = continuing
        for touched in touchedBlocks { startSearchIfOdd(pass: touched.pass, block: touched.block) }
    }

    /// Flips a key bit in every pass's copy and notes the blocks (of passes already opened) whose parity it changed.
    private mutating func flip(keyIndex: Int, touched: inout [(pass: Int, block: Int)]) {
        flippedBits += 1
        for pass in 0..<setup.passCount {
            let position = pass == 0 ? keyIndex : Int(inversePermutations[pass][keyIndex])
            permutedKeys[pass].flip(position)
            if pass < nextPass { touched.append((pass, position / schedule.blockSizes[pass])) }
        }
    }

    private mutating func startSearchIfOdd(pass: Int, block: Int) {
        guard !searching[pass][block] else { return }
        let range = schedule.blockRange(pass: pass, block: block)
        let aliceParity = aliceBlockParities[pass][block]
        guard permutedKeys[pass].parity(of: range) != aliceParity else { return }
        if range.count == 1 { // a one-bit block (the tail of a short key): its parity is the bit

            var ignored: [(pass: Int, block: Int)] = []
            flip(keyIndex: pass == 0 ? range.lowerBound : Int(schedule.permutations[pass][range.lowerBound]), touched: &ignored)
            for touched in ignored { startSearchIfOdd(pass: touched.pass, block: touched.block) }
            return
        }
        searching[pass][block] = true
        searches.append(Search(pass: pass, range: range, aliceParity: aliceParity))
    }
}
