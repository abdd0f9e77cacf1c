public import HAL
public import Vocabulary

/// The state of one run of the cycle loop, kept together so the loop's hot path touches only
/// preallocated storage.
///
/// The loop's methods are generic over the station's request and clock types
/// (``StationLineTypes``): the requests come in as arrays of their concrete type, so a loop
/// compiled for one backend calls that backend's `set`, `readEdges` and `sleep` directly.
@usableFromInline struct CycleLoop {
    @usableFromInline unowned let controller: Controller
    @usableFromInline let schedule: CycleSchedule
    @usableFromInline let inputRoles: [[InputRole]]
    @usableFromInline let interlockRequest: Int
    @usableFromInline let interlockIndex: Int
    @usableFromInline let edgeBuffer: UnsafeMutableBufferPointer<EdgeEvent>
    @usableFromInline let period: TimeSpan
    /// What makes a cycle's clicks into counts: the same rule as every recount of a click record.
    @usableFromInline let coincidenceRule: CoincidenceRule
    /// Gate mode: the side-cycle pairs that measure the accidentals (nil in window mode).
    @usableFromInline var sideCycles: SideCycleTally?
    /// Whether `sideCycles` is set, asked per cycle with clicks: asking the optional itself was a
    /// call to an outlined enum-tag check of the tally (as in `ExperimentAccumulator`).
    @usableFromInline let countsSideCycles: Bool
    @usableFromInline var tallies: [SettingTally]
    /// The step whose clicks are being tallied (-1 before the first) and their counts so far,
    /// added to its entry in `tallies` when the clicks of another step come or the run ends:
    /// counting into a plain value in place costs no array uniqueness checks per cycle. (Each
    /// step's cycles are added to its tally when the step ends.)
    @usableFromInline var tallyStep = -1
    /// The step whose cycles are running (what observers are told).
    @usableFromInline var stepRunning = 0
    @usableFromInline var tallyCounts = SettingCounts()
    @usableFromInline var histogram = LatenessHistogram()
    @usableFromInline var overruns = 0
    @usableFromInline var missedSlots = 0
    @usableFromInline var actionLatenessMaximum: Int64 = 0
    @usableFromInline var cyclesRun = 0
    @usableFromInline var clicksOutsideCycle = 0
    @usableFromInline var lostEdgesSeen: [Int]
    /// Lost edges of the interlock's request already answered by reading the interlock's level.
    @usableFromInline var interlockLossesChecked: Int
    @usableFromInline var interlockOpened = false
    @usableFromInline var stopRequested = false
    @usableFromInline var fault: HardwareError?
    @usableFromInline var start = Instant.zero
    @usableFromInline var end = Instant.zero
    /// The trigger slot the next cycle aims at (deadline = start + period × slot).
    @usableFromInline var slot: Int64 = 0
    /// The deadline of the last cycle run.
    @usableFromInline var previousStart = Instant.zero
    /// The basis codes on the lines now (nil before the first write).
    @usableFromInline var writtenCodes: BasisCodes?
    /// The observer is called every `observerInterval` cycles; `observerCountdown` are left until
    /// the next call (a countdown: no division per cycle).
    @usableFromInline let observerInterval: Int
    @usableFromInline var observerCountdown: Int
    /// The clicks of the previous cycle (being read out) and of the current one (stamped after its
    /// deadline but read before it ran); a cycle without clicks — most of them — is closed without
    /// touching the counts.
    @usableFromInline var previousClicks = CycleClicks()
    @usableFromInline var currentClicks = CycleClicks()
    /// Where clicks go for analysis, if anywhere.
    @usableFromInline let ring: ClickEventRing?
    @usableFromInline let droppedAtStart: Int
    /// The cycle whose clicks are being read (index, setting — -1 before the first — and codes).
    @usableFromInline var previousCycle: Int64 = 0
    @usableFromInline var previousSetting = -1
    @usableFromInline var previousCodes = BasisCodes(armA: 0, armB: 0)
    /// Clicks stamped after the current cycle's deadline but read before it fired: they are
    /// handed on once the cycle runs (and dropped with it if the run stops first).
    /// (Inline storage: an array here would be checked for sharing on every `readOut`.)
    @usableFromInline var pendingChannels = InlineArray<256, DetectorChannel>(repeating: .aPlus)
    @usableFromInline var pendingTimes = InlineArray<256, Int64>(repeating: 0)
    @usableFromInline var pendingCount = 0
    @usableFromInline var pendingOverflow = 0
    /// Per-cycle basis draws of random-basis steps.
    @usableFromInline var basisDraws: RandomBasisDraws

