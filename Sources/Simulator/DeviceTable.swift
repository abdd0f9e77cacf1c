/// The board's device models, laid out so the event loop calls them without retaining and
/// releasing each one around every call (atomic reference counting was about a sixth of a
/// simulated cycle).
///
/// A call through `any SimulatedDevice` loaded from storage makes Swift copy — retain — the
/// existential for the duration of the call. Here each device is held twice: strongly, in
/// `owners`, for as long as the table lives (devices are never removed), and as an unretained
/// reference in `entries`, next to an unretained ``DeviceCaller`` that knows the device's
/// concrete type. The hot path reads an entry (two plain pointers) and calls through
/// `Unmanaged._withUnsafeGuaranteedRef`, which is sound because `owners` keeps both objects
/// alive while the board exists, and the board outlives every call it makes.
final class DeviceTable {
    /// One device as the hot path sees it: the object and its caller, neither retained.
    struct Entry {
        let device: Unmanaged<AnyObject>
        let caller: Unmanaged<DeviceCaller>
    }

    /// The strong references that keep every entry valid.
    private var owners: [(device: any SimulatedDevice, caller: DeviceCaller)] = []
    /// The unretained view of `owners`, in attachment order (a device's index is its `DeviceID`).
    private(set) var entries: [Entry] = []

    /// Adds `device`; its index is the number of devices before it.
    func append<Device: SimulatedDevice>(_ device: Device) {
        let caller = TypedDeviceCaller<Device>()
        owners.append((device, caller))
        entries.append(Entry(device: Unmanaged.passUnretained(device as AnyObject), caller: .passUnretained(caller)))
    }

    /// Calls `lineChanged` on device `index`.
    @inline(__always)
    func lineChanged(device index: Int, line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        let entry = entries[index]
        entry.caller._withUnsafeGuaranteedRef {
            $0.lineChanged(entry.device, line: line, to: value, atCycle: cycle, on: board)
        }
    }

    /// Calls `timerFired` on device `index`.
    @inline(__always)
    func timerFired(device index: Int, tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        let entry = entries[index]
        entry.caller._withUnsafeGuaranteedRef { $0.timerFired(entry.device, tag: tag, atCycle: cycle, on: board) }
    }
}

/// Calls a device whose concrete type it knows (see ``DeviceTable``); the base class is never
/// instantiated on its own.
class DeviceCaller {
    /// Forwards a line change to `device`.
    func lineChanged(_ device: Unmanaged<AnyObject>, line: LineID, to value: UInt8, atCycle cycle: Int64,
                     on board: SimulatedBoard) {}
    /// Forwards a timer to `device`.
    func timerFired(_ device: Unmanaged<AnyObject>, tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {}
}

/// The ``DeviceCaller`` of devices of type `Device`.
final class TypedDeviceCaller<Device: SimulatedDevice>: DeviceCaller {
    override func lineChanged(_ device: Unmanaged<AnyObject>, line: LineID, to value: UInt8, atCycle cycle: Int64,
                              on board: SimulatedBoard) {
        // `device` was made from a `Device` in `DeviceTable.append`, so the downcast holds.
        device._withUnsafeGuaranteedRef {
            unsafeDowncast($0, to: Device.self).lineChanged(line, to: value, atCycle: cycle, on: board)
        }
    }

    override func timerFired(_ device: Unmanaged<AnyObject>, tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        device._withUnsafeGuaranteedRef {
            unsafeDowncast($0, to: Device.self).timerFired(tag: tag, atCycle: cycle, on: board)
        }
    }
}
