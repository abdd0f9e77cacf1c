public import Vocabulary
public import Physics
public import SeededRandom

/// One single-photon detector of the physics station on the simulated board: the
/// ``SinglePhotonDetector`` state machine fed in time order by photons from the source, its own
/// dark counts and afterpulses, and driving its click line.
///
/// - Photons, dark counts and afterpulses each come due as a board timer at the cycle that
///   contains them (their picosecond time rounded up to a cycle edge), in picosecond order
///   within the cycle; the detector decides with its state at that time (dead time, efficiency).
/// - Gate: in gated mode the detector reads its gate line's ``GateTimeline`` (shared with the
///   other detectors on the line), so it knows whether the gate was high at any picosecond of the
///   current cycle (the gate changes on cycle edges only). Free-running detectors have a timeline
///   that is always open.
/// - Dark counts are a Poisson process in time, drawn as exponential intervals
///   (``SinglePhotonDetector/nextDarkCountDelayPicoseconds(rng:)``). In gated mode the process
///   runs on open-gate time only — the Poisson process restricted to the open gate: the next dark
///   count is due when the timeline's open-time clock reaches a drawn reading, so one interval
///   serves many gates, a closing gate costs the detector nothing, and at most one dark-count
///   timer per detector is ever pending (the board's event queue does not fill with timers of
///   gates that closed first).
/// - A click (jitter included) drives the click line high at the first cycle edge at or after
///   its time, for the click pulse width rounded up to whole cycles (at least one). A click while
///   the line is still high stretches the pulse (the edges merge, as on a real output stage).
public final class PhotonDetectorModel: SimulatedDevice {
    /// Which of the four detectors this is.
    public let channel: DetectorChannel
    /// The click line it drives.
    public let clickLine: LineID
    /// The gate line it watches in gated mode (nil: no gate wired, a gated detector never counts).
    public let gateLine: LineID?
    /// The detector's state machine (dead time, pending afterpulse, click count).
    public private(set) var detector: SinglePhotonDetector
    /// Width of a click pulse on the click line, in board cycles (at least one).
    public let clickPulseWidthCycles: Int64

    /// Photons that reached the detector's input.
    public private(set) var photonsArrived = 0
    /// Clicks caused by photons.
    public private(set) var photonClicks = 0
    /// Clicks caused by dark counts.
    public private(set) var darkCountClicks = 0
    /// Clicks caused by afterpulses.
    public private(set) var afterpulseClicks = 0
    /// Clicks that fell while the click line was still high and stretched the pulse (no new edge).
    public private(set) var mergedClicks = 0
    /// The external time tagger wired to this detector's output, if any: it sees every click.
    public internal(set) var tagger: SimulatedTimeTagger?

    private var random: Xoshiro256StarStar
    private let cyclePeriodPicoseconds: Int64
    private let isGated: Bool
    private var id = DeviceID(index: -1)
    /// The gate as this detector sees it (always open when free-running).
    let gate: GateTimeline
    /// Whether `gate` is this detector's own (set up when it attaches) or its line's shared one.
    private let ownsGate: Bool
    /// The gate's open-time reading at which the next dark count happens, or `Self.never`.
    private var darkCountAtOpenTimePicoseconds = PhotonDetectorModel.never
    /// When the one pending dark-count timer fires, or `Self.never`; the gate's
    /// `detectorsWithoutDarkCountTimer` counts this detector while it is `Self.never`.
    private var darkCountTimerPicoseconds = PhotonDetectorModel.never {
        didSet {
            let waits = darkCountTimerPicoseconds == Self.never
            if waits != (oldValue == Self.never) { gate.detectorsWithoutDarkCountTimer += waits ? 1 : -1 }
        }
    }
    /// The afterpulse a timer has been scheduled for, or `Self.never`.
    private var scheduledAfterpulsePicoseconds = PhotonDetectorModel.never
    /// The cycle at which the click line falls, while it is high or about to be.
    private var clickLineFallsAtCycle: Int64 = -1
    /// Whether the line's fall has been driven (the line is low, or goes low this cycle).
    private var clickLineFallDriven = true

    /// A time that never comes (as far as any run goes), safe to compare with.
    static let never: Int64 = 1 << 60

    /// Timer kinds, in the low two bits of a tag; the time (ps, or cycle for a fall) above them.
    private enum TimerKind: Int64 {
        case photon = 0, darkCount = 1, afterpulse = 2, clickLineFalls = 3
    }

