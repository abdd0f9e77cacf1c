public import Firmware
public import HAL
import Simulator

extension CycleTiming {
    /// The shortest trigger period a board with `profile` can serve with this timing — an
    /// estimate for a station whose outputs share one chip and inputs another, following the
    /// loop: a typical wake-up (minimum + mean tail), one edge read, one basis write, then each
    /// action at its offset (sleeping for it, and waking a typical latency late, only when the
    /// loop is not already past it), one line write each.
    public func servedMinimumPeriod(on profile: TimingProfile) -> TimeSpan {
        let wake = profile.wakeLatency.minimum + profile.wakeLatency.tailMean
        var now = wake + profile.edgeReadCost + profile.lineWriteCost
        let trigger = triggerLead
        let gateOpen = trigger + gateDelay
        for offset in [trigger, trigger + triggerPulseWidth, gateOpen, gateOpen + gateWidth].sorted() {
            if offset > now { now = offset + wake }
            now = now + profile.lineWriteCost
        }
        return now > lastActionOffset ? now : lastActionOffset + .nanoseconds(1)
    }

    /// The problem with this timing on `profile`, naming the numbers, or nil when it fits.
    public func profileProblem(on profile: TimingProfile) -> String? {
        let minimum = servedMinimumPeriod(on: profile)
        guard triggerPeriod < minimum else { return nil }
        return "trigger period \(triggerPeriod.nanoseconds) ns is shorter than the \(minimum.nanoseconds) ns the "
            + "\(profile.name) timing profile needs for one cycle (wake-up \(profile.wakeLatency.minimum.nanoseconds) + "
            + "\(profile.wakeLatency.tailMean.nanoseconds) ns, line write \(profile.lineWriteCost.nanoseconds) ns, "
            + "actions until \(lastActionOffset.nanoseconds) ns)"
    }
}
