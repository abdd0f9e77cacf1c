import Glibc
public import HAL

/// CLOCK_MONOTONIC, the clock the kernel stamps GPIO edges with (`HAL.HardwareClock`).
///
/// Sleeps to absolute deadlines with `clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)`, retried
/// on EINTR, so a signal never shortens a sleep and period errors never accumulate. An optional
/// busy-wait tail sleeps until `busyWaitTail` before the deadline and spins on `clock_gettime`
/// for the rest, trading a core's time for a smaller wake-up latency (off by default).
public final class LinuxClock: HardwareClock {
    /// How long before each deadline the clock stops sleeping and spins (zero: never spins).
    public let busyWaitTail: TimeSpan

    /// A CLOCK_MONOTONIC clock; `busyWaitTail` of zero (the default) sleeps all the way.
    public init(busyWaitTail: TimeSpan = .zero) {
        self.busyWaitTail = max(busyWaitTail, .zero)
    }

    public var now: Instant {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Instant(nanoseconds: Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec))
    }

    @discardableResult
    public func sleep(until deadline: Instant) -> Instant {
        let sleepUntil = deadline - busyWaitTail
        if sleepUntil > now {
            var wake = timespec(tv_sec: Int(sleepUntil.nanoseconds / 1_000_000_000),
                                tv_nsec: Int(sleepUntil.nanoseconds % 1_000_000_000))
            // clock_nanosleep returns the error number instead of setting errno.
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &wake, nil) == EINTR {}
        }
        var woke = now
        while woke < deadline { woke = now }
        return woke
    }
}
