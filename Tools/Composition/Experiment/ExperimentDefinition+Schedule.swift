import Vocabulary
public import Firmware

extension ExperimentDefinition {
    /// The CHSH analyzer angles (Clauser et al., PRL 23, 880 (1969)): a, a′ on arm A and b, b′ on
    /// arm B, in degrees, for which |Φ+> gives S = 2√2.
    public static let chshAngles = (a: 0.0, aPrime: 45.0, b: 22.5, bPrime: 67.5)

    /// The settings of the experiment, in schedule order, with what each measures.
    public var plannedSettings: [PlannedSetting] {
        switch kind {
        case .bellCHSH:
            let angles = Self.chshAngles
            func linear(_ degrees: Double) -> String { AnalyzerCodeTable.canonical("linear:\(degrees)")! }
            var settings = ["HV", "DA", "RL"].map { (name: String) in
                PlannedSetting(label: "\(name)/\(name)", basisA: name, basisB: name)
            }
            for (a, b) in [(angles.a, angles.b), (angles.a, angles.bPrime), (angles.aPrime, angles.b),
                           (angles.aPrime, angles.bPrime)] {
                settings.append(PlannedSetting(label: "a=\(a)° b=\(b)°", basisA: linear(a), basisB: linear(b)))
            }
            return settings
        case .tomography16:
            // H and V are the + and − outputs of H/V, D the + of D/A, R the + of R/L.
            let projections: [(name: String, basis: String, output: Int)] = [("H", "HV", 0), ("V", "HV", 1),
                                                                               ("D", "DA", 0), ("R", "RL", 0)]
            return projections.flatMap { a in
                projections.map { b in
                    PlannedSetting(label: "\(a.name)⊗\(b.name)", basisA: a.basis, basisB: b.basis,
                                   outputA: a.output, outputB: b.output)
                }
            }
        case .tomography36:
            let bases = ["HV", "DA", "RL"]
            return bases.flatMap { a in bases.map { b in PlannedSetting(label: "\(a)/\(b)", basisA: a, basisB: b) } }
        case .bbm92:
            return [PlannedSetting(label: "random HV|DA", basisA: nil, basisB: nil)]
        case .g2:
            return [PlannedSetting(label: "HBT \(g2Basis)/\(g2Basis)", basisA: g2Basis, basisB: g2Basis)]
        case .gateDelayScan:
            return (scan?.delays ?? []).map { PlannedSetting(label: "delay \($0.nanoseconds) ns", basisA: "HV", basisB: "HV") }
        }
    }

    /// The firmware schedule: one step per planned setting, with the basis codes of the analyzer
    /// table, the scan's gate delay per step, BBM92's per-cycle random bases.
    /// - Throws: `ExperimentError.problems` naming every basis the analyzer table lacks.
    public func schedule() throws(ExperimentError) -> CycleSchedule {
        var problems: [String] = []
        func code(_ basis: String?, arm: Int) -> UInt8 {
            guard let basis else { return 0 }
            if let code = analyzer.code(of: basis, arm: arm) { return code }
            problems.append("the analyzer table of arm \(arm == 0 ? "A" : "B") has no code for basis \(basis) "
                            + "(analyzer.\(arm == 0 ? "a" : "b") = \(arm == 0 ? analyzer.armA : analyzer.armB))")
            return 0
        }
        let delays = scan?.delays ?? []
        var steps: [ScheduleStep] = []
        for (index, setting) in plannedSettings.enumerated() {
            var step = ScheduleStep(label: setting.label,
                                    codes: BasisCodes(armA: code(setting.basisA, arm: 0), armB: code(setting.basisB, arm: 1)),
                                    cycles: cyclesPerSetting)
            if kind == .gateDelayScan { step.gateDelay = delays[index] }
            if kind == .bbm92 {
                step.randomBasis = RandomBasisChoice(codesA: [code("HV", arm: 0), code("DA", arm: 0)],
                                                     codesB: [code("HV", arm: 1), code("DA", arm: 1)])
            }
            steps.append(step)
        }
        guard problems.isEmpty else { throw .problems(problems) }
        return CycleSchedule(timing: timing, steps: steps, basisSeed: seed ^ 0x5A5A_0B0B_BA5E_5EED)
    }

    /// Board time the whole schedule takes, in seconds.
    public var plannedDurationSeconds: Double {
        Double(plannedSettings.count * cyclesPerSetting) * timing.triggerPeriod.seconds
    }
}

/// Why an experiment cannot be planned or run.
public enum ExperimentError: Error, CustomStringConvertible, Sendable {
    /// Problems with the experiment, each naming the figures that clash.
    case problems([String])

    public var description: String {
        switch self {
        case let .problems(list): return list.joined(separator: "; ")
        }
    }
}
