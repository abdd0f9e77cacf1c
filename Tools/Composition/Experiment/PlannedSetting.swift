/// What one step of an experiment's schedule measures, in the analysis's terms.
public struct PlannedSetting: Sendable, Hashable, Codable {
    /// The step's label ("HV/HV", "a=0° b=22.5°", "H⊗D", "delay 300 ns").
    public var label: String
    /// Arm A's and arm B's basis names (nil for a per-cycle random basis).
    public var basisA: String?
    public var basisB: String?
    /// For single-projection tomography: which output of each arm counts (0 = +, 1 = −); nil
    /// when all four detector pairs count.
    public var outputA: Int?
    public var outputB: Int?

    /// A planned setting.
    public init(label: String, basisA: String?, basisB: String?, outputA: Int? = nil, outputB: Int? = nil) {
        self.label = label
        self.basisA = basisA
        self.basisB = basisB
        self.outputA = outputA
        self.outputB = outputB
    }
}
