public import HAL
public import SeededRandom

/// The cycle-accurate simulated board: one board clock, its lines, the device models hanging
/// off them, and the event scheduler that runs it all.
///
/// Time advances only when the firmware's HAL calls make it advance: each call costs what the
/// board's `TimingProfile` says, and before the firmware sees the world (reads edges, wakes from a
/// sleep) every event up to that instant has run. Events run in (cycle, scheduling order), so a
/// seed fixes the whole run. Single-threaded by design; no wall clock inside.
public final class SimulatedBoard {
    /// How the scheduler advances time.
    public enum Engine: Sendable {
        /// Jump from event to event over idle cycles (the normal engine).
        case eventDriven
        /// Visit every cycle in turn (slow; the reference the event-driven engine is checked against).
        case stepEveryCycle
    }

    /// The board clock's period in picoseconds (1000 = 1 ns, the default).
    public let cyclePeriodPicoseconds: Int64
    /// What each HAL operation costs.
    public let profile: TimingProfile
    /// The engine in use.
    public let engine: Engine
    /// The seed the run was built from.
    public let seed: UInt64

    /// Every line's wiring and state, by `LineID.index`.
    @usableFromInline let lines = BoardTable<SimulatedLineState>()
    /// The devices, owned by the board and called without retaining them on the hot path.
    let deviceTable = DeviceTable()
    /// The calls of the watchers of every line edge that several devices watch, flattened (see
    /// ``LineWatchers``): unretained references into `deviceTable`, which keeps them alive (see
    /// ``DeviceTable``).
    let watcherCalls = BoardTable<DeviceCall>()
    /// The edge buffers of the input requests, by request.
    @usableFromInline let edgeQueues = BoardTable<EdgeQueue>(capacity: 4)
    /// The pending events (read by the inlinable sleep and edge read).
    @usableFromInline var queue = EventQueue()
    /// Every event due at or before this cycle has run.
    @usableFromInline private(set) var worldCycle: Int64 = 0
    /// While the event-driven engine runs events (``runEvents(through:)``), the cycle it runs
    /// them through; `Int64.min` otherwise, and always with the stepping engine. Tells a timer
    /// whether the timer it sets last may run at once (``startsTimerNow(atPicoseconds:)``).
    private var eventsRunThroughCycle = Int64.min
    /// The firmware's own position in time (the CPU running the loop).
    ///
    /// Board cycles count from 0 at the board's start; at the shortest period a board can have
    /// (1 ps) they reach `Int64.max` after 106 days of board time, at the default 1 ns after
    /// 292 years. The firmware's inlined HAL calls add their costs to it with wrapping arithmetic:
    /// an overflow check on every sleep, write and read, four to five per trigger cycle, would
    /// guard against a run no board can make.
    @usableFromInline var firmwareCycle: Int64 = 0
    /// Random draws for the timing profile (wake-up latency).
    @usableFromInline var timingRandom: Xoshiro256StarStar
    /// Random draws of the kernel's edge-stamp latency, one per edge (a stream of its own, so
    /// that profiles without stamp latency draw exactly what they did before it existed).
    var stampRandom: Xoshiro256StarStar
    /// Random stream handed to devices on request, derived from the seed.
    private var deviceStreams: UInt64 = 0

    var traceRecords: [TraceRecord] = []
    var traceInitialLevels: [UInt8] = []
    var traceLimit: Int
    var traceDropped = 0
    /// Whether line changes are being recorded.
    public let isTracing: Bool

