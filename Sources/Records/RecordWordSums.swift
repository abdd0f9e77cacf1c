/// The two byte sums of one little-endian 64-bit word that the record's Fletcher-16 needs
/// (`RunRecordFormat.check(kind:…)`): with the word's bytes x₀ (lowest) … x₇,
/// `byteSum` = Σ x_j and `indexWeightedSum` = Σ j·x_j.
///
/// Both come from a few shifts, masks and multiplications on the whole word rather than eight
/// byte extractions (the writer computes them for three words per click):
/// - adding the even bytes to the odd bytes gives four 16-bit lanes P_k = x₂ₖ + x₂ₖ₊₁ ≤ 510;
/// - multiplying a word of 16-bit lanes L₀ … L₃ by 0x0001_0001_0001_0001 leaves L₀ + L₁ + L₂ + L₃
///   in the top lane, and by 0x0000_0001_0002_0003 leaves 0·L₀ + 1·L₁ + 2·L₂ + 3·L₃ there (the top
///   lane of a product collects the lane pairs whose indices add to 3); every lane of these
///   products is at most 6·510 < 2¹⁶, so no carry spills from one lane into the next (what
///   overflows past bit 63 is discarded and is never part of the top lane);
/// - Σ j·x_j = Σ_k (2k·x₂ₖ + (2k + 1)·x₂ₖ₊₁) = 2·Σ k·P_k + Σ x₂ₖ₊₁.
/// Both sums are linear in the bytes, so the sums of two words come from the lane-wise sum of
/// their lanes in one pass (`init(_:plus:)`): lanes P_k ≤ 1 020, product lanes ≤ 6·1 020 < 2¹⁶.
/// `RunRecordFormatTests` compares the result with the byte-by-byte definition.
@usableFromInline
struct RecordWordSums {
    /// Σ x_j, at most 16 · 255.
    @usableFromInline let byteSum: UInt
    /// Σ j·x_j, at most 56 · 255.
    @usableFromInline let indexWeightedSum: UInt

    @usableFromInline static let lowByteOfEachLane: UInt64 = 0x00FF_00FF_00FF_00FF
    @usableFromInline static let laneSum: UInt64 = 0x0001_0001_0001_0001
    @usableFromInline static let laneIndexSum: UInt64 = 0x0000_0001_0002_0003

    /// The sums of `word`'s eight bytes.
    @inlinable @inline(__always)
    init(_ word: UInt64) {
        self.init(evenLanes: word & Self.lowByteOfEachLane, oddLanes: (word >> 8) & Self.lowByteOfEachLane)
    }

    /// The sums of `first`'s and `second`'s sixteen bytes together: byteSum = S(first) + S(second),
    /// indexWeightedSum = J(first) + J(second), with the byte index j counted within each word.
    @inlinable @inline(__always)
    init(_ first: UInt64, plus second: UInt64) {
        self.init(evenLanes: (first & Self.lowByteOfEachLane) &+ (second & Self.lowByteOfEachLane),
                  oddLanes: ((first >> 8) & Self.lowByteOfEachLane) &+ ((second >> 8) & Self.lowByteOfEachLane))
    }

    /// The sums from the even and odd bytes already in their 16-bit lanes (each lane ≤ 510).
    @inlinable @inline(__always)
    init(evenLanes even: UInt64, oddLanes odd: UInt64) {
        let pairs = even &+ odd
        byteSum = UInt((pairs &* Self.laneSum) >> 48)
        let oddSum = UInt((odd &* Self.laneSum) >> 48)
        indexWeightedSum = 2 &* UInt((pairs &* Self.laneIndexSum) >> 48) &+ oddSum
    }
}
