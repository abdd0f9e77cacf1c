public import Firmware
import HAL

/// Times a board's HAL calls and edge stamps through a loopback wire from the trigger output to a
/// spare input, the way the firmware's own loop makes them, on any backend.
///
/// First it checks the interlock (closed = laser permitted refuses the measurement unless the plan
/// says the laser is disconnected), drives the trigger to its safe level, waits one edge timeout
/// and drains the loopback line. Then it times `clockReads` back-to-back clock reads, and runs
/// `cycles` cycles, each like a firmware cycle:
///
/// 1. sleep to an absolute deadline one period after the last (a deadline less than a quarter
///    period ahead is skipped, and counted, so every sleep really sleeps) — the wake-up latency;
/// 2. check the interlock again;
/// 3. read the edge the last cycle's return to the safe level left waiting — the cost of a read
///    that finds one edge (long stamped and queued: the read is not racing the interrupt that
///    queues it), and that edge's write-to-stamp span;
/// 4. read the loopback line's edges again, finding none — an empty read's cost;
/// 5. read the loopback line's level — a line read's cost;
/// 6. drive the trigger to its pulse level and poll the loopback line until the edge arrives —
///    the write's cost and the span from its start to the edge's stamp; then drive it back to its
///    safe level (that write's cost), whose edge step 3 of the next cycle reads.
///
/// Every way out leaves the trigger at its safe level.
public enum LoopbackMeasurement {
    /// Runs the measurement on `bench` and returns everything it timed.
    /// - Throws: `LoopbackError`: the interlock closed, no edge or the wrong edge on the loopback
    ///   line, stamps off the loop's clock, a stop request, a failed HAL call.
    public static func run(on bench: LoopbackBench, plan: LoopbackPlan,
                           stop: StopSignal? = nil) throws(LoopbackError) -> LoopbackSamples {
        let session = LoopbackSession(bench: bench, plan: plan)
        do {
            try session.measure(stop: stop)
        } catch {
            try? session.drive(session.rest)
            throw error
        }
        return session.samples
    }
}

/// One measurement's state: the bench, an edge buffer, the samples so far.
final class LoopbackSession {
    let bench: LoopbackBench
    let plan: LoopbackPlan
    let clock: any HardwareClock
    /// The trigger's safe level, where it rests between pulses, and the other level.
    let rest: LineValue, pulse: LineValue
    private let buffer = UnsafeMutableBufferPointer<EdgeEvent>.allocate(capacity: 64)
    private(set) var samples = LoopbackSamples()

    init(bench: LoopbackBench, plan: LoopbackPlan) {
        self.bench = bench
        self.plan = plan
        clock = bench.clock
        rest = bench.trigger.safeValue
        pulse = bench.trigger.safeValue.toggled
    }

    deinit { buffer.deallocate() }

    func measure(stop: StopSignal?) throws(LoopbackError) {
        try checkInterlock(cycle: nil)
        try drive(rest)
        clock.sleep(until: clock.now + plan.edgeTimeout)
        while try readLoopback() > 0 {}
        timeClockReads()
        let margin = TimeSpan(nanoseconds: plan.period.nanoseconds / 4)
        var deadline = clock.now + plan.period
        var pendingReturn: Instant? = nil   // when the last return to the safe level was written
        for cycle in 0..<plan.cycles {
            if stop?.isRaised == true { throw .stopped(cycle: cycle) }
            let now = clock.now
            while deadline < now + margin {
                deadline = deadline + plan.period
                samples.overruns += 1
            }
            let woke = clock.sleep(until: deadline)
            samples.wakeLatencies.append((woke - deadline).nanoseconds)
            deadline = deadline + plan.period
            try checkInterlock(cycle: cycle)
            if let written = pendingReturn { try awaitEdge(of: rest, writtenAt: written, timingAWaitingEdge: true) }
            try timeEmptyRead()
            try timeLineRead()
            try awaitEdge(of: pulse, writtenAt: try timedWrite(pulse), timingAWaitingEdge: false)
            pendingReturn = try timedWrite(rest)
            samples.cycles = cycle + 1
        }
        if let written = pendingReturn { try awaitEdge(of: rest, writtenAt: written, timingAWaitingEdge: true) }
    }