    // Profile figures converted to cycles once.
    // (The ones an inlinable HAL call reads are usable from inline code.)
    @usableFromInline let writeCostCycles: Int64, writeLatencyCycles: Int64
    @usableFromInline let edgeReadCostCycles: Int64, edgeReadPerEventCycles: Int64
    let lineReadCostCycles: Int64
    @usableFromInline let clockReadCostCycles: Int64
    @usableFromInline let wakeMinimumCycles: Int64, wakeMaximumCycles: Int64
    @usableFromInline let wakeTailMeanCycles: Double
    /// Whether wake-ups have an exponential tail (`wakeTailMeanCycles > 0`), asked on every sleep:
    /// a flag is one comparison, the mean a floating-point one and its unordered case.
    @usableFromInline let wakeHasTail: Bool
    /// Whether a sleep is the plain case (``SimulatedClock/sleep(until:)``): 1 ns board cycles
    /// (an instant's nanoseconds are its cycle), the event-driven engine, no wake-up tail. One
    /// flag asked per sleep instead of those three, four sleeps per trigger cycle.
    @usableFromInline let sleepsPlainly: Bool
    let stampMinimumCycles: Int64, stampMaximumCycles: Int64, shortestPulseCycles: Int64
    let stampTailMeanCycles: Double
    /// Whether every edge is stamped at the cycle it happens and every pulse is seen (the ideal
    /// profile): then an edge is stamped in place, with no event scheduled.
    @usableFromInline let stampsAtOnce: Bool

    /// A board with no lines yet.
    ///
    /// - Parameters:
    ///   - profile: the costs of HAL operations.
    ///   - seed: fixes every random draw of the run.
    ///   - cyclePeriodPicoseconds: the board clock's period (default 1 ns).
    ///   - tracing: record every line change (turn off for long benchmark runs).
    ///   - traceLimit: the most changes kept; later ones are counted in `Trace.droppedRecords`.
    ///   - engine: event-driven (default) or step-every-cycle.
    public init(profile: TimingProfile = .ideal, seed: UInt64 = 1, cyclePeriodPicoseconds: Int64 = 1_000,
                tracing: Bool = true, traceLimit: Int = 10_000_000, engine: Engine = .eventDriven) {
        precondition(cyclePeriodPicoseconds > 0, "the board cycle must be positive")
        precondition(profile.lineWriteLatency <= profile.lineWriteCost,
                     "a write cannot land after its call returns (timing profile \(profile.name))")
        self.cyclePeriodPicoseconds = cyclePeriodPicoseconds
        self.profile = profile
        self.seed = seed
        self.engine = engine
        self.isTracing = tracing
        self.traceLimit = traceLimit
        self.timingRandom = Xoshiro256StarStar(seed: seed).derived(stream: 0)
        self.stampRandom = Xoshiro256StarStar(seed: seed).derived(stream: Self.stampStream)
        func cycles(_ span: TimeSpan) -> Int64 {
            (span.nanoseconds * 1_000 + cyclePeriodPicoseconds - 1) / cyclePeriodPicoseconds
        }
        writeCostCycles = cycles(profile.lineWriteCost)
        writeLatencyCycles = cycles(profile.lineWriteLatency)
        edgeReadCostCycles = cycles(profile.edgeReadCost)
        edgeReadPerEventCycles = cycles(profile.edgeReadCostPerEvent)
        lineReadCostCycles = cycles(profile.lineReadCost)
        clockReadCostCycles = cycles(profile.clockReadCost)
        wakeMinimumCycles = cycles(profile.wakeLatency.minimum)
        wakeMaximumCycles = max(cycles(profile.wakeLatency.maximum), wakeMinimumCycles)
        wakeTailMeanCycles = Double(profile.wakeLatency.tailMean.nanoseconds) * 1_000 / Double(cyclePeriodPicoseconds)
        wakeHasTail = wakeTailMeanCycles > 0
        stampMinimumCycles = cycles(profile.edgeStampLatency.minimum)
        stampMaximumCycles = max(cycles(profile.edgeStampLatency.maximum), stampMinimumCycles)
        stampTailMeanCycles = Double(profile.edgeStampLatency.tailMean.nanoseconds) * 1_000 / Double(cyclePeriodPicoseconds)
        shortestPulseCycles = cycles(profile.shortestPulse)
        stampsAtOnce = stampMaximumCycles == 0 && shortestPulseCycles == 0
        sleepsPlainly = engine == .eventDriven && cyclePeriodPicoseconds == 1_000 && !wakeHasTail
    }

    // MARK: Building the board

    /// Adds a line, inactive, and returns its id.
    @discardableResult
    public func addLine(_ spec: SimulatedLineSpec) -> LineID {
        var state = SimulatedLineState(spec: spec)
        state.value = 0
        state.changeIsRecordedOrStamped = isTracing
        lines.append(state)
        traceInitialLevels.append(state.level)
        rebuildWatcherTable()
        return LineID(lines.count - 1)
    }

