/// Whether a detector counts only while its gate is high.
public enum DetectorGating: String, Sendable, Hashable {
    /// Counts only while the gate line is active (InGaAs SPADs, gated SNSPD read-out).
    case gated
    /// Counts all the time; the gate line is ignored.
    case freeRunning = "free-running"
}

/// A single-photon detector's output stage: a photon that it registers becomes a pulse of fixed
/// width on its click line; while the pulse is high it cannot register another.
///
/// This is the minimal detector of the foundation (ideal efficiency, no darks, no jitter); the
/// physics model of the detector feeds it through `register(photonAtCycle:)`.
///
/// A gated detector reads its gate line's level when a photon comes rather than watching the
/// line: nothing else it does depends on the gate, and the stand-in station's four detectors on
/// one gate line were eight device calls per trigger cycle. (No device can register a photon
/// between a gate change and its watchers' calls, so the level read is the one a watcher would
/// have been told.)
public final class DetectorModel: SimulatedDevice {
    /// The click line the detector drives.
    public let clickLine: LineID
    /// The gate line it listens to (nil: free-running with no gate wired).
    public let gateLine: LineID?
    /// Gated or free-running.
    public let gating: DetectorGating
    /// Width of the click pulse, in board cycles (at least one).
    public let clickPulseWidthCycles: Int64
    /// Photons registered as clicks so far.
    public private(set) var clicks = 0
    /// Photons that arrived while the gate was closed (gated mode) and were not counted.
    public private(set) var photonsOutsideGate = 0
    /// Photons that arrived while the click pulse was still high.
    public private(set) var photonsWhileBusy = 0
    private var busyUntilCycle: Int64 = -1
    private var id: DeviceID?

    /// A detector driving `clickLine`, gated by `gateLine` when `gating` is `.gated`.
    public init(clickLine: LineID, gateLine: LineID?, gating: DetectorGating, clickPulseWidthCycles: Int64) {
        self.clickLine = clickLine
        self.gateLine = gateLine
        self.gating = gating
        self.clickPulseWidthCycles = max(1, clickPulseWidthCycles)
    }

    /// Adds the detector to the board's devices (it watches no line: see above).
    @discardableResult
    public func attach(to board: SimulatedBoard) -> DeviceID {
        let id = board.attach(self)
        self.id = id
        return id
    }

    /// Whether the detector would count a photon arriving now on `board`: free-running, or its
    /// gate line active.
    public func isCounting(on board: SimulatedBoard) -> Bool {
        if gating == .freeRunning { return true }
        guard let gateLine else { return false }
        return board.value(of: gateLine) == 1
    }

    /// A photon reaches the detector at `cycle` (the current cycle or later); returns whether it clicked.
    @discardableResult
    public func register(photonAtCycle cycle: Int64, on board: SimulatedBoard) -> Bool {
        guard isCounting(on: board) else { photonsOutsideGate += 1; return false }
        guard cycle >= busyUntilCycle else { photonsWhileBusy += 1; return false }
        clicks += 1
        busyUntilCycle = cycle + clickPulseWidthCycles
        board.scheduleDrive(clickLine, to: 1, atCycle: cycle)
        board.scheduleDrive(clickLine, to: 0, atCycle: busyUntilCycle)
        return true
    }
}
