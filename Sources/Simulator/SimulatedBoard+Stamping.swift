import HAL
import RealModule

extension SimulatedBoard {
    /// The stream the edge-stamp latencies are drawn from (device streams count up from 1).
    static let stampStream: UInt64 = 0x5354_414D_5053   // "STAMPS"

    /// Schedules the kernel's stamp of an input edge at `cycle`: after a latency drawn for this
    /// edge alone from the profile (two lines' simultaneous edges are stamped apart), never
    /// before an earlier edge of the same line (the handler services them in turn), and never
    /// before the edge has lasted the profile's shortest pulse (the edge detector needs that long
    /// to see it). A pulse that ends within the shortest pulse is not seen: its rise is dropped
    /// when its stamp comes due, and counted in `pulsesTooShort`.
    ///
    /// Not inlined: the ideal profile never comes here, and its edges stay a few instructions.
    @usableFromInline @inline(never)
    func scheduleStamp(line index: Int, value: UInt8, atCycle cycle: Int64) {
        let line = lines.address(of: index)
        if value == 1 {
            line.pointee.lastRiseCycle = cycle
            if line.pointee.pendingRiseCount < UInt64.bitWidth { line.pointee.pendingRiseCount += 1 }
        } else if shortestPulseCycles > 0, line.pointee.pendingRiseCount > 0,
                  cycle - line.pointee.lastRiseCycle < shortestPulseCycles {
            // (Pending rises first: a line active before its request falls with no rise seen.)
            // The pulse that ends here is the newest pending rise's.
            line.pointee.pendingRiseFlags |= 1 << UInt64(line.pointee.pendingRiseCount - 1)
            line.pointee.pulsesTooShort += 1
        }
        let latency = max(sampleStampLatencyCycles(), shortestPulseCycles)
        let due = max(cycle + latency, line.pointee.lastStampCycle)
        line.pointee.lastStampCycle = due
        queue.schedule(.stamp(line: index, value: value), at: due)
    }

    /// A stamp comes due: the edge goes into its request's buffer, unless it is the rise of a
    /// pulse too short to see.
    func deliverStamp(line index: Int, value: UInt8, atCycle cycle: Int64) {
        if value == 1 {
            let line = lines.address(of: index)
            if line.pointee.pendingRiseCount > 0 {
                let tooShort = line.pointee.pendingRiseFlags & 1 != 0
                line.pointee.pendingRiseFlags >>= 1
                line.pointee.pendingRiseCount -= 1
                if tooShort { return }
            }
        }
        stampEdge(line: index, value: value, atCycle: cycle)
    }

    /// An edge-stamp latency in cycles from the profile: minimum plus an exponential tail, cut at
    /// the maximum.
    func sampleStampLatencyCycles() -> Int64 {
        guard stampTailMeanCycles > 0, stampMaximumCycles > stampMinimumCycles else { return stampMinimumCycles }
        let u = 1 - stampRandom.nextUnitInterval()          // (0, 1]
        let tail = -stampTailMeanCycles * Double.log(u)
        return min(stampMinimumCycles + Int64(tail), stampMaximumCycles)
    }

    /// Pulses the inputs did not see because they were shorter than the profile's shortest pulse,
    /// per line (a test-side figure: a real kernel cannot count what it did not see).
    public func pulsesTooShort(on line: LineID) -> Int { lines[line.index].pulsesTooShort }
}
