import KeyDistillation
import SeededRandom
import Testing

@Suite struct SiftingTests {
    @Test func keepsOnlyCommonIndicesWithMatchingBases() throws {
        let alice = [KeyDetection(index: 1, basis: .rectilinear, bit: true), KeyDetection(index: 2, basis: .diagonal, bit: false),
                     KeyDetection(index: 4, basis: .diagonal, bit: true), KeyDetection(index: 7, basis: .rectilinear, bit: false)]
        let bob = [KeyDetection(index: 1, basis: .rectilinear, bit: true), KeyDetection(index: 2, basis: .rectilinear, bit: true),
                   KeyDetection(index: 3, basis: .diagonal, bit: true), KeyDetection(index: 4, basis: .diagonal, bit: false)]
        let aliceSifted = try Sifting.sift(own: alice, peer: try BasisAnnouncement(decoding: Sifting.announcement(of: bob).encode()))
        let bobSifted = try Sifting.sift(own: bob, peer: try BasisAnnouncement(decoding: Sifting.announcement(of: alice).encode()))
        // Index 1: same basis; 2: bases differ; 3: only Bob; 4: same basis; 7: only Alice.
        #expect(aliceSifted.indices == [1, 4] && bobSifted.indices == [1, 4])
        #expect(aliceSifted.bits == BitString(bits: [true, true]) && bobSifted.bits == BitString(bits: [true, false]))
        #expect(aliceSifted.rawDetections == 4 && aliceSifted.siftedBits == 2)
    }

    /// With independent uniform bases and both parties detecting every index, the sifted count is
    /// Binomial(N, 1/2): N = 40 000 gives 20 000 ± 100 (σ = √(N/4)); the test allows 5σ (seed 31).
    @Test func siftedFractionIsOneHalfForRandomBases() throws {
        var generator = Xoshiro256StarStar(seed: 31)
        let count = 40_000
        func detections() -> [KeyDetection] {
            (0..<count).map { KeyDetection(index: UInt64($0), basis: generator.next() & 1 == 0 ? .rectilinear : .diagonal, bit: generator.next() & 1 == 0) }
        }
        let alice = detections(), bob = detections()
        let sifted = try Sifting.sift(own: alice, peer: Sifting.announcement(of: bob))
        #expect(abs(Double(sifted.siftedBits) - Double(count) / 2) <= 5 * (Double(count) / 4).squareRoot())
    }

    @Test func unsortedOrRepeatedIndicesAreRejectedWithTheirPosition() {
        let repeated = [KeyDetection(index: 5, basis: .diagonal, bit: true), KeyDetection(index: 5, basis: .diagonal, bit: false)]
        do {
            _ = try Sifting.announcement(of: repeated)
            Issue.record("accepted")
        } catch { #expect(error.description.contains("position 1") && error.description.contains("strictly increasing")) }
        let peer = BasisAnnouncement(indices: [9, 3], bases: BitString(zeros: 2))
        #expect(throws: KeyDistillationError.self) { try Sifting.sift(own: [], peer: peer) }
    }
}
