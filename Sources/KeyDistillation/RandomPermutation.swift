import SeededRandom

/// Uniform random permutations of 0 ..< n, fast for n in the millions: the Rao–Sandelius
/// method (C. R. Rao, Sankhyā A 23, 305 (1961); M. Sandelius, Ann. Math. Stat. 33, 1213 (1962)).
/// Each element goes to one of B buckets, independently and uniformly; each bucket is then
/// shuffled by Fisher–Yates and the buckets are concatenated. The result is exactly uniform over
/// all n! permutations: a given π comes out when, for the bucket sizes s₁ … s_B drawn, each element
/// went to the bucket that holds its final position (probability B⁻ⁿ) and each bucket's shuffle
/// put them in π's order (probability Π 1/s_b!), so P(π) = Σ over sizes of B⁻ⁿ·Π 1/s_b!, the same
/// for every π. Every shuffle stays inside a cache-sized bucket instead of jumping across the
/// whole array (a plain Fisher–Yates over 10⁶ elements misses the cache on nearly every swap).
enum RandomPermutation {
    /// Bucket count: a power of two near n / 4096, at most 2¹⁶.
    static func bucketBits(count: Int) -> Int {
        var bits = 0
        while bits < 16, (count >> (bits + 12)) > 0 { bits += 1 }
        return bits
    }

    /// A uniform permutation of 0 ..< count drawn from `generator`.
    static func make(count: Int, using generator: inout Xoshiro256StarStar) -> [UInt32] {
        make(count: count, bucketBits: bucketBits(count: count), using: &generator)
    }

    /// The same with 2^`bits` buckets (the tests use few buckets on small n).
    static func make(count: Int, bucketBits bits: Int, using generator: inout Xoshiro256StarStar) -> [UInt32] {
        var next = bucketStarts(count: count, bits: bits, generator: generator)
        let starts = next
        return [UInt32](unsafeUninitializedCapacity: count) { output, initialized in
            forEachBucket(count: count, bits: bits, generator: &generator) { element, bucket in
                output[next[bucket]] = UInt32(truncatingIfNeeded: element)
                next[bucket] += 1
            }
            for bucket in 0..<(starts.count - 1) {
                let first = starts[bucket]
                var index = starts[bucket + 1] - 1
                while index > first {
                    let pick = first + Int(generator.next(upperBound: UInt64(index - first + 1)))
                    output.swapAt(index, pick)
                    index -= 1
                }
            }
            initialized = count
        }
    }

    /// Where each bucket starts (2^bits + 1 offsets, the last = count), from a replay of the bucket draws.
    private static func bucketStarts(count: Int, bits: Int, generator: Xoshiro256StarStar) -> [Int] {
        var replay = generator
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        forEachBucket(count: count, bits: bits, generator: &replay) { _, bucket in starts[bucket + 1] += 1 }
        for bucket in 0..<(1 << bits) { starts[bucket + 1] += starts[bucket] }
        return starts
    }

    /// The bucket draws: element by element, `bits` bits of a 64-bit draw each (all in bucket 0
    /// without drawing when bits = 0).
    @inline(__always)
    private static func forEachBucket(count: Int, bits: Int, generator: inout Xoshiro256StarStar, _ body: (Int, Int) -> Void) {
        guard bits > 0 else {
            for element in 0..<count { body(element, 0) }
            return
        }
        let perDraw = 64 / bits, mask = UInt64((1 << bits) - 1)
        var element = 0
        while element < count {
            var draw = generator.next()
            for _ in 0..<min(perDraw, count - element) {
                body(element, Int(draw & mask))
                draw >>= UInt64(bits)
                element += 1
            }
        }
    }
}