    /// Refuses (before the first pulse) or stops (during the cycles) while the interlock is closed,
    /// unless the plan says the laser is disconnected.
    private func checkInterlock(cycle: Int?) throws(LoopbackError) {
        guard !plan.laserDisconnected else { return }
        let closed: Bool
        do { closed = try bench.interlock.request.value(ofLine: bench.interlock.index).isActive } catch { throw .hardware(error) }
        guard closed else { return }
        if let cycle { throw .interlockClosedDuringMeasurement(interlock: bench.interlockName, cycle: cycle) }
        throw .interlockClosed(interlock: bench.interlockName)
    }

    private func timeClockReads() {
        let first = clock.now
        var last = first
        for _ in 1..<max(plan.clockReads, 2) { last = clock.now }
        samples.clockReads = max(plan.clockReads, 2)
        samples.clockReadSpanNanoseconds = (last - first).nanoseconds
    }

    private func timeEmptyRead() throws(LoopbackError) {
        let before = clock.now
        let count = try readLoopback()
        let after = clock.now
        if count == 0 { samples.emptyReadSpans.append((after - before).nanoseconds) } else { samples.extraEdges += count }
    }

    private func timeLineRead() throws(LoopbackError) {
        let before = clock.now
        do { _ = try bench.loopback.request.value(ofLine: bench.loopback.index) } catch { throw .hardware(error) }
        samples.lineReadSpans.append((clock.now - before).nanoseconds)
    }

    /// Drives the trigger to `level`, timing the call; returns the clock read just before it (the
    /// write's start, less one clock read).
    private func timedWrite(_ level: LineValue) throws(LoopbackError) -> Instant {
        let before = clock.now
        try drive(level)
        samples.writeSpans.append((clock.now - before).nanoseconds)
        return before
    }

    /// Polls the loopback line until the edge a write to `level` made arrives, and keeps the span from
    /// `written` (the clock read before the write) to its stamp. With `timingAWaitingEdge` the first
    /// read, when it finds exactly that one edge, is the cost of a read that finds one edge.
    private func awaitEdge(of level: LineValue, writtenAt written: Instant, timingAWaitingEdge: Bool) throws(LoopbackError) {
        var firstRead = true
        let giveUp = clock.now + plan.edgeTimeout
        while true {
            let readStart = clock.now
            let count = try readLoopback()
            let readEnd = clock.now
            if count > 0 {
                let edge = buffer[0]
                let expected: EdgeKind = level.isActive ? .rising : .falling
                guard edge.kind == expected else {
                    throw .wrongEdge(loopback: bench.loopbackName, trigger: bench.triggerName, level: level, seen: edge.kind)
                }
                let span = edge.timestamp - written
                guard span >= .zero else { throw .stampBeforeWrite(loopback: bench.loopbackName, early: -span) }
                samples.writeToStampSpans.append(span.nanoseconds)
                if timingAWaitingEdge && firstRead && count == 1 {
                    samples.oneEdgeReadSpans.append((readEnd - readStart).nanoseconds)
                }
                samples.extraEdges += count - 1
                return
            }
            firstRead = false
            if readEnd > giveUp {
                throw .noEdge(loopback: bench.loopbackName, trigger: bench.triggerName, level: level, timeout: plan.edgeTimeout)
            }
        }
    }

    func drive(_ level: LineValue) throws(LoopbackError) {
        do { try bench.trigger.request.set(line: bench.trigger.index, to: level) } catch { throw .hardware(error) }
    }

    private func readLoopback() throws(LoopbackError) -> Int {
        do { return try bench.loopback.request.readEdges(into: buffer) } catch { throw .hardware(error) }
    }
}
