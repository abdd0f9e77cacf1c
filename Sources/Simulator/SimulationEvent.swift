/// What the simulated board does when a scheduled event comes due.
public enum SimulationEvent: Sendable, Equatable {
    /// A line takes a logical value (a firmware write landing, or a device driving its output).
    case drive(line: Int, value: LineValueRaw)
    /// A device's timer: the device at `device` is called with `tag`.
    case timer(device: Int, tag: Int64)
    /// An input edge reaches the kernel's timestamping (after the profile's interrupt latency).
    case stamp(line: Int, value: LineValueRaw)
}

/// A line value as stored in events (0 inactive, 1 active); kept as a byte so an event is small.
public typealias LineValueRaw = UInt8
