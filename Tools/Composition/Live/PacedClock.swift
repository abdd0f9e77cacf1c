#if canImport(Glibc)
import Glibc
#endif
public import Firmware
public import HAL

/// The simulated board's clock paced to the wall clock (`qdot serve --pace real-time`): a
/// deadline `d` of board time is not handed to the board before wall time `t₀ + (d − d₀)`, where
/// (d₀, t₀) are the first deadline and the wall time it came, so a dashboard sees a lab's rates
/// second by second. What is simulated stays the same byte for byte: only when it happens moves.
///
/// It sleeps (CLOCK_MONOTONIC, absolute) only when the board is ahead of the wall clock by more
/// than `sleepThreshold`, and records every deadline's wall-clock lateness: how late the loop's
/// thread got to it — the figure the load test of `qdot serve` compares with and without clients.
public final class PacedClock: HardwareClock {
    /// The simulated board's own clock.
    public let board: any HardwareClock
    /// Ahead by less than this, the loop goes on without sleeping (a sleep costs ~50 µs of wake-up).
    public let sleepThresholdNanoseconds: Int64
    /// Sleep only until this long before the wall deadline, then spin on the clock up to it (a
    /// lab loop's `--busy-wait-us`): the wake-up latency of a sleep is paid before the deadline,
    /// not after it. Set it before the run starts; zero: never spin.
    public var busyWaitTailNanoseconds: Int64 = 0
    /// Wall-clock lateness of every deadline so far (loop thread only; read it after the run, or
    /// through `published`).
    public private(set) var wallLateness = LatenessHistogram()
    /// The p99 and maximum wall lateness (ns) and the deadlines seen, published every 1024 deadlines
    /// for other threads.
    public let published = PublishedSlots(count: 3)
    private var origin: (board: Int64, wall: Int64)?
    private var sincePublished = 0

    /// Paces `board`.
    public init(board: any HardwareClock, sleepThresholdNanoseconds: Int64 = 200_000) {
        self.board = board
        self.sleepThresholdNanoseconds = sleepThresholdNanoseconds
    }

    public var now: Instant { board.now }

    public func sleep(until deadline: Instant) -> Instant {
        let wallNow = Self.wallNanoseconds()
        let start = origin ?? (deadline.nanoseconds, wallNow)
        origin = start
        let target = start.wall &+ (deadline.nanoseconds &- start.board)
        var woke = wallNow
        // Ahead by less than the threshold (plus the spin), the loop runs on: it never spins
        // without having slept, so a paced loop never holds its CPU for long.
        if target &- wallNow > sleepThresholdNanoseconds &+ busyWaitTailNanoseconds {
            let wake = target &- busyWaitTailNanoseconds
            var until = timespec(tv_sec: Int(wake / 1_000_000_000), tv_nsec: Int(wake % 1_000_000_000))
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nil) == EINTR {}
            woke = Self.wallNanoseconds()
            while woke < target { woke = Self.wallNanoseconds() }
        }
        wallLateness.record(nanoseconds: max(0, woke &- target))
        sincePublished += 1
        if sincePublished >= 1024 { publish() }
        return board.sleep(until: deadline)
    }

    /// Publishes the wall lateness now (the run's end calls it too).
    public func publish() {
        sincePublished = 0
        published.beginWriting()
        published.write(UInt64(bitPattern: wallLateness.percentileNanoseconds(0.99)), at: 0)
        published.write(UInt64(bitPattern: wallLateness.maximumNanoseconds), at: 1)
        published.write(wallLateness.count, at: 2)
        published.endWriting()
    }

    /// CLOCK_MONOTONIC in nanoseconds.
    static func wallNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
