public import HAL

/// A timing profile measured through a loopback wire: every figure of a `TimingProfile`, each with
/// the estimate it came from, and the assumption that splits the one span a loopback cannot split.
///
/// **What a loopback can and cannot tell apart.** A write's edge reaches the pin some time W after
/// the call starts (the write latency), and the kernel stamps it some time S after that (the stamp
/// latency, drawn per edge). The loopback sees only their sum, W + S, from the write's start to the
/// stamp; with the kernel stamping at interrupt time nothing on the board sees the pin itself, so
/// only a scope could split them. The profile splits the sum's fitted floor so: the write lands as
/// its call returns at the latest (the register write is inside the ioctl; the simulated board
/// refuses a profile whose write lands after its call), so W = min(write cost, floor of W + S), and
/// the stamp gets the rest of the floor and all of the spread. The firmware sees only the sum — a
/// click's stamp lies W + S after the write that caused it, an interlock opening reaches the trigger
/// after S + W — so the split moves no simulated click or cycle relative to the firmware, only
/// where the lines change relative to its calls.
///
/// Not measured: the kernel's edge buffer per line (the kernel's default, 16, unless the board's
/// profile says otherwise) and the shortest pulse an input sees (a loopback's pulses are microseconds
/// wide): both come from `unmeasured`, the board's own profile where it names one.
public struct MeasuredTimingProfile: Sendable {
    /// The profile, as `qdot sim --profile` uses it.
    public var profile: TimingProfile
    /// One clock read, from back-to-back reads.
    public var clockRead: CostEstimate
    /// One trigger write (both levels).
    public var lineWrite: CostEstimate
    /// One edge read that found nothing.
    public var edgeRead: CostEstimate
    /// The extra cost of a read that found one waiting edge over one that found none.
    public var edgeReadPerEvent: CostEstimate
    /// One level read of the loopback line.
    public var lineRead: CostEstimate
    /// The wake-up latency fit.
    public var wake: LatencyFit
    /// The fit of the write-start → stamp spans (less one clock read): W + S.
    public var writeToStamp: LatencyFit
    /// The samples, for their counts and the cycles' bookkeeping.
    public var samples: LoopbackSamples
    /// Where the unmeasured figures came from ("the board's profile raspberry-pi-4", "the kernel's default").
    public var unmeasuredSource: String

    /// Derives the profile `name` from a measurement's `samples`; `unmeasured` supplies the edge
    /// buffer and the shortest pulse, `unmeasuredSource` says whose they are. Needs at least two cycles.
    public init(name: String, samples: LoopbackSamples, unmeasured: TimingProfile?, unmeasuredSource: String) {
        precondition(samples.cycles >= 2, "a measured profile needs at least two cycles")
        let clockReadNanoseconds = Double(samples.clockReadSpanNanoseconds) / Double(max(samples.clockReads - 1, 1))
        clockRead = CostEstimate(costs: [clockReadNanoseconds])
        clockRead.sampleCount = samples.clockReads
        lineWrite = CostEstimate(spans: samples.writeSpans, clockReadNanoseconds: clockReadNanoseconds)
        // A cycle whose "empty" read found a stray edge has no empty-read sample; the cost of a read
        // is then the one-edge reads' less nothing: keep the estimate defined.
        edgeRead = CostEstimate(spans: samples.emptyReadSpans.isEmpty ? [0] : samples.emptyReadSpans,
                                clockReadNanoseconds: clockReadNanoseconds)
        let oneEdge = CostEstimate(spans: samples.oneEdgeReadSpans.isEmpty ? [0] : samples.oneEdgeReadSpans,
                                   clockReadNanoseconds: clockReadNanoseconds)
        edgeReadPerEvent = oneEdge.minus(edgeRead)
        lineRead = CostEstimate(spans: samples.lineReadSpans, clockReadNanoseconds: clockReadNanoseconds)
        wake = LatencyFit(samples: samples.wakeLatencies)
        let clockRead = Int64(clockReadNanoseconds.rounded())
        writeToStamp = LatencyFit(samples: samples.writeToStampSpans.map { $0 - clockRead })
        self.samples = samples
        self.unmeasuredSource = unmeasuredSource
        let writeLatency = TimeSpan.nanoseconds(min(lineWrite.nanoseconds, max(Int64(writeToStamp.floorNanoseconds.rounded()), 0)))
        profile = TimingProfile(
            name: name, lineWriteCost: .nanoseconds(lineWrite.nanoseconds), lineWriteLatency: writeLatency,
            edgeReadCost: .nanoseconds(edgeRead.nanoseconds), edgeReadCostPerEvent: .nanoseconds(edgeReadPerEvent.nanoseconds),
            lineReadCost: .nanoseconds(lineRead.nanoseconds), clockReadCost: .nanoseconds(self.clockRead.nanoseconds),
            wakeLatency: wake.distribution(), edgeStampLatency: writeToStamp.distribution(minus: writeLatency),
            edgeEventsPerLine: unmeasured?.edgeEventsPerLine ?? 16, shortestPulse: unmeasured?.shortestPulse ?? .zero)
    }

    /// The write latency the split assumes (the profile's `lineWriteLatency`).
    public var assumedWriteLatency: TimeSpan { profile.lineWriteLatency }
}