    /// The line with this chip label and name, if the board has it.
    public func line(chip: String, name: String) -> LineID? {
        lines.firstIndex { $0.spec.chip == chip && $0.spec.name == name }.map(LineID.init)
    }

    /// The line with this name on any chip, if the board has one.
    public func line(named name: String) -> LineID? {
        lines.firstIndex { $0.spec.name == name }.map(LineID.init)
    }

    /// Every line's specification, in board order.
    public var lineSpecs: [SimulatedLineSpec] { lines.map(\.spec) }

    /// Attaches a device model and returns its id; it is called when any of `watching` changes
    /// with an edge of `edges` (a device that only acts on one edge is not called for the other).
    @discardableResult
    public func attach(_ device: any SimulatedDevice, watching: [LineID] = [], edges: EdgeSelection = .both) -> DeviceID {
        deviceTable.append(device)
        let id = DeviceID(index: deviceTable.calls.count - 1)
        for line in watching { lines[line.index].watchers.append((id.index, edges)) }
        if !watching.isEmpty { rebuildWatcherTable() }
        return id
    }

    /// Resolves every line edge's watchers (``LineWatchers``) from the lines' `watchers`.
    private func rebuildWatcherTable() {
        watcherCalls.removeAll()
        for index in lines.indices {
            for rising in [true, false] {
                let calls = lines[index].watchers.filter { $0.edges.reports(risingEdge: rising) }
                    .map { deviceTable.calls[$0.device] }
                let watchers: LineWatchers
                switch calls.count {
                case 0: watchers = .none
                case 1: watchers = LineWatchers(onlyCall: calls[0], line: LineID(index))
                default:
                    watchers = .several(watcherCalls.count..<watcherCalls.count + calls.count)
                    for call in calls { watcherCalls.append(call) }
                }
                lines[index].watchersByNewValue[rising ? 1 : 0] = watchers
            }
        }
    }

    /// An independent random stream for a device, fixed by the board's seed and the order in
    /// which devices ask for streams.
    public func makeRandomStream() -> Xoshiro256StarStar {
        deviceStreams += 1
        return Xoshiro256StarStar(seed: seed).derived(stream: deviceStreams)
    }

    // MARK: Time

    /// The instant at the start of board cycle `cycle`.
    @inlinable @inline(__always)
    public func instant(atCycle cycle: Int64) -> Instant {
        cyclePeriodPicoseconds == 1_000
            ? Instant(nanoseconds: cycle)
            : Instant(nanoseconds: (cycle * cyclePeriodPicoseconds) / 1_000)
    }

    /// The first board cycle at or after `instant`.
    @inlinable @inline(__always)
    public func cycle(atOrAfter instant: Instant) -> Int64 {
        cyclePeriodPicoseconds == 1_000
            ? instant.nanoseconds
            : (instant.nanoseconds * 1_000 + cyclePeriodPicoseconds - 1) / cyclePeriodPicoseconds
    }

    /// The board cycle containing `picoseconds` (physics times are quantized up to the next cycle edge).
    /// With the default 1 ns cycle, as for instants, the division is by a constant, which the
    /// compiler makes a multiplication: no division instruction and none of its checks for every
    /// photon and click. (Wrapping additions: a physics time is far below 2⁶³ ps, about 107 days.)
    @inline(__always)
    public func cycle(atOrAfterPicoseconds picoseconds: Int64) -> Int64 {
        cyclePeriodPicoseconds == 1_000
            ? (picoseconds &+ 999) / 1_000
            : (picoseconds &+ cyclePeriodPicoseconds &- 1) / cyclePeriodPicoseconds
    }

    /// The cycle the simulation has reached: every event at or before it has run.
    public var currentCycle: Int64 { worldCycle }

    /// The instant the simulation has reached.
    public var currentInstant: Instant { instant(atCycle: worldCycle) }

    // MARK: Scheduling (for device models)

    /// Drives `line` to `value` (logical) at `cycle` (clamped to now).
    @inline(__always)
    public func scheduleDrive(_ line: LineID, to value: UInt8, atCycle cycle: Int64) {
        queue.schedule(.drive(line: line.index, value: value), at: max(cycle, worldCycle))
    }