    init(controller: Controller, schedule: CycleSchedule, ring: ClickEventRing?, observerInterval: Int) {
        self.controller = controller
        self.schedule = schedule
        self.period = schedule.timing.triggerPeriod
        self.coincidenceRule = schedule.timing.coincidenceRule
        self.sideCycles = schedule.timing.coincidenceMode.sideCycles.map { SideCycleTally(sideCycles: $0) }
        self.countsSideCycles = sideCycles != nil
        self.tallies = schedule.steps.map { SettingTally(label: $0.label, codes: $0.codes) }
        self.lostEdgesSeen = controller.inputRequests.map(\.lostEdgeCount)
        self.interlockLossesChecked = controller.inputRequests[controller.interlockRequest].lostEdgeCount
        self.inputRoles = controller.inputRoles
        self.interlockRequest = controller.interlockRequest
        self.interlockIndex = controller.lines.interlock.index
        self.edgeBuffer = controller.edgeBuffer
        self.ring = ring
        self.droppedAtStart = ring?.droppedEvents ?? 0
        self.basisDraws = RandomBasisDraws(basisSeed: schedule.basisSeed)
        self.observerInterval = observerInterval
        self.observerCountdown = observerInterval
    }

    /// The figures observers get between cycles; `lostEdges` as ``lostEdges(now:)`` gives them.
    @inlinable func figures(step: Int, lostEdges: Int) -> LoopFigures {
        LoopFigures(cycles: cyclesRun, step: step, overruns: overruns, missedSlots: missedSlots, lostEdges: lostEdges,
                    clickEventsDropped: (ring.map { $0.droppedEvents - droppedAtStart } ?? 0) + pendingOverflow,
                    interlockOpen: interlockOpened)
    }

    /// The edges `inputs` (the controller's input requests) lost during the run so far.
    @inlinable func lostEdges<Input: EdgeInput>(_ inputs: RequestTable<Input>) -> Int {
        lostEdges(now: (0..<inputs.count).lazy.map { inputs.lostEdgeCount(request: $0) })
    }

    /// The edges lost during the run, from the input requests' `lostEdgeCount` now (in the
    /// controller's order).
    @inlinable func lostEdges(now counts: some Sequence<Int>) -> Int {
        zip(counts, lostEdgesSeen).reduce(0) { $0 + $1.0 - $1.1 }
    }

    /// Runs every step of the schedule, then collects the last cycle's clicks; a hardware error
    /// ends the run and is kept in `fault`.
    ///
    /// - Parameters:
    ///   - outputs: the controller's output requests (`CycleProgram.requests`), in order.
    ///   - inputs: the controller's input requests (`Controller.inputRequests`), in order.
    ///   - clock: the station's clock.
    ///   - plan: the writes of every step and what else the run was given.
    @inlinable mutating func execute<Output: OutputLine, Input: EdgeInput, Clock: HardwareClock>(
        outputs: [Output], inputs: [Input], clock: Clock, plan: CycleLoopPlan
    ) {
        let (cycleWrites, basisWrites, randomChoices) = (plan.cycleWrites, plan.basisWrites, plan.randomChoices)
        let (stop, observer) = (plan.stop, plan.observer)
        let (outputTable, inputTable) = (RequestTable(outputs), RequestTable(inputs))
        do {
            if let status = controller.lines.status { try status.request.set(line: status.index, to: .active) }
            start = clock.now + period
            end = start
            // Alignment runs go round the steps until stopped; every other schedule runs them once.
            passes: repeat {
                for stepIndex in schedule.steps.indices {
                    let goOn = try runCycles(
                        ofStep: stepIndex, count: schedule.steps[stepIndex].cycles, codes: schedule.steps[stepIndex].codes,
                        writes: cycleWrites[stepIndex], basisWrites: basisWrites[stepIndex],
                        randomChoice: randomChoices[stepIndex], outputs: outputTable, inputs: inputTable, clock: clock,
                        stop: stop, observer: observer)
                    if !goOn { break passes }
                }
            } while schedule.repeatsUntilStopped
            // Collect the last cycle's clicks once its period is over.
            if previousSetting >= 0 {
                clock.sleep(until: end)
                try readOut(cycleStart: end, previousStart: previousStart, inputs: inputTable)
                closeCycle(into: previousSetting)
            }
        } catch {
            fault = error
        }
        flushTally()
    }

