import CCarrylessMultiply

/// Products of polynomials over GF(2) stored as packed words (bit i of word w = coefficient of
/// x^(64w+i)): Karatsuba's recursion (A. Karatsuba and Yu. Ofman, Sov. Phys. Dokl. 7, 595 (1963))
/// on 64-bit words, (a₀ + a₁X)(b₀ + b₁X) = a₀b₀ + ((a₀+a₁)(b₀+b₁) + a₀b₀ + a₁b₁)X + a₁b₁X², down
/// to a schoolbook base case done by carry-less multiplication (x86-64 PCLMULQDQ in
/// CCarrylessMultiply on 8 words, or its portable loop on 2: a slow word product pays for
/// recursing further). Over GF(2) addition is XOR,
/// so the recursion is exact; cost Θ(N^log₂3) word products for N words. When b's upper half is
/// zero (the last chunk of a Toeplitz seed), a₀b₀ + a₁b₀X takes two half-size products, not three.
enum GF2Polynomial {

    /// True when the base case runs on the hardware instruction.
    static var usesHardwareCarrylessMultiply: Bool { qdot_gf2_uses_hardware() != 0 }

    /// Makes every product use the portable loop (true) or the hardware instruction where it
    /// exists (false, the default): for comparing the two.
    static func forcePortable(_ portable: Bool) { qdot_gf2_force_portable(portable ? 1 : 0) }

    /// a · b for operands of the same power-of-two word count N (2N words); b's words from
    /// `usedWordsOfB` on must be zero.
    static func multiply(_ a: [UInt64], _ b: [UInt64], usedWordsOfB: Int? = nil) -> [UInt64] {
        let words = a.count
        precondition(words == b.count && words > 0 && words & (words - 1) == 0, "operands of one power-of-two size")
        var product = [UInt64](repeating: 0, count: 2 * words)
        var scratch = [UInt64](repeating: 0, count: 8 * words)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                product.withUnsafeMutableBufferPointer { product in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        karatsuba(a.baseAddress!, b.baseAddress!, words, min(words, usedWordsOfB ?? words), product.baseAddress!, scratch.baseAddress!,
                                  baseCaseWords: usesHardwareCarrylessMultiply ? 8 : 2)
                    }
                }
            }
        }
        return product
    }

    /// product[0 ..< 2n] ^= a[0 ..< n] · b[0 ..< n], where b's words from `usedB` on are zero;
    /// `scratch` holds 8n words.
    private static func karatsuba(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, _ n: Int, _ usedB: Int,
                                  _ product: UnsafeMutablePointer<UInt64>, _ scratch: UnsafeMutablePointer<UInt64>, baseCaseWords: Int) {
        guard usedB > 0 else { return }
        if n <= baseCaseWords {
            qdot_gf2_multiply_accumulate(a, b, n, product)
            return
        }
        let half = n / 2
        if usedB <= half {
            // b = b₀: a·b = a₀b₀ + a₁b₀·X, each added where it belongs.
            karatsuba(a, b, half, usedB, product, scratch, baseCaseWords: baseCaseWords)
            karatsuba(a + half, b, half, usedB, product + half, scratch, baseCaseWords: baseCaseWords)
            return
        }
        let low = scratch, high = scratch + n, middle = scratch + 2 * n
        let sumA = scratch + 3 * n, sumB = sumA + half, deeper = scratch + 4 * n
        low.update(repeating: 0, count: 3 * n)
        for index in 0..<half {
            sumA[index] = a[index] ^ a[half + index]
            sumB[index] = index < usedB - half ? b[index] ^ b[half + index] : b[index]
        }
        karatsuba(a, b, half, half, low, deeper, baseCaseWords: baseCaseWords)
        karatsuba(a + half, b + half, half, usedB - half, high, deeper, baseCaseWords: baseCaseWords)
        karatsuba(sumA, sumB, half, half, middle, deeper, baseCaseWords: baseCaseWords)
        for index in 0..<n {
            product[index] ^= low[index]
            product[n + index] ^= high[index]
            product[half + index] ^= middle[index] ^ low[index] ^ high[index]
        }
    }
}
