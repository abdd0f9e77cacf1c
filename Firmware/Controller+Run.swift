import HAL

extension Controller {
    /// Runs `schedule` to its end, or until the interlock opens, a hardware error, or `stop`.
    ///
    /// Returns what was gathered in every case; the outputs are safe when it returns.
    /// - Parameters:
    ///   - clicks: when given, every click attributed to a cycle is pushed here (cycle, setting,
    ///     channel, basis codes, timestamp) for the analysis; a full ring is counted, never waited on.
    ///   - observer: called between cycles every `observerInterval` cycles, and once at the end.
    /// - Throws: `FirmwareError` only for a schedule that cannot run or a controller not armed —
    ///   before any output changes.
    public func run(_ schedule: CycleSchedule, stop: StopSignal? = nil, clicks: ClickEventRing? = nil,
                    observer: (any CycleObserver)? = nil, observerInterval: Int = 1024) throws(FirmwareError) -> RunReport {
        guard case .armed = state else { throw .notArmed(state) }
        let problems = scheduleProblems(schedule) + (observerInterval > 0 ? [] : ["observer interval \(observerInterval) must be positive"])
        guard problems.isEmpty else { throw .badSchedule(problems) }

        let cycleWrites = schedule.steps.map { program.layOut($0.timing(in: schedule.timing), lines: lines) }
        let basisWrites = schedule.steps.map { program.basisWrites(for: $0.codes, lines: lines) }
        let randomChoices: [BasisChoiceTable?] = schedule.steps.map { step in
            step.randomBasis.map { BasisChoiceTable($0, program: &program, lines: lines) }
        }
        var loop = CycleLoop(controller: self, schedule: schedule, ring: clicks, observerInterval: observerInterval)
        state = .running
        loop.execute(cycleWrites: cycleWrites, basisWrites: basisWrites, randomChoices: randomChoices, stop: stop,
                     observer: observer)
        if let fault = loop.fault {
            state = .fault(reason: fault.description)
        } else if loop.interlockOpened {
            state = .safe(reason: "interlock opened")
        } else {
            state = .idle
        }
        do {
            try driveSafe()
        } catch {
            if loop.fault == nil { loop.fault = error }
            state = .fault(reason: error.description)
        }
        observer?.cyclesCompleted(loop.cyclesRun)
        return loop.report(finalState: state)
    }

    /// Everything that keeps `schedule` from running on this station, each naming what clashes.
    public func scheduleProblems(_ schedule: CycleSchedule) -> [String] {
        var problems = schedule.timing.problems
        func check(_ code: UInt8, arm: String, count: Int, in step: ScheduleStep) {
            if Int(code) >= 1 << count {
                problems.append("setting \(step.label): basis code \(code) does not fit arm \(arm)'s \(count) basis line(s)")
            }
        }
        for step in schedule.steps {
            if step.cycles < 0 { problems.append("setting \(step.label) has a negative cycle count \(step.cycles)") }
            check(step.codes.armA, arm: "A", count: lines.basisA.count, in: step)
            check(step.codes.armB, arm: "B", count: lines.basisB.count, in: step)
            if step.gateDelay != nil {
                for problem in step.timing(in: schedule.timing).problems where !problems.contains(problem) {
                    problems.append("setting \(step.label): \(problem)")
                }
            }
            if let random = step.randomBasis {
                if random.codesA.isEmpty || random.codesB.isEmpty {
                    problems.append("setting \(step.label): a random basis choice needs at least one code per arm")
                }
                for code in random.codesA { check(code, arm: "A", count: lines.basisA.count, in: step) }
                for code in random.codesB { check(code, arm: "B", count: lines.basisB.count, in: step) }
            }
        }
        return problems
    }
}