    /// Drives `line` to `value` at `cycle` (clamped to now) as the last thing a device's timer
    /// does on the board. A drive due now that would run next (``queuedDriveWouldRunNext``) is
    /// applied here by the event-driven engine instead of queued and taken out again at once (a
    /// click's rise and fall, about two in three trigger cycles). The stepping engine, the
    /// reference it is tested against, always queues.
    ///
    /// Only for a call from a timer (the world stands at the timer's cycle) after which the timer
    /// schedules nothing: what it scheduled after the call would come after the line's own
    /// consequences (its stamp, its watchers' events) instead of before them.
    @inline(__always)
    func driveAtEndOfTimer(_ line: LineID, to value: UInt8, atCycle cycle: Int64) {
        if engine == .eventDriven, cycle <= worldCycle, queuedDriveWouldRunNext {
            apply(line: line.index, value: value, atCycle: worldCycle)
        } else {
            scheduleDrive(line, to: value, atCycle: cycle)
        }
    }

    /// Whether a firmware write landing at `cycle` may skip the queue
    /// (``landWrite(line:to:atCycle:mayLandNow:)``): with the event-driven engine, when the world
    /// stands exactly at that cycle. Asked once per write call: applying a line's change
    /// neither moves the world nor changes the engine.
    @inlinable @inline(__always)
    func writeMayLandNow(atCycle cycle: Int64) -> Bool {
        engine == .eventDriven && cycle == worldCycle
    }

    /// Whether a drive queued now for the start of the world's cycle would be the next event to
    /// run (nothing is due before it or with it at picosecond 0, ``EventQueue/hasEvent(dueAtOrBeforeStartOf:)``):
    /// applying it at once is then what the next advance would do first. The one rule by which a
    /// drive skips the queue, for a firmware write (``landWrite(line:to:atCycle:mayLandNow:)``)
    /// and a device's timer (``driveAtEndOfTimer(_:to:atCycle:)``) alike.
    @inline(__always)
    var queuedDriveWouldRunNext: Bool { !queue.hasEvent(dueAtOrBeforeStartOf: worldCycle) }

    /// A firmware write of output line `index` (checked when the line was requested) landing at
    /// `cycle`. When the world stands exactly at that cycle (`mayLandNow`, from
    /// ``writeMayLandNow(atCycle:)``) and the drive would run next (``queuedDriveWouldRunNext``),
    /// the event-driven engine applies it now instead of queueing it; the stepping engine (the
    /// reference it is tested against) always queues. Asked per line: a device called for an
    /// earlier line of the same write may have scheduled an event for this very cycle (a loopback
    /// wire's drive), which runs first.
    ///
    /// Inlined into the firmware's loop with the write (``SimulatedOutputLine/set(_:mask:)``): a
    /// write's line lands at once when nothing at all is due at or before its cycle, which the
    /// inlined code asks with one comparison; anything else goes through
    /// ``landWriteAfterEvents(line:to:atCycle:mayLandNow:)``, which asks the rule itself.
    @inlinable @inline(__always)
    func landWrite(line index: Int, to value: UInt8, atCycle cycle: Int64, mayLandNow: Bool) {
        if mayLandNow, !queue.hasEvent(dueAtOrBefore: cycle) {
            apply(line: index, at: lines.uncheckedAddress(of: index), value: value, atCycle: cycle)
        } else {
            landWriteAfterEvents(line: index, to: value, atCycle: cycle, mayLandNow: mayLandNow)
        }
    }

    /// ``landWrite(line:to:atCycle:mayLandNow:)`` when an event is due at or before the write's
    /// cycle (or the write may not land now): the drive skips the queue only by the one rule,
    /// ``queuedDriveWouldRunNext``.
    @usableFromInline @inline(never)
    func landWriteAfterEvents(line index: Int, to value: UInt8, atCycle cycle: Int64, mayLandNow: Bool) {
        if mayLandNow, queuedDriveWouldRunNext {
            apply(line: index, at: lines.uncheckedAddress(of: index), value: value, atCycle: cycle)
        } else {
            queue.schedule(.drive(line: index, value: value), at: max(cycle, worldCycle))
        }
    }

