import SeededRandom

/// What both Cascade roles derive from the ``CascadeSetup``: each pass's block size and the
/// permutation that orders the key for it.
///
/// Block sizes: k₁ from the setup, the later ones by its ``CascadeBlockSchedule``.
/// Pass 1 keeps the key's order; pass i > 1 uses a uniform permutation (``RandomPermutation``
/// with `Xoshiro256StarStar(seed:)`, the passes drawn one after the other).
struct CascadeSchedule {
    let keyLength: Int
    let blockSizes: [Int]
    /// permutations[p][position] = the key index at that position of pass p (empty for pass 0:
    /// identity); none at all when not built (the answering side needs only its permuted key).
    let permutations: [[UInt32]]
    private let seed: UInt64

    /// The schedule of `setup`, with the permutations themselves when `buildingPermutations`
    /// (the correcting side maps positions back to key indices; the answering side does not).
    init(_ setup: CascadeSetup, buildingPermutations: Bool) throws(KeyDistillationError) {
        try setup.validate()
        keyLength = setup.keyLength
        seed = setup.seed
        blockSizes = setup.blockSchedule.blockSizes(firstBlockSize: setup.firstBlockSize, passCount: setup.passCount, keyLength: setup.keyLength)
        var permutations: [[UInt32]] = []
        if buildingPermutations {
            var generator = Xoshiro256StarStar(seed: setup.seed)
            permutations = [[]]
            for _ in 1..<setup.passCount { permutations.append(RandomPermutation.make(count: setup.keyLength, using: &generator)) }
        }
        self.permutations = permutations
    }

    func blockCount(pass: Int) -> Int { (keyLength + blockSizes[pass] - 1) / blockSizes[pass] }

    func blockRange(pass: Int, block: Int) -> Range<Int> {
        (block * blockSizes[pass]) ..< min((block + 1) * blockSizes[pass], keyLength)
    }

    /// The key in every pass's order, through the permutations kept or, when none were kept,
    /// each drawn again from the seed, used and dropped (a key's worth of bits instead of 32 bits
    /// per key bit per pass kept in memory).
    func permutedKeys(of key: BitString) -> [BitString] {
        if !permutations.isEmpty {
            return permutations.indices.map { pass in pass == 0 ? key : key.gathering(permutations[pass]) }
        }
        var generator = Xoshiro256StarStar(seed: seed)
        return [key] + (1..<blockSizes.count).map { _ in key.gathering(RandomPermutation.make(count: keyLength, using: &generator)) }
    }
}
