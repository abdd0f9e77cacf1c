/// The board's device models, laid out so the event loop calls them without retaining and
/// releasing each one around every call (atomic reference counting was about a sixth of a
/// simulated cycle).
///
/// A call through `any SimulatedDevice` loaded from storage makes Swift copy — retain — the
/// existential for the duration of the call. Here each device sits in a ``TypedDeviceCaller``
/// that holds it in a constant of its concrete type (which Swift calls without retaining); the
/// table keeps every caller alive in `owners` (devices are never removed) and hands out
/// unretained references to the devices, or to their callers, in `calls` (``DeviceCall``). The
/// hot path reads a call and goes through `Unmanaged._withUnsafeGuaranteedRef`, which is sound
/// because `owners` keeps the callers (and their devices) alive while the table exists, and the
/// board that owns the table outlives every call it makes.
final class DeviceTable {
    /// The strong references that keep every entry valid.
    private var owners: [DeviceCaller] = []
    /// How a line change or a timer reaches each device, in attachment order (a device's index is
    /// its `DeviceID`; see ``DeviceCall``).
    private(set) var calls: [DeviceCall] = []

    /// Adds `device`; its index is the number of devices before it.
    func append<Device: SimulatedDevice>(_ device: Device) {
        let caller = TypedDeviceCaller(device)
        owners.append(caller)
        calls.append(DeviceCall(device, caller: caller))
    }

    /// Calls `timerFired` on device `index`: the station's own devices directly, like their line
    /// changes (through the caller's class method and the conformance's thunk, a laser pulse
    /// and a detector timer cost two calls more each).
    @inline(__always)
    func timerFired(device index: Int, tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        calls[index].timerFired(tag: tag, atCycle: cycle, on: board)
    }
}

/// Calls one device, for ``DeviceTable``; the base class is never instantiated on its own.
@usableFromInline class DeviceCaller: SimulatedDevice {
    /// Forwards a line change to the device.
    @usableFromInline func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {}
    /// Forwards a timer to the device.
    @usableFromInline func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {}
}

/// The ``DeviceCaller`` of a device of type `Device`, held in a constant so calls need no retain.
final class TypedDeviceCaller<Device: SimulatedDevice>: DeviceCaller {
    let device: Device

    init(_ device: Device) { self.device = device }

    override func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        device.lineChanged(line, to: value, atCycle: cycle, on: board)
    }

    override func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        device.timerFired(tag: tag, atCycle: cycle, on: board)
    }
}

/// How the board calls one device when a line it watches changes or one of its timers fires: the
/// station's own device models directly (their types are known when the station is built, so the
/// switches below are direct, inlinable calls), any other device through its ``DeviceCaller``
/// (an indirect call).
///
/// The references are unretained for the reason ``DeviceTable`` gives: the table's `owners`
/// keep every device alive while the board exists.
@usableFromInline enum DeviceCall {
    case laser(Unmanaged<LaserModel>)
    case photonDetector(Unmanaged<PhotonDetectorModel>)
    case gateFanOut(Unmanaged<DetectorGateFanOut>)
    case analyzer(Unmanaged<PolarizationAnalyzer>)
    case timeTagger(Unmanaged<SimulatedTimeTagger>)
    case loopback(Unmanaged<LoopbackWire>)
    case standInSource(Unmanaged<StandInSource>)
    case other(Unmanaged<DeviceCaller>)

    /// The call for `device`, whose caller is `caller` (kept alive by the device table).
    init<Device: SimulatedDevice>(_ device: Device, caller: DeviceCaller) {
        switch device {
        case let device as LaserModel: self = .laser(.passUnretained(device))
        case let device as PhotonDetectorModel: self = .photonDetector(.passUnretained(device))
        case let device as DetectorGateFanOut: self = .gateFanOut(.passUnretained(device))
        case let device as PolarizationAnalyzer: self = .analyzer(.passUnretained(device))
        case let device as SimulatedTimeTagger: self = .timeTagger(.passUnretained(device))
        case let device as LoopbackWire: self = .loopback(.passUnretained(device))
        case let device as StandInSource: self = .standInSource(.passUnretained(device))
        default: self = .other(.passUnretained(caller))
        }
    }

    /// Tells the device that `line` changed to `value` at `cycle`.
    @inlinable @inline(__always)
    func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        deliver(.lineChanged(line, value), atCycle: cycle, on: board)
    }

    /// Tells the device that its timer `tag` fired at `cycle`.
    @inlinable @inline(__always)
    func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        deliver(.timerFired(tag), atCycle: cycle, on: board)
    }

    /// What the board tells a device (constant at each call above, so the inner switch folds away).
    @usableFromInline enum Event {
        case lineChanged(LineID, UInt8)
        case timerFired(Int64)
    }

    /// The one switch over the devices: `event` to this call's device.
    @inlinable @inline(__always)
    func deliver(_ event: Event, atCycle cycle: Int64, on board: SimulatedBoard) {
        switch self {
        case .laser(let device): device._withUnsafeGuaranteedRef { Self.deliver(event, to: $0, atCycle: cycle, on: board) }
        case .photonDetector(let device): device._withUnsafeGuaranteedRef { Self.deliver(event, to: $0, atCycle: cycle, on: board) }
        case .gateFanOut(let device): device._withUnsafeGuaranteedRef { Self.deliver(event, to: $0, atCycle: cycle, on: board) }
        case .analyzer(let device): device._withUnsafeGuaranteedRef { Self.deliver(event, to: $0, atCycle: cycle, on: board) }
        case .timeTagger(let device): device._withUnsafeGuaranteedRef { Self.deliver(event, to: $0, atCycle: cycle, on: board) }
        case .loopback(let device): device._withUnsafeGuaranteedRef { Self.deliver(event, to: $0, atCycle: cycle, on: board) }
        case .standInSource(let device): device._withUnsafeGuaranteedRef { Self.deliver(event, to: $0, atCycle: cycle, on: board) }
        case .other(let caller): caller._withUnsafeGuaranteedRef { Self.deliver(event, to: $0, atCycle: cycle, on: board) }
        }
    }

    @inlinable @inline(__always)
    static func deliver<Device: SimulatedDevice>(_ event: Event, to device: Device, atCycle cycle: Int64, on board: SimulatedBoard) {
        switch event {
        case let .lineChanged(line, value): device.lineChanged(line, to: value, atCycle: cycle, on: board)
        case .timerFired(let tag): device.timerFired(tag: tag, atCycle: cycle, on: board)
        }
    }
}
