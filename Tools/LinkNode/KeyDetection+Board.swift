import KeyDistillation
import Physics

extension KeyDetection {
    /// A board detection as distillation input, indexed by Alice's cycle (her own cycle at
    /// Alice; the one Bob's alignment names at Bob): D/A is the diagonal basis, bit 0 the +
    /// output (H or D).
    init(_ detection: LinkDetection, aliceCycle: Int64) {
        self.init(index: UInt64(aliceCycle), basis: detection.analyzer == .diagonalAntidiagonal ? .diagonal : .rectilinear,
                  bit: detection.output == .minus)
    }
}
