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
        let plan = CycleLoopPlan(cycleWrites: cycleWrites, basisWrites: basisWrites, randomChoices: randomChoices,
                                 stop: stop, observer: observer)
        state = .running
        // The loop compiled for this station's types when the composition root named them and
        // they match; the loop through existentials otherwise.
        if !(lines.compiledLoop?.execute(&loop, program.requests, inputRequests, lines.clock, plan) ?? false) {
            CompiledCycleLoop.executeErased(&loop, outputs: program.requests, inputs: inputRequests, clock: lines.clock,
                                            plan: plan)
        }
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
        let lostEdges = loop.lostEdges(now: inputRequests.map(\.lostEdgeCount))
        observer?.cyclesCompleted(loop.cyclesRun)
        observer?.loopFigures(loop.figures(step: loop.stepRunning, lostEdges: lostEdges), lateness: loop.histogram)
        return loop.report(finalState: state, lostEdges: lostEdges)
    }

    /// Everything that keeps `schedule` from running on this station, each naming what clashes
    /// (``CycleSchedule/problems(basisLinesA:basisLinesB:)`` for this station's lines).
    public func scheduleProblems(_ schedule: CycleSchedule) -> [String] {
        schedule.problems(basisLinesA: lines.basisA.count, basisLinesB: lines.basisB.count)
    }
}
