import HAL

extension Controller {
    /// Runs `schedule` to its end, or until the interlock opens, a hardware error, or `stop`.
    ///
    /// Returns what was gathered in every case; the outputs are safe when it returns.
    /// - Throws: `FirmwareError` only for a schedule that cannot run or a controller not armed —
    ///   before any output changes.
    public func run(_ schedule: CycleSchedule, stop: StopSignal? = nil) throws(FirmwareError) -> RunReport {
        guard case .armed = state else { throw .notArmed(state) }
        var problems = schedule.timing.problems
        for step in schedule.steps {
            if step.cycles < 0 { problems.append("setting \(step.label) has a negative cycle count \(step.cycles)") }
            if Int(step.codes.armA) >= 1 << lines.basisA.count {
                problems.append("setting \(step.label): basis code \(step.codes.armA) does not fit arm A's \(lines.basisA.count) basis line(s)")
            }
            if Int(step.codes.armB) >= 1 << lines.basisB.count {
                problems.append("setting \(step.label): basis code \(step.codes.armB) does not fit arm B's \(lines.basisB.count) basis line(s)")
            }
        }
        guard problems.isEmpty else { throw .badSchedule(problems) }

        program.layOut(schedule.timing, lines: lines)
        let basisWrites = schedule.steps.map { program.basisWrites(for: $0.codes, lines: lines) }
        var loop = CycleLoop(controller: self, schedule: schedule)
        state = .running
        loop.execute(basisWrites: basisWrites, stop: stop)
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
        return loop.report(finalState: state)
    }
}

/// The state of one run of the cycle loop, kept together so the loop's hot path touches only
/// preallocated storage.
struct CycleLoop {
    unowned let controller: Controller
    let schedule: CycleSchedule
    // The controller's input side, copied once so the hot path does not go through `controller`.
    let inputRequests: [any EdgeInput]
    let inputRoles: [[Int8]]
    let interlockRequest: Int
    let interlockIndex: Int
    let edgeBuffer: UnsafeMutableBufferPointer<EdgeEvent>
    let clock: any HardwareClock
    let period: TimeSpan
    let window: Int64
    var tallies: [SettingTally]
    var histogram = LatenessHistogram()
    var overruns = 0
    var missedSlots = 0
    var actionLatenessMaximum: Int64 = 0
    var cyclesRun = 0
    var clicksOutsideCycle = 0
    var lostEdgesSeen: [Int]
    var interlockOpened = false
    var stopRequested = false
    var fault: HardwareError?
    var start = Instant.zero
    var end = Instant.zero
    /// First click time (ns) and click count per channel: 0–3 the previous cycle, 4–7 the current.
    var firstClick = [Int64](repeating: 0, count: 8)
    var clickCount = [Int](repeating: 0, count: 8)

    init(controller: Controller, schedule: CycleSchedule) {
        self.controller = controller
        self.schedule = schedule
        self.clock = controller.lines.clock
        self.period = schedule.timing.triggerPeriod
        self.window = schedule.timing.coincidenceWindow.nanoseconds
        self.tallies = schedule.steps.map { SettingTally(label: $0.label, codes: $0.codes) }
        self.lostEdgesSeen = controller.inputRequests.map(\.lostEdgeCount)
        self.inputRequests = controller.inputRequests
        self.inputRoles = controller.inputRoles
        self.interlockRequest = controller.interlockRequest
        self.interlockIndex = controller.lines.interlock.index
        self.edgeBuffer = controller.edgeBuffer
    }

    var totalLostEdges: Int {
        zip(inputRequests, lostEdgesSeen).reduce(0) { $0 + $1.0.lostEdgeCount - $1.1 }
    }

    mutating func execute(basisWrites: [[TimedWrite]], stop: StopSignal?) {
        let program = controller.program
        let requests = program.requests
        let writes = program.writes
        var slot: Int64 = 0
        var previousStep = -1
        var previousStart = Instant.zero
        do {
            if let status = controller.lines.status { try status.request.set(line: status.index, to: .active) }
            start = clock.now + period
            end = start
            steps: for (stepIndex, step) in schedule.steps.enumerated() {
                var basisPending = true
                for _ in 0..<step.cycles {
                    var deadline = start + period * slot
                    let wake = clock.sleep(until: deadline)
                    if wake - deadline >= period {
                        let skipped = (wake - deadline).nanoseconds / period.nanoseconds
                        missedSlots += Int(skipped)
                        slot += skipped
                        deadline = start + period * slot
                    }
                    histogram.record(nanoseconds: (wake - deadline).nanoseconds)
                    try readOut(cycleStart: deadline, previousStart: previousStart)
                    if previousStep >= 0 { closeCycle(into: previousStep) }
                    previousStep = -1
                    if interlockOpened { break steps }
                    if let stop, stop.isRaised { stopRequested = true; break steps }

                    if basisPending {
                        for write in basisWrites[stepIndex] {
                            try requests[write.request].set(write.values, mask: write.mask)
                        }
                        basisPending = false
                    }
                    var lastWake = wake
                    var lastOffset = TimeSpan.zero
                    for write in writes {
                        if write.offset > lastOffset {
                            let due = deadline + write.offset
                            lastWake = clock.sleep(until: due)
                            actionLatenessMaximum = max(actionLatenessMaximum, (lastWake - due).nanoseconds)
                            lastOffset = write.offset
                        }
                        try requests[write.request].set(write.values, mask: write.mask)
                    }
                    if lastWake >= deadline + period { overruns += 1 }
                    cyclesRun += 1
                    tallies[stepIndex].cycles += 1
                    previousStep = stepIndex
                    previousStart = deadline
                    slot += 1
                    end = deadline + period
                }
            }
            // Collect the last cycle's clicks once its period is over.
            if previousStep >= 0 {
                clock.sleep(until: end)
                try readOut(cycleStart: end, previousStart: previousStart)
                closeCycle(into: previousStep)
            }
        } catch {
            fault = error
        }
    }

