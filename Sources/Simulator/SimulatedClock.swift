public import HAL

/// The simulated board's clock (the HAL's `HardwareClock`): simulated time, with the profile's
/// wake-up latency on every sleep that actually sleeps.
public final class SimulatedClock: HardwareClock {
    private let board: SimulatedBoard

    init(board: SimulatedBoard) { self.board = board }

    public var now: Instant {
        board.advanceWorld(to: board.firmwareCycle)
        let instant = board.instant(atCycle: board.firmwareCycle)
        board.firmwareCycle += board.clockReadCostCycles
        return instant
    }

    @discardableResult
    public func sleep(until deadline: Instant) -> Instant {
        let target = board.cycle(atOrAfter: deadline)
        let wake = target > board.firmwareCycle
            ? target + board.sampleWakeLatencyCycles()
            : board.firmwareCycle + board.clockReadCostCycles
        board.advanceWorld(to: wake)
        board.firmwareCycle = wake
        return board.instant(atCycle: wake)
    }
}
