import Boards
public import Firmware
public import HAL

/// The trigger pulse and gate a board's writes really produce in one cycle, estimated from its
/// timing profile: what the detectors and the laser see, which on a slow board is not what the
/// experiment asked for.
///
/// The firmware sleeps until each edge's offset and then writes it (`CycleLoop`). A sleep that
/// really sleeps wakes `wakeLatency` late; one whose time has already passed returns after a
/// clock read. Each write then takes `lineWriteCost` of CPU time and reaches the pin
/// `lineWriteLatency` after it starts. On a Raspberry Pi 4 the cycle's first wake-up is ≥ 8 µs
/// late, past every edge of a few-µs cycle, so the edges go out back to back, one clock read and
/// one write (1.26 µs) apart, whatever their offsets: a 2 µs gate around a 1 µs trigger is open
/// 3.78 µs. The estimate takes every wake-up at the profile's median latency, one edge read
/// before the first write (the read-out of the last cycle's clicks), no basis write, and every
/// output on one chip (all edges of one offset in one write, as `CycleProgram` merges them).
public struct RealizedCycle: Sendable, Hashable {
    /// From the cycle's deadline to the trigger's rising edge at the pin.
    public var triggerRises: TimeSpan
    /// How long the trigger pulse is high at the pin.
    public var triggerPulseWidth: TimeSpan
    /// From the cycle's deadline to the gate opening at the pin.
    public var gateOpens: TimeSpan
    /// How long the gate is open at the pin.
    public var gateWidth: TimeSpan

    /// From the cycle's deadline to the gate closing at the pin.
    public var gateCloses: TimeSpan { gateOpens + gateWidth }

    /// The estimate for `timing` on a board with `profile`.
    public init(_ timing: CycleTiming, profile: TimingProfile) {
        let wake = TimeSpan(nanoseconds: Int64(profile.wakeLatency.quantileNanoseconds(0.5).rounded()))
        // The edges in the firmware's order (gate opens, trigger rises, trigger falls, gate
        // closes at equal offsets): one write per distinct offset.
        let gateOpenOffset = timing.triggerLead + timing.gateDelay
        let edges: [(offset: TimeSpan, edge: Edge)] = [
            (gateOpenOffset, .gateOpens), (timing.triggerLead, .triggerRises),
            (timing.triggerLead + timing.triggerPulseWidth, .triggerFalls),
            (gateOpenOffset + timing.gateWidth, .gateCloses),
        ].sorted { ($0.offset, $0.edge.rawValue) < ($1.offset, $1.edge.rawValue) }
        var pin: [Edge: TimeSpan] = [:]
        var cpu = wake + profile.edgeReadCost   // the CPU's time after the deadline
        var lastOffset = TimeSpan(nanoseconds: -1)
        for (offset, edge) in edges {
            if offset > lastOffset {
                // CycleLoop sleeps until the offset: a real sleep wakes late, a past one costs a clock read.
                cpu = offset > cpu ? offset + wake : cpu + profile.clockReadCost
                pin[edge] = cpu + profile.lineWriteLatency
                cpu = cpu + profile.lineWriteCost
                lastOffset = offset
            } else {
                pin[edge] = cpu - profile.lineWriteCost + profile.lineWriteLatency   // merged into the last write
            }
        }
        triggerRises = pin[.triggerRises]!
        triggerPulseWidth = pin[.triggerFalls]! - triggerRises
        gateOpens = pin[.gateOpens]!
        gateWidth = pin[.gateCloses]! - gateOpens
    }

    /// The cycle's edges, in the firmware's order at equal offsets.
    enum Edge: Int, Hashable { case gateOpens, triggerRises, triggerFalls, gateCloses }

    /// What differs from `timing` enough to matter (more than 10 % and more than 100 ns), each
    /// with both numbers, the cause and the fix; empty when the board keeps the timing.
    public func departures(from timing: CycleTiming, profile: TimingProfile) -> [String] {
        func differs(_ realized: TimeSpan, _ asked: TimeSpan) -> Bool {
            let difference = abs(realized.nanoseconds - asked.nanoseconds)
            return difference > 100 && Double(difference) > 0.1 * Double(asked.nanoseconds)
        }
        let spacing = ExperimentBoardFit.format(picoseconds: (profile.clockReadCost + profile.lineWriteCost).nanoseconds * 1_000)
        let cause = "on the \(profile.name) timing profile each write takes \(ExperimentBoardFit.format(picoseconds: profile.lineWriteCost.nanoseconds * 1_000)) "
            + "and a wake-up comes \(ExperimentBoardFit.format(picoseconds: profile.wakeLatency.minimum.nanoseconds * 1_000)) or more late, so edges "
            + "closer than that go out back to back, \(spacing) apart"
        var found: [String] = []
        if differs(gateWidth, timing.gateWidth) {
            found.append("gate width \(timing.gateWidth.nanoseconds) ns: the gate will be open about \(gateWidth.nanoseconds) ns: \(cause); "
                + "the detectors are live, and count dark counts, for the longer gate (gate mode measures the accidentals that adds "
                + "from its side cycles); set gate-width-ns to what the board gives, or use a board with a hardware pulse generator for the gate")
        }
        if differs(triggerPulseWidth, timing.triggerPulseWidth) {
            found.append("trigger pulse width \(timing.triggerPulseWidth.nanoseconds) ns: the pulse will be about "
                + "\(triggerPulseWidth.nanoseconds) ns long: \(cause); set trigger-pulse-width-ns to what the board gives, "
                + "or let the laser's own pulse picker set the width from the trigger's rising edge")
        }
        return found
    }
}
