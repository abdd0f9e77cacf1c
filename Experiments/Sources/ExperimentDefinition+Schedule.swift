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
            let codeA = setting.basisA.map { codes.code(of: $0, arm: .a) } ?? 0
            let codeB = setting.basisB.map { codes.code(of: $0, arm: .b) } ?? 0
            var step = ScheduleStep(label: setting.label, codes: BasisCodes(armA: codeA, armB: codeB), cycles: cyclesPerSetting,
                                    gateDelay: setting.gateDelay)
            if let bases = setting.randomBases {
                step.randomBasis = RandomBasisChoice(codesA: bases.map { codes.code(of: $0, arm: .a) },
                                                     codesB: bases.map { codes.code(of: $0, arm: .b) })
            }
            steps.append(step)
        }
        guard codes.problems.isEmpty else { throw .problems(codes.problems) }
        return CycleSchedule(timing: timing, steps: steps, basisSeed: seed ^ 0x5A5A_0B0B_BA5E_5EED)
    }
}
