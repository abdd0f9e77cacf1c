@testable import KeyDistillation
import SeededRandom
import Testing

@Suite struct BitStringTests {
    /// The bits as an array of Bool, the reference every word-wise operation is checked against.
    static func naive(_ bits: BitString) -> [Bool] { (0..<bits.count).map { bits[$0] } }

    @Test func parityOfEveryRangeEdgeCaseMatchesBitByBitXor() {
        var generator = Xoshiro256StarStar(seed: 11)
        let bits = BitString.random(count: 517, using: &generator)
        let reference = Self.naive(bits)
        // All ranges starting and ending near word boundaries, plus random ones.
        let edges = [0, 1, 62, 63, 64, 65, 127, 128, 129, 255, 256, 300, 511, 512, 516, 517]
        var ranges: [Range<Int>] = []
        for lower in edges { for upper in edges where upper >= lower { ranges.append(lower ..< upper) } }
        for _ in 0..<500 {
            let a = Int(generator.next(upperBound: 518)), b = Int(generator.next(upperBound: 518))
            ranges.append(min(a, b) ..< max(a, b))
        }
        for range in ranges {
            #expect(bits.parity(of: range) == reference[range].reduce(false) { $0 != $1 }, "range \(range)")
        }
        #expect(bits.parity == reference.reduce(false) { $0 != $1 })
        #expect(bits.popcount == reference.filter { $0 }.count)
    }

    @Test func sliceGatherRemoveAndXorAgreeWithTheirDefinitions() {
        var generator = Xoshiro256StarStar(seed: 12)
        let bits = BitString.random(count: 300, using: &generator), other = BitString.random(count: 300, using: &generator)
        let reference = Self.naive(bits)
        for range in [0 ..< 300, 1 ..< 299, 63 ..< 129, 64 ..< 64, 100 ..< 101, 5 ..< 250] {
            #expect(Self.naive(bits.slice(range)) == Array(reference[range]), "slice \(range)")
        }
        let positions = [299, 0, 64, 63, 128, 7]
        #expect(Self.naive(bits.gathering(positions)) == positions.map { reference[$0] })
        let removed = [0, 5, 63, 64, 200, 299]
        #expect(Self.naive(bits.removing(sortedPositions: removed)) == reference.enumerated().filter { !removed.contains($0.offset) }.map(\.element))
        let xor = bits ^ other
        #expect(Self.naive(xor) == zip(reference, Self.naive(other)).map { $0 != $1 })
        #expect(bits.hammingDistance(to: other) == xor.popcount)
        #expect(BitString(bits: reference) == bits)
    }

    @Test func wordsWithPaddingBitsOrTheWrongCountAreRejected() throws {
        #expect(throws: KeyDistillationError.self) { try BitString(words: [0b100], count: 2) }
        #expect(throws: KeyDistillationError.self) { try BitString(words: [0, 0], count: 64) }
        #expect(throws: KeyDistillationError.self) { try BitString(words: [], count: 1) }
        let accepted = try BitString(words: [0b11, 1 << 63], count: 128)
        #expect(accepted.popcount == 3 && accepted[127] && accepted[0] && !accepted[2])
    }
}

extension BitStringTests {
    /// A key in a log line or a failed expectation shows its length, never its bits.
    @Test func descriptionsNeverShowTheBits() {
        let key = BitString(bits: [true, false, true, true])
        #expect("\(key)" == "4 bits" && String(reflecting: key) == "4 bits")
    }
}
