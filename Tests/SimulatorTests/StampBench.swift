import HAL
import Simulator

/// A simulated board with input lines only, driven from the test side at known cycles, and read
/// through the HAL's `EdgeInput` the way the firmware reads it: what the stamping tests need.
///
/// Every HAL cost of the profiles made here is zero, so the only timing in play is the edge
/// stamp's latency and the shortest pulse.
struct StampBench {
    let board: SimulatedBoard
    let lines: [LineID]
    let input: SimulatedEdgeInput

    /// A board of `lineCount` input lines, requested together for `edges` (both where not given),
    /// with room for `eventsPerLine` events per line (the profile's when nil).
    init(profile: TimingProfile, seed: UInt64 = 1, lineCount: Int = 1, edges: [EdgeSelection] = [],
         eventsPerLine: Int? = 1 << 14) throws {
        let board = SimulatedBoard(profile: profile, seed: seed)
        let lines = (0..<lineCount).map { board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "IN\($0)", direction: .input)) }
        input = try board.requestEdgeInputs(lines, edges: edges, eventsPerLine: eventsPerLine)
        self.board = board
        self.lines = lines
    }

    /// A pulse on `line`: active at `start` ns, inactive `width` ns later.
    func pulse(_ line: Int, at start: Int64, width: Int64) {
        board.drive(lines[line], to: .active, at: Instant(nanoseconds: start))
        board.drive(lines[line], to: .inactive, at: Instant(nanoseconds: start + width))
    }

    /// Runs the world to `instant` ns and reads every edge stamped by then, oldest first.
    func read(until instant: Int64) throws -> [EdgeEvent] {
        board.run(until: Instant(nanoseconds: instant))
        let buffer = UnsafeMutableBufferPointer<EdgeEvent>.allocate(capacity: 256)
        defer { buffer.deallocate() }
        var events: [EdgeEvent] = []
        while true {
            let count = try input.readEdges(into: buffer)
            events += buffer[0..<count]
            if count < buffer.count { return events }
        }
    }
}

extension TimingProfile {
    /// A profile whose HAL calls are free and instant, with `latency` for every edge stamp.
    static func stamping(_ latency: LatencyDistribution, shortestPulse: TimeSpan = .zero,
                         eventsPerLine: Int = 16) -> TimingProfile {
        TimingProfile(name: "stamp-test", lineWriteCost: .zero, lineWriteLatency: .zero, edgeReadCost: .zero,
                      edgeReadCostPerEvent: .zero, lineReadCost: .zero, clockReadCost: .zero, wakeLatency: .zero,
                      edgeStampLatency: latency, edgeEventsPerLine: eventsPerLine, shortestPulse: shortestPulse)
    }
}

extension LatencyDistribution {
    /// minimum + exponential tail of mean `tail`, cut at `maximum` (all in nanoseconds).
    static func tail(minimum: Int64, mean tail: Int64, maximum: Int64) -> LatencyDistribution {
        LatencyDistribution(minimum: .nanoseconds(minimum), tailMean: .nanoseconds(tail), maximum: .nanoseconds(maximum))
    }
}

/// The binomial standard error of a fraction with probability `p` over `n` trials.
func binomialSigma(_ p: Double, _ n: Int) -> Double { (p * (1 - p) / Double(n)).squareRoot() }