    /// Calls `device.timerFired(tag:)` at `cycle` (clamped to now).
    @inline(__always)
    public func scheduleTimer(_ device: DeviceID, tag: Int64, atCycle cycle: Int64) {
        queue.schedule(.timer(device: device.index, tag: tag), at: max(cycle, worldCycle))
    }

    /// Calls `device.timerFired(tag:)` at the picosecond time `picoseconds`: at the cycle edge at
    /// or after it (clamped to now), after that cycle's other events and in picosecond order
    /// with other events scheduled this way, so a device's physics events run in time order.
    @inline(__always)
    public func scheduleTimer(_ device: DeviceID, tag: Int64, atPicoseconds picoseconds: Int64) {
        let due = timerPlace(atPicoseconds: picoseconds)
        queue.schedule(.timer(device: device.index, tag: tag), at: due.cycle, picosecondInCycle: due.picosecondInCycle)
    }

    /// Where a timer for the picosecond time `picoseconds` goes among the events: the cycle edge
    /// at or after it (clamped to now), and its picosecond within that cycle, 1…period. (Wrapping
    /// arithmetic: a physics time is far below 2⁶³ ps, about 107 days, so no overflow check is
    /// needed for every photon and click.)
    @inline(__always)
    private func timerPlace(atPicoseconds picoseconds: Int64) -> (cycle: Int64, picosecondInCycle: Int64) {
        let cycle = max(self.cycle(atOrAfterPicoseconds: picoseconds), worldCycle)
        return (cycle, min(max(picoseconds &- (cycle &- 1) &* cyclePeriodPicoseconds, 1), cyclePeriodPicoseconds))
    }

    /// Whether a timer for the picosecond time `picoseconds`, which a running event would
    /// schedule as the last thing it does, would be the next event to run: the event-driven
    /// engine is running events through the timer's cycle (``runEvents(through:)``, so nothing
    /// the firmware does can come first) and nothing pending is due before the timer or with it
    /// (``startsNow(atCycle:picosecondInCycle:order:)``, with the number a new event would get).
    /// If so, the world moves to
    /// the timer's cycle and the caller runs the timer at once: the same calls in the same order
    /// as the loop taking it out of the queue next, without the trip through the queue (a
    /// photon's arrival, after most laser pulses that send one). The stepping engine, the
    /// reference it is tested against, always queues.
    ///
    /// Only for the last thing an event does: what it did after the timer ran would come after
    /// the timer's consequences instead of before them.
    @inline(__always)
    func startsTimerNow(atPicoseconds picoseconds: Int64) -> Bool {
        let due = timerPlace(atPicoseconds: picoseconds)
        return startsNow(atCycle: due.cycle, picosecondInCycle: due.picosecondInCycle, order: queue.orderOfNextEvent)
    }

    /// Takes the place in the event order of a timer to be scheduled later
    /// (``scheduleTimer(_:tag:atCycle:order:)``) or run at once (``startsTimerNow(atCycle:order:)``).
    @inline(__always)
    func reserveTimerOrder() -> UInt64 { queue.reserveOrder() }

    /// Calls `device.timerFired(tag:)` at `cycle` (clamped to now), in the place in the event
    /// order taken earlier (``reserveTimerOrder()``).
    @inline(__always)
    func scheduleTimer(_ device: DeviceID, tag: Int64, atCycle cycle: Int64, order: UInt64) {
        queue.schedule(.timer(device: device.index, tag: tag), at: max(cycle, worldCycle), order: order)
    }

    /// ``startsTimerNow(atPicoseconds:)`` for a timer at the start of `cycle` (clamped to now)
    /// with its place in the event order taken earlier (``reserveTimerOrder()``): it may run at
    /// once, as the last thing an event does, when nothing pending would run before it.
    @inline(__always)
    func startsTimerNow(atCycle cycle: Int64, order: UInt64) -> Bool {
        startsNow(atCycle: max(cycle, worldCycle), picosecondInCycle: 0, order: order)
    }

