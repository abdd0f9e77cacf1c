public import HAL
import RealModule

extension SimulatedBoard {
    /// Requests output lines together, as the firmware's composition root does on a real board.
    ///
    /// Fails like the Linux backend would: a line that is an input, or already requested.
    public func requestOutputs(_ ids: [LineID]) throws(HardwareError) -> SimulatedOutputLine {
        for id in ids {
            try checkRequestable(id, direction: .output)
            lines[id.index].isRequested = true
        }
        return SimulatedOutputLine(board: self, lines: ids)
    }

    /// Requests input lines together for edge detection, each line for the edges of `edges`
    /// (the same position; both edges where not given); their edges are buffered from now on,
    /// `eventsPerLine` per line (the profile's, Linux's default 16, when not given) before the
    /// oldest is dropped.
    public func requestEdgeInputs(_ ids: [LineID], edges: [EdgeSelection] = [],
                                  eventsPerLine: Int? = nil) throws(HardwareError) -> SimulatedEdgeInput {
        for id in ids { try checkRequestable(id, direction: .input) }
        let queueIndex = edgeQueues.count
        edgeQueues.append(EdgeQueue(capacity: (eventsPerLine ?? profile.edgeEventsPerLine) * max(1, ids.count)))
        for (position, id) in ids.enumerated() {
            lines[id.index].isRequested = true
            lines[id.index].edgeQueue = queueIndex
            lines[id.index].changeIsRecordedOrStamped = true
            lines[id.index].indexInRequest = position
            lines[id.index].edges = position < edges.count ? edges[position] : .both
        }
        return SimulatedEdgeInput(board: self, lines: ids, queueIndex: queueIndex)
    }

    /// The board's clock.
    public func makeClock() -> SimulatedClock { SimulatedClock(board: self) }

    private func checkRequestable(_ id: LineID, direction: LineDirection) throws(HardwareError) {
        guard id.index >= 0 && id.index < lines.count else {
            throw HardwareError(.noSuchLine, operation: "request", detail: "no line \(id.index) on the simulated board")
        }
        let spec = lines[id.index].spec
        let where_ = "\(spec.chip)/\(spec.name)"
        guard spec.direction == direction else {
            throw HardwareError(.invalidRequest, operation: "request", line: where_,
                                detail: "the line is wired as an \(spec.direction == .input ? "input" : "output")")
        }
        guard !lines[id.index].isRequested else {
            throw HardwareError(.lineBusy, operation: "request", line: where_, errno: 16,
                                detail: "already requested by this board's firmware")
        }
    }

    /// A wake-up latency in cycles from the profile: minimum plus an exponential tail, capped.
    @inlinable @inline(__always)
    func sampleWakeLatencyCycles() -> Int64 {
        wakeHasTail ? sampleWakeLatencyTailCycles() : wakeMinimumCycles
    }

    /// ``sampleWakeLatencyCycles()`` of a profile with a tail (a call of its own, so the ideal
    /// profile's sleeps stay a comparison).
    @inline(never) @usableFromInline
    func sampleWakeLatencyTailCycles() -> Int64 {
        let u = 1 - timingRandom.nextUnitInterval()          // (0, 1]
        let tail = -wakeTailMeanCycles * Double.log(u)
        return min(wakeMinimumCycles + Int64(tail), wakeMaximumCycles)
    }
}
