/// The analyzer basis codes of both arms for a cycle: the values put on each arm's basis-select
/// lines (bit i on line basis-x-i). The station data says which analyzer basis each code selects;
/// an experiment's analyzer table says which one it expects.
public struct BasisCodes: Sendable, Hashable, CustomStringConvertible {
    /// Arm A's code.
    public var armA: UInt8
    /// Arm B's code.
    public var armB: UInt8

    /// Codes for both arms.
    @inlinable
    public init(armA: UInt8, armB: UInt8) {
        self.armA = armA
        self.armB = armB
    }

    /// The code of `arm`.
    @inlinable
    public subscript(arm: AnalyzerArm) -> UInt8 { arm == .a ? armA : armB }

    /// "A1/B0".
    public var description: String { "A\(armA)/B\(armB)" }
}
