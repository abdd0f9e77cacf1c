public import HAL

/// The simulated board's clock (the HAL's `HardwareClock`): simulated time, with the profile's
/// wake-up latency on every sleep that actually sleeps.
///
/// `sleep` is inlinable: the firmware's loop, specialised for this clock where the station is
/// put together, runs it in place (a few comparisons when no event is due) instead of calling
/// into this module three to four times per trigger cycle.
public final class SimulatedClock: HardwareClock {
    @usableFromInline let board: SimulatedBoard

    init(board: SimulatedBoard) { self.board = board }

    public var now: Instant {
        board.advanceWorld(to: board.firmwareCycle)
        let instant = board.instant(atCycle: board.firmwareCycle)
        board.firmwareCycle += board.clockReadCostCycles
        return instant
    }

    @inlinable @inline(__always) @discardableResult
    public func sleep(until deadline: Instant) -> Instant {
        guard board.sleepsPlainly else { return sleepWithTheProfile(until: deadline) }
        // 1 ns cycles: an instant's nanoseconds are its cycle; the wake-up latency is its minimum.
        let target = deadline.nanoseconds
        let wake = target > board.firmwareCycle
            ? target &+ board.wakeMinimumCycles   // (board cycles: see SimulatedBoard.firmwareCycle)
            : board.firmwareCycle &+ board.clockReadCostCycles
        board.advanceEventDrivenWorld(to: wake)
        board.firmwareCycle = wake
        return Instant(nanoseconds: wake)
    }

    /// ``sleep(until:)`` in general: any cycle period, a wake-up latency with a tail, either
    /// engine (the same as the plain case where both apply).
    @usableFromInline @inline(never)
    func sleepWithTheProfile(until deadline: Instant) -> Instant {
        let target = board.cycle(atOrAfter: deadline)
        let wake = target > board.firmwareCycle
            ? target &+ board.sampleWakeLatencyCycles()
            : board.firmwareCycle &+ board.clockReadCostCycles
        board.advanceWorld(to: wake)
        board.firmwareCycle = wake
        return board.instant(atCycle: wake)
    }
}
