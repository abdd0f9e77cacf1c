import Vocabulary

extension CycleSchedule {
    /// Everything that keeps this schedule from running on a station with `basisLinesA` and
    /// `basisLinesB` basis-select lines, each naming what clashes: the timing, each step's cycles
    /// and codes, and the run's board time (at most `RunLimits.longestRun`). `qdot check`, `qdot
    /// sim` and `qdot run` all ask this before a cycle runs.
    public func problems(basisLinesA: Int, basisLinesB: Int) -> [String] {
        var problems = timing.problems
        func check(_ code: UInt8, arm: String, count: Int, in step: ScheduleStep) {
            if Int(code) >= 1 << count {
                problems.append("setting \(step.label): basis code \(code) does not fit arm \(arm)'s \(count) basis line(s)")
            }
        }
        var totalCycles = 0
        var overflow = false
        for step in steps {
            if step.cycles < 0 { problems.append("setting \(step.label) has a negative cycle count \(step.cycles)") }
            let (sum, overflowed) = totalCycles.addingReportingOverflow(max(step.cycles, 0))
            totalCycles = sum
            overflow = overflow || overflowed
            check(step.codes.armA, arm: "A", count: basisLinesA, in: step)
            check(step.codes.armB, arm: "B", count: basisLinesB, in: step)
            if step.gateDelay != nil {
                for problem in step.timing(in: timing).problems where !problems.contains(problem) {
                    problems.append("setting \(step.label): \(problem)")
                }
            }
            if let random = step.randomBasis {
                if random.codesA.isEmpty || random.codesB.isEmpty {
                    problems.append("setting \(step.label): a random basis choice needs at least one code per arm")
                }
                for code in random.codesA { check(code, arm: "A", count: basisLinesA, in: step) }
                for code in random.codesB { check(code, arm: "B", count: basisLinesB, in: step) }
            }
        }
        if overflow {
            problems.append("expected at most \(DigitGrouping.grouped(RunLimits.longestRunSeconds)) s of board time, found more cycles than 64 bits count")
        } else if let problem = RunLimits.runLengthProblem(cycles: totalCycles, period: timing.triggerPeriod) {
            problems.append(problem)
        }
        return problems
    }
}
