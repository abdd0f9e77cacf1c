/// How Cascade's block size grows from pass to pass, after a first block of k₁ bits
/// (k₁ = 2^⌈log₂(1/Q)⌉, ``CascadeCorrector/firstBlockSize(estimatedQBER:keyLength:)``). Every
/// block size is capped at n/2.
///
/// Measured at QBER 2 % on 10⁶-bit blocks (`qdot-bench key-distillation PASSES SEEDS SCHEDULE`,
/// 20 seeds): ``doubling`` with 4 passes, f = 1.109 and no block left with errors, 14 Mbit/s for
/// both roles on one core; ``martinezMateoOption7`` with 8 passes, f = 1.083 and no block left with
/// errors, 7 Mbit/s (every pass costs a permutation of the whole key, and its n/2-bit passes each
/// catch a left-over error only half the time, so it needs more of them).
public enum CascadeBlockSchedule: UInt8, Hashable, Sendable, CustomStringConvertible {
    /// kᵢ = 2^(i−1)·k₁: the original Cascade's doubling (G. Brassard and L. Salvail, EUROCRYPT '93,
    /// LNCS 765, 410), from the power-of-two k₁ above.
    case doubling = 0
    /// k₁, k₂ = 4·k₁, then n/2 for every further pass: "Cascade opt. (7)" of J. Martinez-Mateo,
    /// C. Pacher, M. Peev, A. Ciurana and V. Martin, "Demystifying the information reconciliation
    /// protocol Cascade", Quantum Inf. Comput. 15, 453 (2015), which they run for 14 passes.
    case martinezMateoOption7 = 1

    /// The block size of every pass for a key of `keyLength` bits.
    func blockSizes(firstBlockSize: Int, passCount: Int, keyLength: Int) -> [Int] {
        let largest = max(2, keyLength / 2)
        var sizes = [min(firstBlockSize, largest)]
        while sizes.count < passCount {
            switch self {
            case .doubling: sizes.append(min(2 * sizes[sizes.count - 1], largest))
            case .martinezMateoOption7: sizes.append(sizes.count == 1 ? min(4 * sizes[0], largest) : largest)
            }
        }
        return sizes
    }

    /// The schedule's name as the benchmark and the reports spell it.
    public var description: String { self == .doubling ? "doubling" : "option7" }
}
