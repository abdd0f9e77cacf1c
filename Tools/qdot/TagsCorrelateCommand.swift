import Analysis
import ArgumentParser
import Foundation
import Records
import Vocabulary

/// `qdot tags correlate FILE.ptu`: the A–B correlations of a tagger's clicks, to check the wiring
/// and find the detectors' delays before certifying with `qdot analyze --tags`.
struct TagsCorrelateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correlate",
        abstract: "Correlate a tagger's A and B clicks: where each pair's peak lies, its centre-to-side ratio, and the delays that align them.",
        discussion: """
            For each detector pair (A+B+, A+B−, A−B+, A−B−): the histogram of t_B − t_A over \
            ±--range-ns, the delay of its fullest bin and how far that bin stands out of the flat \
            background (a wired pair stands out by orders of magnitude), the pairs within \
            ±--window-ns at that delay and, one to three trigger periods away (measured between \
            the syncs), the side peaks' pairs: their ratio is the pulsed cross-correlation \
            g⁽²⁾_AB(0), about (1 + E)/p_exc for a dot excited with probability p_exc. Then the \
            delays (--tag-delays-ps for qdot analyze) that put every peak at zero, with the fit's residual.
            """)

    @Argument(help: "The PTU file.")
    var file: String

    @Option(help: ArgumentHelp("The tagger inputs of A+, A−, B+, B−, comma-separated.", valueName: "a+,a-,b+,b-"))
    var tagInputs: String = "1,2,3,4"

    @Option(parsing: .unconditional, help: "Histogram range: ± this many nanoseconds.")
    var rangeNs: Int = 20

    @Option(parsing: .unconditional, help: "Histogram bin width, in picoseconds.")
    var binPs: Int = 100

    @Option(parsing: .unconditional, help: "Centre and side windows: ± this many nanoseconds.")
    var windowNs: Int = 5

    func validate() throws {
        _ = try TaggingOptions.channelMap(inputs: tagInputs)
        try OptionBounds.check("--range-ns", rangeNs, in: 1...1_000_000, unit: "ns")
        try OptionBounds.check("--bin-ps", binPs, in: 1...1_000_000_000, unit: "ps")
        try OptionBounds.check("--window-ns", windowNs, in: 0...1_000_000, unit: "ns")
        guard Int64(rangeNs) * 2_000 / Int64(binPs) <= 10_000_000 else {
            throw ValidationError("--bin-ps must be positive and give at most 10⁷ bins over the range, got \(binPs)")
        }
    }

    func run() throws {
        let map = try TaggingOptions.channelMap(inputs: tagInputs)
        let events: [PTUEvent]
        do {
            events = try PTUReader(path: file).readAll()
        } catch {
            printError("qdot tags correlate: \(error)")
            throw QdotExit.unreadableRecord.code
        }
        let correlations: TagCorrelations
        do {
            correlations = try TagCorrelations(events: events, map: map, binPicoseconds: Int64(binPs),
                                               rangePicoseconds: Int64(rangeNs) * 1_000, windowPicoseconds: Int64(windowNs) * 1_000)
        } catch {
            printError("qdot tags correlate: \(file): \(error)")
            throw QdotExit.unreadableRecord.code
        }
        print(Self.text(file: file, correlations, windowNs: windowNs))
    }

    static func text(file: String, _ correlations: TagCorrelations, windowNs: Int) -> String {
        let singles = correlations.singles
        var lines = ["qdot tags correlate — \(file)",
                     "  singles       A+ \(singles[.aPlus])  A- \(singles[.aMinus])  B+ \(singles[.bPlus])  B- \(singles[.bMinus])",
                     "  sync period   " + (correlations.syncPeriodPicoseconds.map { String(format: "%.3f µs", Double($0) * 1e-6) }
                                           ?? "— (fewer than two syncs: no side peaks)"),
                     "  pair  peak delay   peak bin  background/bin  centre ±\(windowNs) ns  side (mean ±1…±3 T)  centre/side"]
        for pair in correlations.pairs {
            let peakBin = pair.histogram.counts.max() ?? 0
            let ratio = pair.centreToSide.isFinite ? String(format: "%.1f", pair.centreToSide) : "—"
            lines.append("  " + [pair.a.label + pair.b.label,
                                 String(format: "%+.3f ns", Double(pair.peakDelayPicoseconds) * 1e-3).padding(toLength: 11, withPad: " ", startingAt: 0),
                                 "\(peakBin)".padding(toLength: 8, withPad: " ", startingAt: 0),
                                 String(format: "%.2f", pair.backgroundPerBin).padding(toLength: 14, withPad: " ", startingAt: 0),
                                 "\(pair.centrePairs)".padding(toLength: 15, withPad: " ", startingAt: 0),
                                 String(format: "%.1f", pair.sidePairs).padding(toLength: 19, withPad: " ", startingAt: 0),
                                 ratio].joined(separator: "  "))
        }
        let delays = correlations.suggestedDelaysPicoseconds.values.map(String.init).joined(separator: ",")
        lines.append("  delays        --tag-delays-ps \(delays)  (A+, A−, B+, B−; puts every peak at 0; fit residual "
                     + String(format: "%.0f ps", correlations.fitResidualPicoseconds) + ")")
        if correlations.pairs.allSatisfy({ $0.centrePairs == 0 }) {
            lines.append("  warning       no pairs in any centre window: are both arms' detectors on the inputs --tag-inputs names?")
        }
        return lines.joined(separator: "\n")
    }
}