    /// The rule of both ``startsTimerNow(atPicoseconds:)`` and ``startsTimerNow(atCycle:order:)``:
    /// an event at (`cycle`, `picosecondInCycle`, `order`) runs next when the event-driven engine
    /// is running events through `cycle` and no pending event precedes it
    /// (``EventQueue/hasEvent(preceding:picosecondInCycle:order:)``); then the world moves to
    /// `cycle`.
    @inline(__always)
    private func startsNow(atCycle cycle: Int64, picosecondInCycle: Int64, order: UInt64) -> Bool {
        guard cycle <= eventsRunThroughCycle,
              !queue.hasEvent(preceding: cycle, picosecondInCycle: picosecondInCycle, order: order) else { return false }
        worldCycle = cycle
        return true
    }

    /// The logical value of a line now.
    public func value(of line: LineID) -> UInt8 { lines[line.index].value }

    /// Runs every event due at or before `target`.
    ///
    /// Most calls (a sleep, an edge read) find nothing due: that answer is inlined into the
    /// caller, and only a call with events to run enters `runEvents(through:)`.
    @inlinable @inline(__always)
    func advanceWorld(to target: Int64) {
        if engine == .eventDriven {
            advanceEventDrivenWorld(to: target)
        } else {
            runEvents(through: target)
        }
    }

    /// ``advanceWorld(to:)`` with the event-driven engine, for a caller that knows it is in use.
    @inlinable @inline(__always)
    func advanceEventDrivenWorld(to target: Int64) {
        if !queue.hasEvent(dueAtOrBefore: target) {
            if target > worldCycle { worldCycle = target }
            return
        }
        runEvents(through: target)
    }

    /// Runs every event due at or before `target` and brings the world to `target`.
    @usableFromInline func runEvents(through target: Int64) {
        switch engine {
        case .eventDriven:
            let outerRunThroughCycle = eventsRunThroughCycle
            eventsRunThroughCycle = target
            while queue.hasEvent(dueAtOrBefore: target) {
                let event = queue.removeEarliest()
                worldCycle = event.cycle
                dispatch(event)
            }
            eventsRunThroughCycle = outerRunThroughCycle
        case .stepEveryCycle:
            var cycle = worldCycle
            while cycle <= target {
                worldCycle = cycle
                while let event = queue.popDue(atOrBefore: cycle) { dispatch(event) }
                cycle += 1
            }
        }
        if target > worldCycle { worldCycle = target }
    }

    // Inlined into the event loop: a call per event (about two per trigger cycle) passed the
    // event through memory and saved and restored every register around it.
    @inline(__always)
    private func dispatch(_ scheduled: ScheduledEvent) {
        switch scheduled.event {
        case let .drive(line, value):
            apply(line: line, value: value, atCycle: scheduled.cycle)
        case let .timer(device, tag):
            deviceTable.timerFired(device: device, tag: tag, atCycle: scheduled.cycle, on: self)
        case let .stamp(line, value):
            deliverStamp(line: line, value: value, atCycle: scheduled.cycle)
        }
    }

    // Inlined into its few callers (an output write, a drive event): a call per line change was
    // a tenth of a write's cost.
    @inline(__always)
    func apply(line index: Int, value: UInt8, atCycle cycle: Int64) {
        // The line's state is read through one address (one bounds check); nothing here appends
        // lines, so it stays valid.
        apply(line: index, at: lines.address(of: index), value: value, atCycle: cycle)
    }

    /// ``apply(line:value:atCycle:)`` for line `index`, whose state is at `line`.
    @inlinable @inline(__always)
    func apply(line index: Int, at line: UnsafeMutablePointer<SimulatedLineState>, value: UInt8, atCycle cycle: Int64) {
        guard line.pointee.value != value else { return }
        line.pointee.value = value
        if line.pointee.changeIsRecordedOrStamped {
            if isTracing { record(line: index, level: line.pointee.level, atCycle: cycle) }
            if line.pointee.edgeQueue >= 0 {
                if stampsAtOnce {
                    stampEdge(line: index, at: line, value: value, atCycle: cycle)
                } else {
                    scheduleStamp(line: index, value: value, atCycle: cycle)
                }
            }
        }
        // (`value` is 0 or 1, a line's logical value.)
        switch line.pointee.watchersByNewValue[unchecked: Int(value & 1)] {
        case .none: break
        case .laser(let laser):
            laser._withUnsafeGuaranteedRef { $0.lineChanged(LineID(index), to: value, atCycle: cycle, on: self) }
        case .gateFanOut(let fanOut):
            fanOut._withUnsafeGuaranteedRef { $0.lineChanged(LineID(index), to: value, atCycle: cycle, on: self) }
        case .analyzer(let analyzer, let bit):
            analyzer._withUnsafeGuaranteedRef { $0.basisLineChanged(bit: bit, to: value) }
        case .one(let call): call.lineChanged(LineID(index), to: value, atCycle: cycle, on: self)
        case .several(let positions): callWatchers(at: positions, line: index, value: value, atCycle: cycle)
        }
    }