    /// A detector on `clickLine` (and `gateLine`), with `parameters`, drawing from `random`.
    public convenience init(channel: DetectorChannel, clickLine: LineID, gateLine: LineID?,
                            parameters: DetectorParameters, cyclePeriodPicoseconds: Int64,
                            random: Xoshiro256StarStar) throws(StationDataError) {
        try self.init(channel: channel, clickLine: clickLine, gateLine: gateLine, parameters: parameters,
                      cyclePeriodPicoseconds: cyclePeriodPicoseconds, random: random, sharedGate: nil)
    }

    /// A detector as above; a gated one reads `sharedGate` (its gate line's timeline, kept by a
    /// ``DetectorGateFanOut``) when given, else a timeline of its own.
    init(channel: DetectorChannel, clickLine: LineID, gateLine: LineID?, parameters: DetectorParameters,
         cyclePeriodPicoseconds: Int64, random: Xoshiro256StarStar, sharedGate: GateTimeline?) throws(StationDataError) {
        let isGated = parameters.mode == .gated
        if isGated, let sharedGate {
            gate = sharedGate
            ownsGate = false
        } else {
            // Started properly when the detector attaches; free-running: always open; gated
            // without a gate line: never open.
            gate = GateTimeline(open: !isGated, atPicoseconds: 0, followsALine: isGated && gateLine != nil)
            ownsGate = true
        }
        self.channel = channel
        self.clickLine = clickLine
        self.gateLine = gateLine
        detector = try SinglePhotonDetector(parameters: parameters)
        self.cyclePeriodPicoseconds = cyclePeriodPicoseconds
        clickPulseWidthCycles = max(1, (parameters.clickPulseWidthPicoseconds + cyclePeriodPicoseconds - 1)
                                       / cyclePeriodPicoseconds)
        self.isGated = isGated
        self.random = random
        gate.detectorsWithoutDarkCountTimer += 1   // no timer yet
    }

    /// Hangs the detector on the board and starts its dark-count process (free-running mode:
    /// from now; gated: from each gate opening). A gated detector with a timeline of its own
    /// watches its gate line; one on a shared timeline leaves that to the line's
    /// ``DetectorGateFanOut``.
    @discardableResult
    public func attach(to board: SimulatedBoard) -> DeviceID {
        let watchesGate = ownsGate && gate.followsALine
        id = board.attach(self, watching: watchesGate ? (gateLine.map { [$0] } ?? []) : [])
        let now = board.currentCycle * cyclePeriodPicoseconds
        if ownsGate {
            let open = !isGated || (gateLine.map { board.value(of: $0) == 1 } ?? false)
            gate.restart(open: open, atPicoseconds: now)
        }
        drawDarkCount(fromOpenTime: gate.isOpen ? gate.openTime(atPicoseconds: now) : gate.openTimeAtChangePicoseconds)
        setDarkCountTimer(on: board)
        return id
    }

    /// Clicks so far, of every cause.
    public var clicks: Int { detector.clickCount }

    /// A photon reaches the detector's input at `timePicoseconds` (now or later).
    @inline(__always)
    func photonArrives(atPicoseconds timePicoseconds: Int64, on board: SimulatedBoard) {
        photonsArrived += 1
        schedule(.photon, at: timePicoseconds, on: board)
    }

    /// A photon reaches the detector's input at `timePicoseconds`, as the last thing the event
    /// running now does (the laser pulse's, in ``QuantumDotSource``): when its timer would run
    /// next it runs at once (``SimulatedBoard/startsTimerNow(atPicoseconds:)``), else it is queued.
    @inline(__always)
    func photonArrivesLast(atPicoseconds timePicoseconds: Int64, on board: SimulatedBoard) {
        photonsArrived += 1
        if board.startsTimerNow(atPicoseconds: timePicoseconds) {
            photonTimerFired(atPicoseconds: timePicoseconds, on: board)
        } else {
            schedule(.photon, at: timePicoseconds, on: board)
        }
    }

