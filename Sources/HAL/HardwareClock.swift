/// The board's monotonic clock, and the only way the firmware waits.
///
/// The firmware computes each deadline from the previous deadline, never from `now`, so the
/// time a cycle takes never accumulates into drift (the flaw of a relative `sleep(period)`).
public protocol HardwareClock: AnyObject {
    /// The current instant on the board's timebase.
    var now: Instant { get }

    /// Waits until `deadline` and returns the instant it woke at, which is never earlier than
    /// `deadline` (later by the wake-up latency). Returns at once when `deadline` has passed.
    /// Does not throw: a clock that cannot sleep is a broken board, not an error to handle.
    @discardableResult
    func sleep(until deadline: Instant) -> Instant
}
