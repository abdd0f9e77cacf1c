import SeededRandom

/// What both Cascade roles derive from the ``CascadeSetup``: each pass's block size and the
/// permutation that orders the key for it.
///
/// Block sizes follow Martinez-Mateo, Pacher, Peev, Ciurana and Martin, "Demystifying the
/// information reconciliation protocol Cascade", Quantum Inf. Comput. 15, 453 (2015), Sec. 5:
/// k₁ = min(2^⌈log₂(1/Q)⌉, n/2) and kᵢ = min(2·kᵢ₋₁, n/2) — powers of two, doubled each pass.
/// Pass 1 keeps the key's order; pass i > 1 uses a uniform permutation (``RandomPermutation``
/// with `Xoshiro256StarStar(seed:)`, the passes drawn one after the other).
struct CascadeSchedule {
    let keyLength: Int
    let blockSizes: [Int]
    /// permutations[p][position] = the key index at that position of pass p (empty for pass 0: identity).
    let permutations: [[UInt32]]

    init(_ setup: CascadeSetup) throws(KeyDistillationError) {
        try setup.validate()
        keyLength = setup.keyLength
        let largest = max(2, setup.keyLength / 2)
        var sizes: [Int] = [min(setup.firstBlockSize, largest)]
        while sizes.count < setup.passCount { sizes.append(min(2 * sizes[sizes.count - 1], largest)) }
        blockSizes = sizes
        var generator = Xoshiro256StarStar(seed: setup.seed)
        var permutations: [[UInt32]] = [[]]
        for _ in 1..<setup.passCount { permutations.append(RandomPermutation.make(count: setup.keyLength, using: &generator)) }
        self.permutations = permutations
    }

    func blockCount(pass: Int) -> Int { (keyLength + blockSizes[pass] - 1) / blockSizes[pass] }

    func blockRange(pass: Int, block: Int) -> Range<Int> {
        (block * blockSizes[pass]) ..< min((block + 1) * blockSizes[pass], keyLength)
    }

    /// The key in pass `pass`'s order.
    func permuted(_ key: BitString, pass: Int) -> BitString {
        pass == 0 ? key : key.gathering(permutations[pass])
    }
}