    /// Runs `count` cycles of step `stepIndex`; false when the run must end (interlock, stop).
    ///
    /// Everything the cycles read comes in as parameters, which Swift lends to the function for
    /// its duration: read from `self`, the arrays and the optional table would be retained and
    /// released on every cycle.
    @inlinable mutating func runCycles<Output: OutputLine, Input: EdgeInput, Clock: HardwareClock>(
        ofStep stepIndex: Int, count: Int, codes stepCodes: BasisCodes, writes: [TimedWrite], basisWrites: [TimedWrite],
        randomChoice: BasisChoiceTable?, outputs: RequestTable<Output>, inputs: RequestTable<Input>, clock: Clock, stop: StopSignal?,
        observer: (any CycleObserver)?
    ) throws(HardwareError) -> Bool {
        // The step's cycles go to its tally once, however the loop is left (interlock, stop, error).
        let firstCycle = cyclesRun
        stepRunning = stepIndex
        defer { tallies[stepIndex].counts.triggerCycles += cyclesRun - firstCycle }
        var basisPending = true
        // The choice of `randomChoice` whose codes the basis lines hold, -1 when another step set them.
        var writtenChoice = -1
        for _ in 0..<count {
            var deadline = start + period * slot
            let wake = clock.sleep(until: deadline)
            // The lateness recorded is against the deadline the loop aimed at, even when
            // it then skips the slots it missed (the trigger never fires in a burst).
            histogram.record(nanoseconds: (wake - deadline).nanoseconds)
            if wake - deadline >= period {
                let skipped = (wake - deadline).nanoseconds / period.nanoseconds
                missedSlots += Int(skipped)
                slot += skipped
                deadline = start + period * slot
            }
            try readOut(cycleStart: deadline, previousStart: previousStart, inputs: inputs)
            closeCycle(into: previousSetting)
            previousSetting = -1
            if interlockOpened { return false }
            if let stop, stop.isRaised { stopRequested = true; return false }

            var codes = stepCodes
            if let table = randomChoice {
                let (a, b) = basisDraws.next(countA: table.codesA.count, countB: table.codesB.count)
                codes = BasisCodes(armA: table.codesA[a], armB: table.codesB[b])
                if codes != writtenCodes {
                    // Only the lines whose level changes (unwritten lines are left as they are).
                    let choice = table.choice(a: a, b: b)
                    let transition = table.transition(from: writtenChoice, to: choice)
                    for position in table.changeStarts[transition]..<table.changeStarts[transition + 1] {
                        let write = table.changeWrites[position]
                        try outputs.set(request: write.request, write.values, mask: write.mask)
                    }
                    writtenChoice = choice
                }
            } else if basisPending {
                try Self.writeAll(basisWrites, to: outputs)
            }
            writtenCodes = codes
            basisPending = false
            flushPending(cycle: Int64(cyclesRun), setting: stepIndex, codes: codes)
            var lastWake = wake
            var lastOffset = TimeSpan.zero
            for write in writes {
                if write.offset > lastOffset {
                    let due = deadline + write.offset
                    lastWake = clock.sleep(until: due)
                    actionLatenessMaximum = max(actionLatenessMaximum, (lastWake - due).nanoseconds)
                    lastOffset = write.offset
                }
                try outputs.set(request: write.request, write.values, mask: write.mask)
            }
            if lastWake >= deadline + period { overruns += 1 }
            previousCycle = Int64(cyclesRun)
            previousSetting = stepIndex
            previousCodes = codes
            cyclesRun += 1
            previousStart = deadline
            slot += 1
            end = deadline + period
            if let observer {
                observerCountdown -= 1
                if observerCountdown == 0 {
                    observerCountdown = observerInterval
                    observer.cyclesCompleted(cyclesRun)
                    observer.loopFigures(figures(step: stepRunning, lostEdges: lostEdges(inputs)),
                                         lateness: histogram)
                }
            }
        }
        return true
    }

    /// Makes `writes` in order, at once: a step's fixed basis writes, once per step. Out of line,
    /// so that the backend's write, inlined where the cycle's writes are made, is not inlined a
    /// third time into the loop (a larger loop keeps less in registers).
    @inlinable @inline(never)
    static func writeAll<Output: OutputLine>(_ writes: [TimedWrite], to outputs: RequestTable<Output>) throws(HardwareError) {
        for write in writes { try outputs.set(request: write.request, write.values, mask: write.mask) }
    }

