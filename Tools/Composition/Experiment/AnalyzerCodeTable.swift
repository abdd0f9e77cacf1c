import Vocabulary

/// Which basis code (the value put on an arm's basis-select lines) selects which analyzer basis,
/// as the experiment file's `[analyzer]` section lists them: `a = ["HV", "DA", "RL", …]`, the
/// position in the list is the code.
///
/// Basis names follow the station file: `HV`, `DA`, `RL`, or `linear:ANGLE` (degrees from H);
/// `linear:0` is H/V and `linear:45` is D/A.
public struct AnalyzerCodeTable: Sendable, Hashable, Codable {
    /// Arm A's basis names, by code.
    public var armA: [String]
    /// Arm B's basis names, by code.
    public var armB: [String]

    /// A table.
    public init(armA: [String], armB: [String]) {
        self.armA = armA
        self.armB = armB
    }

    /// The table of the built-in simulated station: 0 H/V, 1 D/A, 2 R/L, 3 linear 22.5°, 4 linear
    /// 67.5° on both arms (the CHSH angles of arm B).
    public static let standard = AnalyzerCodeTable(
        armA: ["HV", "DA", "RL", "linear:22.5", "linear:67.5"],
        armB: ["HV", "DA", "RL", "linear:22.5", "linear:67.5"])

    /// The canonical name of a basis: `linear:0` → `HV`, `linear:45` → `DA`, `linear:22.50` → `linear:22.5`.
    public static func canonical(_ name: String) -> String? {
        AnalyzerBasis(name: name)?.canonical.name
    }

    /// The code selecting `basis` on `arm` (0 = A, 1 = B), or nil when the table lacks it.
    public func code(of basis: String, arm: Int) -> UInt8? {
        guard let wanted = Self.canonical(basis) else { return nil }
        let names = arm == 0 ? armA : armB
        return names.firstIndex { Self.canonical($0) == wanted }.map { UInt8($0) }
    }

    /// The basis name of `code` on `arm`, or nil.
    public func basis(ofCode code: UInt8, arm: Int) -> String? {
        let names = arm == 0 ? armA : armB
        return Int(code) < names.count ? Self.canonical(names[Int(code)]) : nil
    }
}
