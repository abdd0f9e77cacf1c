import Foundation
import HAL
import TimingMeasurement

/// What `qdot profile` prints: each figure measured beside the board's own profile (the estimates
/// it named, or the profile a simulated board pays), and where the file went.
enum ProfileSummary {
    static func text(_ measured: MeasuredTimingProfile, provenance: LoopbackProvenance, board: TimingProfile?,
                     file: String) -> String {
        let profile = measured.profile
        let samples = measured.samples
        var lines = [
            "qdot profile --loopback — board \(provenance.boardName): trigger \(provenance.triggerLine) → loopback \(provenance.loopbackLine)",
            "  \(provenance.system); \(provenance.gpioLibrary); \(provenance.realtime)",
            "  \(samples.cycles) cycles: \(samples.writeToStampSpans.count) edges, \(samples.wakeLatencies.count) wake-ups, "
                + "\(samples.overruns) deadlines skipped, \(samples.extraEdges) extra edges",
            "  " + "figure".padded(26) + "measured".padded(44) + "board's profile" + (board.map { " (\($0.name))" } ?? ""),
        ]
        func row(_ figure: String, _ measuredText: String, _ boardText: String?) {
            lines.append("  " + figure.padded(26) + measuredText.padded(44) + (boardText ?? "-"))
        }
        func cost(_ span: TimeSpan, _ estimate: CostEstimate) -> String {
            "\(span.nanoseconds) ns (± \(format(estimate.standardErrorNanoseconds)))"
        }
        row("line write cost", cost(profile.lineWriteCost, measured.lineWrite), board.map { ns($0.lineWriteCost) })
        row("write + stamp latency", latency(measured.writeToStamp.distribution()),
            board.map { latency(shifted($0.edgeStampLatency, by: $0.lineWriteLatency)) })
        row("  write latency (assumed)", ns(profile.lineWriteLatency), board.map { ns($0.lineWriteLatency) })
        row("  edge stamp latency", latency(profile.edgeStampLatency), board.map { latency($0.edgeStampLatency) })
        row("edge read cost", cost(profile.edgeReadCost, measured.edgeRead), board.map { ns($0.edgeReadCost) })
        row("  per edge", cost(profile.edgeReadCostPerEvent, measured.edgeReadPerEvent), board.map { ns($0.edgeReadCostPerEvent) })
        row("line read cost", cost(profile.lineReadCost, measured.lineRead), board.map { ns($0.lineReadCost) })
        row("clock read cost", ns(profile.clockReadCost), board.map { ns($0.clockReadCost) })
        row("wake latency", latency(profile.wakeLatency), board.map { latency($0.wakeLatency) })
        lines.append("  profile       \(file)")
        lines.append("  use it        qdot sim --profile \(file)   (or timing-profile = \"\(file)\" in a board file)")
        return lines.joined(separator: "\n")
    }

    private static func ns(_ span: TimeSpan) -> String { "\(span.nanoseconds) ns" }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    /// "2900 + exp(1003), max 10903 ns".
    private static func latency(_ distribution: LatencyDistribution) -> String {
        distribution.isFixed ? ns(distribution.minimum)
            : "\(distribution.minimum.nanoseconds) + exp(\(distribution.tailMean.nanoseconds)), max \(distribution.maximum.nanoseconds) ns"
    }

    private static func shifted(_ distribution: LatencyDistribution, by span: TimeSpan) -> LatencyDistribution {
        LatencyDistribution(minimum: distribution.minimum + span, tailMean: distribution.tailMean, maximum: distribution.maximum + span)
    }
}