    /// Hands on the clicks read early for the cycle about to run.
    @inlinable mutating func flushPending(cycle: Int64, setting: Int, codes: BasisCodes) {
        guard let ring else { pendingCount = 0; return }
        for i in 0..<pendingCount {
            ring.push(ClickEvent(cycle: cycle, setting: setting, channel: pendingChannels[i], codes: codes,
                                 timestamp: Instant(nanoseconds: pendingTimes[i])))
        }
        pendingCount = 0
    }

    /// Reads every waiting edge: clicks go to the cycle whose period contains their timestamp,
    /// a falling interlock edge stops the run.
    ///
    /// Inlined into the loop: most cycles find no edge, and for them the reads are all this
    /// costs (a call per cycle saved and restored every register around them); the edges that
    /// come are sorted out of line, by ``takeEdges(_:ofRequest:cycleStart:previousStart:)``.
    @inlinable @inline(__always)
    mutating func readOut<Input: EdgeInput>(cycleStart: Instant, previousStart: Instant,
                                            inputs: RequestTable<Input>) throws(HardwareError) {
        let buffer = edgeBuffer
        for requestIndex in 0..<inputs.count {
            while true {
                let count = try inputs.readEdges(request: requestIndex, into: buffer)
                if count > 0 {
                    takeEdges(count, ofRequest: requestIndex, cycleStart: cycleStart, previousStart: previousStart)
                }
                if count < buffer.count { break }
            }
            // New lost edges on the interlock's request: the level itself decides (read once per
            // new loss, not on every cycle after the first).
            if requestIndex == interlockRequest, case let lost = inputs.lostEdgeCount(request: requestIndex),
               lost != interlockLossesChecked {
                interlockLossesChecked = lost
                if try inputs.value(request: requestIndex, ofLine: interlockIndex) != .active { interlockOpened = true }
            }
        }
    }

    /// Sorts the first `count` edges of the edge buffer, read from input request `requestIndex`:
    /// an interlock's falling edge opens the interlock, a click goes to the cycle whose period
    /// contains its timestamp (the current one, the previous one, or neither).
    @inline(never)
    @usableFromInline mutating func takeEdges(_ count: Int, ofRequest requestIndex: Int, cycleStart: Instant,
                                              previousStart: Instant) {
        for event in edgeBuffer[..<count] {
            let channel: DetectorChannel
            // (Read in place: a copy of the request's roles would be retained and released.)
            switch inputRoles[requestIndex][event.line] {
            case .interlock:
                if event.kind == .falling { interlockOpened = true }
                continue
            case .unused:
                continue
            case .click(let clicked):
                guard event.kind == .rising else { continue }
                channel = clicked
            }
            if event.timestamp >= cycleStart {
                currentClicks.record(channel, nanoseconds: event.timestamp.nanoseconds)
                if ring != nil {
                    if pendingCount < pendingTimes.count {
                        pendingChannels[pendingCount] = channel
                        pendingTimes[pendingCount] = event.timestamp.nanoseconds
                        pendingCount += 1
                    } else {
                        pendingOverflow += 1
                    }
                }
            } else if event.timestamp >= previousStart, previousSetting >= 0 {
                previousClicks.record(channel, nanoseconds: event.timestamp.nanoseconds)
                ring?.push(ClickEvent(cycle: previousCycle, setting: previousSetting, channel: channel,
                                      codes: previousCodes, timestamp: event.timestamp))
            } else {
                clicksOutsideCycle += 1
            }
        }
    }

    /// Adds the previous cycle's clicks to its setting's tally (none before the first cycle) and
    /// makes the current cycle the previous. Most cycles have no clicks at all: for them this is
    /// two tests in the loop, with no call.
    @inlinable @inline(__always)
    mutating func closeCycle(into stepIndex: Int) {
        if previousClicks.isEmpty && currentClicks.isEmpty { return }
        closeCycleWithClicks(into: stepIndex)
    }

    /// `closeCycle` when either cycle has clicks.
    @inline(never)
    @usableFromInline mutating func closeCycleWithClicks(into stepIndex: Int) {
        // A cycle without clicks adds nothing to its tally (its cycle was counted when it ran).
        if stepIndex >= 0, !previousClicks.isEmpty {
            if stepIndex != tallyStep { startTally(of: stepIndex) }
            coincidenceRule.count(previousClicks, into: &tallyCounts)
            if countsSideCycles {
                sideCycles?.close(cycle: previousCycle, setting: stepIndex, clicked: previousClicks.clickedChannels,
                                  into: &tallyCounts)
            }
        }
        // The clicks read are nearly all stamped before the deadline they are read after (the
        // previous cycle's), so the current cycle is mostly empty: then emptying the previous one
        // is the whole hand-over, without copying the current one's storage.
        if currentClicks.isEmpty {
            previousClicks.clear()
        } else {
            previousClicks = currentClicks
            currentClicks.clear()
        }
    }

