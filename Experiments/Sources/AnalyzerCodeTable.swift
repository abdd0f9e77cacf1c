public import Vocabulary

/// Which basis code (the value put on an arm's basis-select lines) selects which analyzer basis,
/// as the experiment file's `[analyzer]` section lists them: `a = ["HV", "DA", "RL", …]`, the
/// position in the list is the code.
///
/// The station (the simulated one's station file, a lab's wiring) must agree; `qdot check` and
/// `qdot sim` compare the two.
public struct AnalyzerCodeTable: Sendable, Hashable {
    /// Arm A's bases, by code.
    public var armA: [AnalyzerBasis]
    /// Arm B's bases, by code.
    public var armB: [AnalyzerBasis]

    /// A table.
    public init(armA: [AnalyzerBasis], armB: [AnalyzerBasis]) {
        self.armA = armA
        self.armB = armB
    }

    /// The table of the built-in simulated station: 0 H/V, 1 D/A, 2 R/L, 3 linear 22.5°, 4 linear
    /// 67.5° on both arms (the CHSH angles of arm B).
    public static let standard: AnalyzerCodeTable = {
        let bases: [AnalyzerBasis] = [.horizontalVertical, .diagonalAntidiagonal, .rightLeft, .linear(degrees: 22.5),
                                      .linear(degrees: 67.5)]
        return AnalyzerCodeTable(armA: bases, armB: bases)
    }()

    /// The bases of `arm`, by code.
    public func bases(of arm: AnalyzerArm) -> [AnalyzerBasis] { arm == .a ? armA : armB }

    /// The file names of `arm`'s bases, by code, for messages: `["HV", "DA"]`.
    public func names(of arm: AnalyzerArm) -> [String] { bases(of: arm).map(\.name) }

    /// The code selecting `basis` (or the same analyzer written another way) on `arm`, or nil
    /// when the table lacks it.
    public func code(of basis: AnalyzerBasis, arm: AnalyzerArm) -> UInt8? {
        bases(of: arm).firstIndex { $0.isSameAnalyzer(as: basis) }.map { UInt8($0) }
    }

    /// The basis `code` selects on `arm`, in canonical form, or nil.
    public func basis(ofCode code: UInt8, arm: AnalyzerArm) -> AnalyzerBasis? {
        let bases = bases(of: arm)
        return Int(code) < bases.count ? bases[Int(code)].canonical : nil
    }
}