    public func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        gate.change(toOpen: value == 1, atPicoseconds: cycle * cyclePeriodPicoseconds)
        if gate.isOpen { gateOpened(on: board) }
    }

    /// The gate (its timeline already updated) has just opened: the dark count waiting for open
    /// time now has a time, and needs a timer unless one is pending. A pending timer is always
    /// earlier: it was set for a time N at or after the closing c, and the dark count now falls
    /// at t₀ + (N − c) > N for the opening t₀ > c; it follows the dark count when it fires.
    /// (A closing needs nothing: the open-time clock stops, and a dark count before the closing
    /// is still due this cycle — its timer runs after the edge.)
    @inline(__always)
    func gateOpened(on board: SimulatedBoard) {
        if darkCountTimerPicoseconds == Self.never { setDarkCountTimer(on: board) }
    }

    /// The click line's change a timer makes, if any, is driven last
    /// (``SimulatedBoard/driveAtEndOfTimer(_:to:atCycle:)``): from one place for every timer but
    /// the photon's, which has a path of its own (``photonTimerFired(atPicoseconds:on:)``, also
    /// run straight from ``photonArrivesLast(atPicoseconds:on:)``). A click's rise takes
    /// the same place among the events as when it was scheduled before the click's other timers:
    /// it is due before the click's fall and at the start of its cycle, where no physics timer
    /// (afterpulse, dark count) can be.
    public func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        let time = tag >> 2
        let drive: (value: UInt8, cycle: Int64)
        switch TimerKind(rawValue: tag & 3) {
        case .photon:
            photonTimerFired(atPicoseconds: time, on: board)
            return
        case .darkCount:
            if time == darkCountTimerPicoseconds { darkCountTimerPicoseconds = Self.never }
            guard time == nextDarkCountPicoseconds else {
                // The gate closed (and maybe reopened) since this timer was set: the dark count
                // moved later; follow it.
                setDarkCountTimer(on: board)
                return
            }
            var rise: Int64?
            if let click = detector.darkCountOccurs(atPicoseconds: time, gateOpen: gate.isOpen(atPicoseconds: time), rng: &random) {
                darkCountClicks += 1
                rise = emitClick(atPicoseconds: click, on: board)
            }
            // The next interval runs from now while the gate is open, else from its next opening.
            drawDarkCount(fromOpenTime: gate.isOpen ? gate.openTime(atPicoseconds: time) : gate.openTimeAtChangePicoseconds)
            setDarkCountTimer(on: board)
            guard let rise else { return }
            drive = (1, rise)
        case .afterpulse:
            guard time == scheduledAfterpulsePicoseconds else { return }
            scheduledAfterpulsePicoseconds = Self.never
            guard let click = detector.afterpulseFires(gateOpen: gate.isOpen(atPicoseconds: time), rng: &random) else { return }
            afterpulseClicks += 1
            guard let rise = emitClick(atPicoseconds: click, on: board) else { return }
            drive = (1, rise)
        case .clickLineFalls:
            guard time == clickLineFallsAtCycle else { return }   // stretched by a later click
            clickLineFallDriven = true
            drive = (0, cycle)
        case nil:
            return
        }
        board.driveAtEndOfTimer(clickLine, to: drive.value, atCycle: drive.cycle)
    }

    /// A photon's timer (at `timePicoseconds`, the world at its cycle): the detector decides, and
    /// a click drives the line's rise last (``SimulatedBoard/driveAtEndOfTimer(_:to:atCycle:)``).
    @inline(__always)
    private func photonTimerFired(atPicoseconds timePicoseconds: Int64, on board: SimulatedBoard) {
        guard let click = detector.photonArrives(atPicoseconds: timePicoseconds,
                                                 gateOpen: gate.isOpen(atPicoseconds: timePicoseconds),
                                                 rng: &random) else { return }
        photonClicks += 1
        let (rise, fallOrder) = self.click(atPicoseconds: click, on: board)
        // The fall's place in the event order was taken before the rise: scheduled after the
        // drive, or run at once, it keeps that place.
        if let rise { board.driveAtEndOfTimer(clickLine, to: 1, atCycle: rise) }
        fallAtEndOfTimer(order: fallOrder, on: board)
    }

    /// The click line's fall, due at `clickLineFallsAtCycle` in the place `order` in the event
    /// order (taken by ``click(atPicoseconds:on:)``), as the last thing a timer does:
    /// run at once when it would be the next event (``SimulatedBoard/startsTimerNow(atCycle:order:)``;
    /// most clicks, as nothing else is pending by then), else scheduled in that place.
    @inline(__always)
    private func fallAtEndOfTimer(order: UInt64, on board: SimulatedBoard) {
        let cycle = clickLineFallsAtCycle
        if board.startsTimerNow(atCycle: cycle, order: order) {
            clickLineFallDriven = true
            board.driveAtEndOfTimer(clickLine, to: 0, atCycle: board.currentCycle)
        } else {
            scheduleFall(order: order, on: board)
        }
    }

    /// Schedules the click line's fall, due at `clickLineFallsAtCycle`, in the place `order` in
    /// the event order (taken by ``click(atPicoseconds:on:)``).
    @inline(__always)
    private func scheduleFall(order: UInt64, on board: SimulatedBoard) {
        board.scheduleTimer(id, tag: clickLineFallsAtCycle << 2 | TimerKind.clickLineFalls.rawValue,
                            atCycle: clickLineFallsAtCycle, order: order)
    }

    /// Draws the open time to the next dark count, counted from the gate's open-time reading
    /// `openTime` (none for a zero dark-count rate).
    private func drawDarkCount(fromOpenTime openTime: Int64) {
        let interval = detector.nextDarkCountDelayPicoseconds(rng: &random)
        darkCountAtOpenTimePicoseconds = interval < Self.never ? openTime + interval : Self.never
    }

    /// When the next dark count happens as the gate stands now, or `Self.never` while it waits
    /// for the gate to open (or the rate is zero).
    private var nextDarkCountPicoseconds: Int64 {
        darkCountAtOpenTimePicoseconds < Self.never
            ? gate.time(atOpenTime: darkCountAtOpenTimePicoseconds, never: Self.never) : Self.never
    }

    /// Sets the dark-count timer for the next dark count, unless one is pending at or before it
    /// (it follows the dark count when it fires).
    @inline(__always)
    private func setDarkCountTimer(on board: SimulatedBoard) {
        let next = nextDarkCountPicoseconds
        guard next < darkCountTimerPicoseconds else { return }
        darkCountTimerPicoseconds = next
        schedule(.darkCount, at: next, on: board)
    }

    /// Schedules the fall of the click line for a click at `timePicoseconds` and a pending
    /// afterpulse, and returns the cycle at which the line rises, or nil when the click falls
    /// while the line is still high (the pulse stretches): the caller drives the rise last.
    private func emitClick(atPicoseconds timePicoseconds: Int64, on board: SimulatedBoard) -> Int64? {
        let (rise, fallOrder) = click(atPicoseconds: timePicoseconds, on: board)
        scheduleFall(order: fallOrder, on: board)
        return rise
    }

    /// A click at `timePicoseconds`: tells the tagger, takes the click line's fall's place in the
    /// event order (`fallOrder`, before the afterpulse it may schedule: the place the fall had
    /// when it was scheduled here), and returns it with the cycle at which the line rises (nil
    /// when the line is still high: the pulse stretches). The caller schedules the fall in that
    /// place (``emitClick(atPicoseconds:on:)``) or runs it at once (``fallAtEndOfTimer(order:on:)``).
    @inline(__always)
    private func click(atPicoseconds timePicoseconds: Int64, on board: SimulatedBoard) -> (rise: Int64?, fallOrder: UInt64) {
        let rise = max(board.cycle(atOrAfterPicoseconds: timePicoseconds), board.currentCycle)
        if let tagger {
            // Where the simulator put the click: at its own time, or at the cycle it had reached.
            let placed = rise > board.cycle(atOrAfterPicoseconds: timePicoseconds) ? rise * cyclePeriodPicoseconds : timePicoseconds
            tagger.click(channel, atPicoseconds: placed)
        }
        let merges = !clickLineFallDriven && rise <= clickLineFallsAtCycle
        if merges {
            mergedClicks += 1
        } else {
            clickLineFallDriven = false
        }
        clickLineFallsAtCycle = rise + clickPulseWidthCycles
        let fallOrder = board.reserveTimerOrder()
        if let afterpulse = detector.pendingAfterpulsePicoseconds, afterpulse != scheduledAfterpulsePicoseconds {
            scheduledAfterpulsePicoseconds = afterpulse
            schedule(.afterpulse, at: afterpulse, on: board)
        }
        return (merges ? nil : rise, fallOrder)
    }

    @inline(__always)
    private func schedule(_ kind: TimerKind, at timePicoseconds: Int64, on board: SimulatedBoard) {
        board.scheduleTimer(id, tag: timePicoseconds << 2 | kind.rawValue, atPicoseconds: timePicoseconds)
    }
}