    /// Hands the counts of the step tallied so far to its tally and starts counting `stepIndex`.
    @usableFromInline mutating func startTally(of stepIndex: Int) {
        flushTally()
        tallyStep = stepIndex
    }

    /// Adds the counts so far to their step's tally and starts from zero.
    @usableFromInline mutating func flushTally() {
        guard tallyStep >= 0 else { return }
        tallies[tallyStep].counts += tallyCounts
        tallyCounts = SettingCounts()
    }

    /// The run's report; `lostEdges` as ``lostEdges(now:)`` gives them.
    func report(finalState: ControllerState, lostEdges: Int) -> RunReport {
        var reason: StopReason?
        if let fault { reason = .hardwareFault(fault.description) }
        else if interlockOpened { reason = .interlockOpened }
        else if stopRequested { reason = .stopRequested }
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
            finalState: finalState, complete: reason == nil && cyclesRun == schedule.totalCycles,
            stopReason: reason, timing: schedule.timing, cyclesPlanned: schedule.totalCycles, cyclesRun: cyclesRun,
            startNanoseconds: start.nanoseconds, endNanoseconds: end.nanoseconds, settings: tallies,
            timingBudget: budget, lostEdges: lostEdges, clicksOutsideCycle: clicksOutsideCycle,
            clickEventsDropped: (ring.map { $0.droppedEvents - droppedAtStart } ?? 0) + pendingOverflow)
    }
}

/// A station's requests (output or edge-input) as the cycle loop calls them.
///
/// The first request — on most boards the only one, every line of a direction being on one
/// chip — sits in a constant of this class, through which a call needs no retain: the compiler
/// knows a `let` property cannot change while the object lives. A call on a request read out of
/// an array is wrapped in a retain and a release (two atomic operations per line write or edge
/// read), because the optimizer cannot prove the array's storage unchanged across the call.
@usableFromInline final class RequestTable<Request: AnyObject> {
    @usableFromInline let first: Request
    @usableFromInline let others: [Request]

    /// The requests in the controller's order (a station has at least one of each direction:
    /// the trigger's and the interlock's).
    @inlinable init(_ requests: [Request]) {
        first = requests[0]
        others = Array(requests.dropFirst())
    }

    /// The number of requests.
    @inlinable var count: Int { others.count + 1 }

}

extension RequestTable where Request: OutputLine {
    /// Drives the lines of request `index` selected by `mask` to `values` (one bulk write).
    ///
    /// The first request's write is inlined (a backend's write may be large: the simulated
    /// board's runs down to its devices); the others' is one call, so that the write is not
    /// inlined twice at every place the loop writes.
    @inlinable @inline(__always)
    func set(request index: Int, _ values: LineBits, mask: LineBits) throws(HardwareError) {
        if index == 0 { try first.set(values, mask: mask) } else { try setOther(request: index, values, mask: mask) }
    }

    /// ``set(request:_:mask:)`` for a request after the first.
    @inlinable @inline(never)
    func setOther(request index: Int, _ values: LineBits, mask: LineBits) throws(HardwareError) {
        try others[index - 1].set(values, mask: mask)
    }
}

extension RequestTable where Request: EdgeInput {
    /// Moves the waiting edges of request `index` into `buffer`, as `EdgeInput.readEdges(into:)`.
    @inlinable @inline(__always)
    func readEdges(request index: Int, into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(HardwareError) -> Int {
        index == 0 ? try first.readEdges(into: buffer) : try others[index - 1].readEdges(into: buffer)
    }

    /// The edges request `index` has lost so far (read on every cycle: inlined).
    @inlinable @inline(__always) func lostEdgeCount(request index: Int) -> Int {
        index == 0 ? first.lostEdgeCount : others[index - 1].lostEdgeCount
    }

    /// The level of line `line` of request `index`.
    @inlinable func value(request index: Int, ofLine line: Int) throws(HardwareError) -> LineValue {
        index == 0 ? try first.value(ofLine: line) : try others[index - 1].value(ofLine: line)
    }
}
