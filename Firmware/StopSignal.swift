import Synchronization

/// A request from outside the real-time loop (Ctrl-C, SIGTERM, an operator) to stop the run at
/// the next cycle boundary, drive the outputs safe and report what was gathered.
///
/// Safe to set from a signal-handling thread; the loop reads it once per cycle, lock-free.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A signal not yet raised.
    public init() {}

    /// Asks the run to stop.
    public func raise() { flag.store(true, ordering: .releasing) }

    /// Whether a stop was asked for.
    public var isRaised: Bool { flag.load(ordering: .acquiring) }
}
