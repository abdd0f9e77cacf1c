/// Something that a laser pulse reaches: the quantum dot (or the stand-in source).
public protocol LaserPulseListener: AnyObject {
    /// The laser was triggered for a pulse: whether the pulse can send any photon into a detector
    /// arm. When not, the pulse is over — the laser draws no jitter for it and the listener hears
    /// no more of it — so the listener counts it now. Asked at the trigger edge, before the pulse
    /// reaches the sample, so the answer must not depend on anything that changes in between
    /// (the analyzers do).
    func pulseTriggered(on board: SimulatedBoard) -> Bool
    /// Whether ``pulseTriggered(on:)`` can ever say no: when not (the stand-in source), the laser
    /// never calls it. Read once, when the laser is built.
    var decidesPulsesAtTrigger: Bool { get }
    /// A laser pulse for which ``pulseTriggered(on:)`` said yes reaches the sample at
    /// `picoseconds` on the board timebase.
    func laserPulse(atPicoseconds picoseconds: Int64, on board: SimulatedBoard)
}

extension LaserPulseListener {
    /// A listener that takes every pulse at the sample (the stand-in source) is never asked.
    public var decidesPulsesAtTrigger: Bool { false }
    /// Every pulse goes on to ``laserPulse(atPicoseconds:on:)``.
    public func pulseTriggered(on board: SimulatedBoard) -> Bool { true }
}

/// How the laser calls its listener, resolved once when the laser is built: the station's own
/// listeners directly (their types are known, so the calls below are direct and
/// ``QuantumDotSource/pulseTriggered(on:)``, the dot's one draw per pulse, is inlined into the
/// laser's trigger edge), any other listener through the protocol (a witness call). The same
/// pattern as the board's `DeviceCall`. (For the quantum dot the laser tests its own unretained
/// reference, `LaserModel.quantumDot`, before this switch: one word instead of the enum's two.)
///
/// The references are unretained: the laser's ``LaserModel/listener`` keeps the listener alive
/// for as long as the laser exists.
enum LaserPulseListenerCall {
    case quantumDot(Unmanaged<QuantumDotSource>)
    case standInSource(Unmanaged<StandInSource>)
    case other(any LaserPulseListener)
    /// No listener: the pulses reach nobody.
    case none

    /// The call for `listener`.
    init(_ listener: (any LaserPulseListener)?) {
        switch listener {
        case let dot as QuantumDotSource: self = .quantumDot(.passUnretained(dot))
        case let standIn as StandInSource: self = .standInSource(.passUnretained(standIn))
        case let listener?: self = .other(listener)
        case nil: self = .none
        }
    }

    /// The listener's ``LaserPulseListener/pulseTriggered(on:)`` (yes when there is none).
    @inline(__always)
    func pulseTriggered(on board: SimulatedBoard) -> Bool {
        switch self {
        case .quantumDot(let dot): dot._withUnsafeGuaranteedRef { $0.pulseTriggered(on: board) }
        case .standInSource(let standIn): standIn._withUnsafeGuaranteedRef { $0.pulseTriggered(on: board) }
        case .other(let listener): listener.pulseTriggered(on: board)
        case .none: true
        }
    }

    /// The listener's ``LaserPulseListener/laserPulse(atPicoseconds:on:)``.
    @inline(__always)
    func laserPulse(atPicoseconds picoseconds: Int64, on board: SimulatedBoard) {
        switch self {
        case .quantumDot(let dot): dot._withUnsafeGuaranteedRef { $0.laserPulse(atPicoseconds: picoseconds, on: board) }
        case .standInSource(let standIn):
            standIn._withUnsafeGuaranteedRef { $0.laserPulse(atPicoseconds: picoseconds, on: board) }
        case .other(let listener): listener.laserPulse(atPicoseconds: picoseconds, on: board)
        case .none: break
        }
    }
}
