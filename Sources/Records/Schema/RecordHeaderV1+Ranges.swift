import Experiments

/// The ranges a record header's numbers must lie in, checked before the header becomes an
/// experiment and a schedule, and before anything is computed from it: a damaged or forged header
/// is refused naming the field, never trapped on. The limits keep every later sum and product in
/// 64 bits: at most 2⁴⁸ cycles in all (89 years at 100 kHz), timings within ±10 s, and the board
/// time of the whole schedule within 2⁶² ns (146 years).
extension RecordHeaderV1 {
    /// The most cycles a schedule may plan in all.
    public static let maximumCycles: Int64 = 1 << 48
    /// The largest magnitude of a timing value, nanoseconds (10 s).
    public static let maximumTimingNanoseconds: Int64 = 10_000_000_000
    /// The latest board time a record may hold, nanoseconds (2⁶², 146 years).
    public static let maximumBoardNanoseconds: Int64 = 1 << 62
    /// The side peaks a g2 header may count on each side (as an experiment file may ask).
    public static let sidePeakRange = 1...50

    /// The first number out of range, or nil.
    public var rangeProblem: SchemaError? {
        func outside<Value: Comparable>(_ value: Value, _ range: ClosedRange<Value>, _ field: String) -> SchemaError? {
            range.contains(value) ? nil : SchemaError(field: field, problem: "\(value); expected \(range.lowerBound) to \(range.upperBound)")
        }
        if let problem = Self.timingProblem(experiment.timing, "experiment.timing") ?? Self.timingProblem(schedule.timing, "schedule.timing") {
            return problem
        }
        let cycles = 0...Self.maximumCycles, nanoseconds = -Self.maximumTimingNanoseconds...Self.maximumTimingNanoseconds
        if let problem = outside(Int64(experiment.cyclesPerSetting), 1...Self.maximumCycles, "experiment.cyclesPerSetting")
            ?? outside(experiment.sidePeaks, Self.sidePeakRange, "experiment.sidePeaks")
            ?? outside(experiment.analyzer.armA.count, 1...256, "experiment.analyzer.armA (bases)")
            ?? outside(experiment.analyzer.armB.count, 1...256, "experiment.analyzer.armB (bases)") {
            return problem
        }
        if !experiment.errorCorrectionInefficiency.isFinite || !(1...10).contains(experiment.errorCorrectionInefficiency) {
            return SchemaError(field: "experiment.errorCorrectionInefficiency", problem: "\(experiment.errorCorrectionInefficiency); expected 1 to 10")
        }
        if let scan = experiment.scan {
            if let problem = outside(scan.start, nanoseconds, "experiment.scan.start") ?? outside(scan.stop, nanoseconds, "experiment.scan.stop")
                ?? outside(scan.step, 1...Self.maximumTimingNanoseconds, "experiment.scan.step") {
                return problem
            }
            if scan.stop < scan.start {
                return SchemaError(field: "experiment.scan.stop", problem: "\(scan.stop) before the start \(scan.start)")
            }
            if (scan.stop - scan.start) / scan.step + 1 > Int64(GateDelayScan.maximumSteps) {
                return SchemaError(field: "experiment.scan.step", problem: "\((scan.stop - scan.start) / scan.step + 1) steps; expected at most \(GateDelayScan.maximumSteps)")
            }
        }
        guard (1...GateDelayScan.maximumSteps).contains(schedule.steps.count) else {
            return SchemaError(field: "schedule.steps", problem: "\(schedule.steps.count) settings; a schedule runs 1 to \(GateDelayScan.maximumSteps)")
        }
        var total: Int64 = 0
        for (index, step) in schedule.steps.enumerated() {
            if let problem = outside(Int64(step.cycles), cycles, "schedule.steps[\(index)].cycles")
                ?? step.gateDelay.flatMap({ outside($0, nanoseconds, "schedule.steps[\(index)].gateDelay") }) {
                return problem
            }
            if let random = step.randomBasis, random.codesA.isEmpty || random.codesB.isEmpty {
                return SchemaError(field: "schedule.steps[\(index)].randomBasis", problem: "no basis codes to draw from")
            }
            total += Int64(step.cycles)   // at most 10 000 × 2⁴⁸ < 2⁶³
        }
        if total > Self.maximumCycles {
            return SchemaError(field: "schedule.steps", problem: "\(total) cycles in all; expected at most \(Self.maximumCycles)")
        }
        let (boardTime, overflow) = total.multipliedReportingOverflow(by: schedule.timing.triggerPeriod)
        if overflow || boardTime > Self.maximumBoardNanoseconds {
            return SchemaError(field: "schedule.steps", problem: "\(total) cycles of \(schedule.timing.triggerPeriod) ns take longer than \(Self.maximumBoardNanoseconds) ns")
        }
        return nil
    }

    private static func timingProblem(_ timing: TimingV1, _ field: String) -> SchemaError? {
        let limit = maximumTimingNanoseconds
        for (name, value, range) in [("triggerPeriod", timing.triggerPeriod, 1...limit),
                                     ("triggerPulseWidth", timing.triggerPulseWidth, 1...limit),
                                     ("gateDelay", timing.gateDelay, -limit...limit),
                                     ("gateWidth", timing.gateWidth, 1...limit),
                                     ("coincidenceWindow", timing.coincidenceWindow, 0...limit)] where !range.contains(value) {
            return SchemaError(field: "\(field).\(name)", problem: "\(value) ns; expected \(range.lowerBound) to \(range.upperBound)")
        }
        return nil
    }
}