    /// Reads every waiting edge: clicks go to the cycle whose period contains their timestamp,
    /// a falling interlock edge stops the run.
    mutating func readOut(cycleStart: Instant, previousStart: Instant) throws(HardwareError) {
        let buffer = edgeBuffer
        for requestIndex in 0..<inputRequests.count {
            let request = inputRequests[requestIndex]
            while true {
                let count = try request.readEdges(into: buffer)
                for i in 0..<count {
                    let event = buffer[i]
                    let role = inputRoles[requestIndex][event.line]
                    if role == 4 {
                        if event.kind == .falling { interlockOpened = true }
                        continue
                    }
                    guard role >= 0, event.kind == .rising else { continue }
                    let slot: Int
                    if event.timestamp >= cycleStart {
                        slot = 4 + Int(role)
                    } else if event.timestamp >= previousStart {
                        slot = Int(role)
                    } else {
                        clicksOutsideCycle += 1
                        continue
                    }
                    if clickCount[slot] == 0 { firstClick[slot] = event.timestamp.nanoseconds }
                    clickCount[slot] += 1
                }
                if count < buffer.count { break }
            }
            // Lost interlock edges: the level itself decides.
            if requestIndex == interlockRequest, request.lostEdgeCount != lostEdgesSeen[requestIndex] {
                if try request.value(ofLine: interlockIndex) != .active { interlockOpened = true }
            }
        }
    }

    /// Adds the previous cycle's clicks to its setting's tally and makes the current cycle the previous.
    mutating func closeCycle(into stepIndex: Int) {
        for channel in 0..<4 { tallies[stepIndex].singles[channel] += clickCount[channel] }
        if (clickCount[0] > 0 && clickCount[1] > 0) || (clickCount[2] > 0 && clickCount[3] > 0) {
            tallies[stepIndex].doubleClickCycles += 1
        }
        for a in 0..<2 where clickCount[a] > 0 {
            for b in 2..<4 where clickCount[b] > 0 {
                let separation = firstClick[a] - firstClick[b]
                if separation <= window && separation >= -window {
                    tallies[stepIndex].coincidences[a * 2 + (b - 2)] += 1
                }
            }
        }
        for channel in 0..<4 {
            clickCount[channel] = clickCount[channel + 4]
            firstClick[channel] = firstClick[channel + 4]
            clickCount[channel + 4] = 0
        }
    }

    func report(finalState: ControllerState) -> RunReport {
        var reason: String?
        if let fault { reason = "hardware fault: \(fault.description)" }
        else if interlockOpened { reason = "interlock opened" }
        else if stopRequested { reason = "stop requested" }
        let budget = TimingBudget(
            samples: histogram.count,
            latenessMinimumNanoseconds: histogram.minimumNanoseconds,
            latenessMeanNanoseconds: histogram.meanNanoseconds,
            latenessP50Nanoseconds: histogram.percentileNanoseconds(0.5),
            latenessP99Nanoseconds: histogram.percentileNanoseconds(0.99),
            latenessP999Nanoseconds: histogram.percentileNanoseconds(0.999),
            latenessMaximumNanoseconds: histogram.maximumNanoseconds,
            overruns: overruns, missedSlots: missedSlots, earlyWakeups: histogram.negativeSamples,
            actionLatenessMaximumNanoseconds: actionLatenessMaximum)
        return RunReport(
            finalState: finalState.description, complete: reason == nil && cyclesRun == schedule.totalCycles,
            stopReason: reason, timing: schedule.timing, cyclesPlanned: schedule.totalCycles, cyclesRun: cyclesRun,
            startNanoseconds: start.nanoseconds, endNanoseconds: end.nanoseconds, settings: tallies,
            timingBudget: budget, lostEdges: totalLostEdges, clicksOutsideCycle: clicksOutsideCycle)
    }
}
