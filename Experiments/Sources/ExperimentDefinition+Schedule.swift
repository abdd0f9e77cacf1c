import Vocabulary
public import Firmware

extension ExperimentDefinition {
    /// The firmware schedule: one step per planned setting with the analyzer table's basis codes,
    /// its gate delay if it has one, and its per-cycle random bases if it draws them.
    /// - Throws: `ExperimentError.problems` naming every basis the analyzer table lacks.
    public func schedule() throws(ExperimentError) -> CycleSchedule {
        var codes = BasisCodeLookup(analyzer)
        var steps: [ScheduleStep] = []
        for setting in plannedSettings {
            var step = ScheduleStep(label: setting.label, codes: BasisCodes(armA: 0, armB: 0), cycles: cyclesPerSetting,
                                    gateDelay: setting.gateDelay)
            if let basisA = setting.basisA, let basisB = setting.basisB {
                step.codes = BasisCodes(armA: codes.code(of: basisA, arm: .a), armB: codes.code(of: basisB, arm: .b))
            }
            if let bases = setting.randomBases {
                // Drawn every cycle; the step's own codes (0, 0) only name it in reports.
                step.randomBasis = RandomBasisChoice(codesA: bases.map { codes.code(of: $0, arm: .a) },
                                                     codesB: bases.map { codes.code(of: $0, arm: .b) })
            }
            steps.append(step)
        }
        guard codes.problems.isEmpty else { throw .problems(codes.problems) }
        return CycleSchedule(timing: timing, steps: steps, basisSeed: seed ^ 0x5A5A_0B0B_BA5E_5EED)
    }
}