    /// Tells the devices whose calls are at `positions` of `watcherCalls`, in order, that line
    /// `index` changed to `value` at `cycle`. Out of line, so that the devices' code is inlined
    /// into this loop: as a second loop in the write, the optimizer left it a call per watcher.
    /// (No shipped station has such a line edge: the physics station's gate detectors share one
    /// fan-out and the stand-in's read their gate line; a test bench may.)
    @usableFromInline @inline(never)
    func callWatchers(at positions: Range<Int>, line index: Int, value: UInt8, atCycle cycle: Int64) {
        var position = positions.lowerBound
        while position < positions.upperBound {
            watcherCalls.address(of: position).pointee.lineChanged(LineID(index), to: value, atCycle: cycle, on: self)
            position &+= 1   // below `positions.upperBound`, a count of calls
        }
    }

    /// Keeps a line change in the trace (or counts it once the trace is full).
    @usableFromInline func record(line index: Int, level: UInt8, atCycle cycle: Int64) {
        if traceRecords.count < traceLimit {
            traceRecords.append(TraceRecord(time: instant(atCycle: cycle), line: LineID(index), level: level))
        } else {
            traceDropped += 1
        }
    }

    /// Puts an edge in its request's buffer, stamped at `cycle`, if the request asked for it.
    @inline(__always)
    func stampEdge(line index: Int, value: UInt8, atCycle cycle: Int64) {
        stampEdge(line: index, at: lines.address(of: index), value: value, atCycle: cycle)
    }

    /// ``stampEdge(line:value:atCycle:)`` for line `index`, whose state is at `line`. Whether the
    /// request asked for the edge is asked inline, in the line's change: the click lines' falls,
    /// half their edges, are not asked for and cost no call.
    @inlinable @inline(__always)
    func stampEdge(line index: Int, at line: UnsafeMutablePointer<SimulatedLineState>, value: UInt8, atCycle cycle: Int64) {
        guard line.pointee.edges.reports(risingEdge: value == 1) else { return }
        bufferEdge(at: line, value: value, atCycle: cycle)
    }

    /// Puts an edge the request asked for in its buffer, stamped at `cycle`. (The line's state is
    /// read through one address: one bounds check, not four.) Only lines of an edge request come
    /// here, and a line's `edgeQueue` is the index `requestEdgeInputs` appended its queue at, in
    /// a table never emptied: the queue is looked up without a bounds check.
    @usableFromInline @inline(never)
    func bufferEdge(at line: UnsafeMutablePointer<SimulatedLineState>, value: UInt8, atCycle cycle: Int64) {
        line.pointee.edgeCount &+= 1   // (a sequence number, as the kernel's: wraps)
        let event = EdgeEvent(kind: value == 1 ? .rising : .falling, timestamp: instant(atCycle: cycle),
                              line: line.pointee.indexInRequest, lineSequence: line.pointee.edgeCount)
        edgeQueues.uncheckedAddress(of: line.pointee.edgeQueue).pointee.push(event)
    }

    // MARK: Trace

    /// The recorded trace so far, once every write the firmware has made has landed (the world
    /// is run up to the firmware's own time first, as a logic analyser would still be watching).
    public var trace: Trace {
        settle()
        return Trace(lines: lines.map(\.spec), initialLevels: traceInitialLevels, records: traceRecords,
              cyclePeriodPicoseconds: cyclePeriodPicoseconds, droppedRecords: traceDropped)
    }

    /// Runs the world up to the firmware's own time, so every write it made has landed. A write's
    /// latency never exceeds its cost, so after this nothing the firmware did is still pending.
    public func settle() {
        advanceWorld(to: max(firmwareCycle, worldCycle))
    }

}
