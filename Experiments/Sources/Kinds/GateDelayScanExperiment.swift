public import ConfigFile
public import Firmware
public import HAL
import Vocabulary

/// Steps the gate delay to find where the photons arrive after the trigger. Section `[scan]`
/// (required): `start-ns`, `stop-ns`, `step-ns`.
public struct GateDelayScanExperiment: ExperimentKind {
    public static let name = "gate-delay-scan"

    /// The gate delays stepped through.
    public var scan: GateDelayScan

    /// The kind scanning `scan`.
    public init(scan: GateDelayScan) { self.scan = scan }

    public static func read(from reader: inout ConfigReader) -> GateDelayScanExperiment {
        // Stands in when the section is missing or wrong; the reader then refuses the file.
        var experiment = GateDelayScanExperiment(scan: GateDelayScan(start: .zero, stop: .zero, step: .nanoseconds(1)))
        guard let section = reader.requiredSection("scan") else { return experiment }
        let longest = RunLimits.longestCycleTimeNanoseconds
        let nanoseconds = ConfigType<Int>.integer("a gate delay in nanoseconds", in: -longest...longest, unit: "ns")
        let start = reader.required("start-ns", in: section, as: nanoseconds)
        let stop = reader.required("stop-ns", in: section, as: nanoseconds)
        let step = reader.required("step-ns", in: section, as: .integer("a time in nanoseconds", in: 1...2 * longest, unit: "ns"))
        guard let start, let stop, let step else { return experiment }
        if stop < start {
            reader.report("expected stop-ns ≥ start-ns = \(start), found \(stop)",
                          field: "scan.stop-ns", line: section.entry("stop-ns")?.line)
        } else if (stop - start) / step + 1 > GateDelayScan.maximumSteps {
            reader.report("expected at most \(GateDelayScan.maximumSteps) steps, found \((stop - start) / step + 1) steps from \(start) to \(stop) ns by \(step) ns",
                          field: "scan.step-ns", line: section.entry("step-ns")?.line)
        } else {
            experiment.scan = GateDelayScan(start: .nanoseconds(Int64(start)), stop: .nanoseconds(Int64(stop)),
                                            step: .nanoseconds(Int64(step)))
        }
        return experiment
    }

    public init(parameters: ExperimentParameters) throws(ExperimentError) {
        self.init(scan: try ExperimentParameters.required(parameters.scan, "scan", of: Self.name))
    }

    public var parameters: ExperimentParameters { ExperimentParameters(scan: scan) }

    /// One setting per gate delay, both arms in H/V: "delay 300 ns".
    public var plannedSettings: [PlannedSetting] {
        scan.delays.map { PlannedSetting(label: "delay \($0.nanoseconds) ns", basisA: .horizontalVertical,
                                         basisB: .horizontalVertical, gateDelay: $0) }
    }

    /// The timing at the first and last delay and at the one farthest from zero.
    public func timingsToCheck(_ base: CycleTiming) -> [(place: (field: String, context: String)?, timing: CycleTiming)] {
        guard let widest = scan.delays.max(by: { abs($0.nanoseconds) < abs($1.nanoseconds) }) else { return [(nil, base)] }
        return Set([scan.start, scan.stop, widest]).sorted().map { delay in
            var timing = base
            timing.gateDelay = delay
            return (("scan", "at scan gate delay \(delay.nanoseconds) ns"), timing)
        }
    }

    /// Photon arrival from the scan: with gate width w, a photon at t is counted at every delay d
    /// with d ≤ t < d + w, so the background-subtracted centroid of the delays is t − w/2 + (step
    /// quantization); arrival = centroid + w/2. Background: the median singles of the steps.
    public func analyze(_ data: ExperimentData, into findings: inout ExperimentFindings) {
        let settings = plannedSettings
        var singles: [Int] = []
        for setting in settings {
            do { singles.append(try data.counts(of: setting).totalSingles) } catch {
                findings.notes.append("gate-delay scan: \(error)")
                return
            }
        }
        let delays = scan.delays
        findings.scanDelaysNanoseconds = delays.map(\.nanoseconds)
        findings.scanSingles = singles
        guard !singles.isEmpty else {
            findings.notes.append("gate-delay scan: no steps ran")
            return
        }
        let background = Double(singles.sorted()[singles.count / 2])
        var weight = 0.0, moment = 0.0
        for (delay, count) in zip(delays, singles) {
            let excess = max(0, Double(count) - background)
            weight += excess
            moment += excess * Double(delay.nanoseconds)
        }
        guard weight > 0 else {
            findings.notes.append("gate-delay scan: no step rose above the background of \(Int(background)) clicks; no photons found")
            return
        }
        let step = Double(scan.step.nanoseconds)
        let arrival = moment / weight + Double(data.experiment.timing.gateWidth.nanoseconds) / 2
        findings.figures.append(Figure(
            key: .photonArrivalDelay, name: "photon arrival after the trigger's rising edge", value: arrival,
            standardError: step / 12.0.squareRoot(), unit: "ns",
            method: "background-subtracted centroid of the gate delays plus half the gate width; error: scan step/√12 (quantization)"))
        if let best = zip(delays, singles).max(by: { $0.1 < $1.1 }) {
            findings.figures.append(Figure(key: .bestGateDelay, name: "gate delay with the most clicks",
                                           value: Double(best.0.nanoseconds), standardError: step / 2, unit: "ns",
                                           method: "step of the scan with the most singles; error: half a step"))
        }
    }

    /// The arrival compares every step's singles over its full cycles: left out unless every step ran.
    public func removeFiguresNeedingTheWholeRun(from findings: inout ExperimentFindings,
                                                salvage: SalvageContext) -> [SalvageInfo.FigureTreatment] {
        guard salvage.cyclesAnalysed < Int64(salvage.schedule.totalCycles) else { return [] }
        let whole = zip(salvage.cyclesPerSetting, salvage.schedule.steps).filter { $0.0 == $0.1.cycles }.count
        let keys: [FigureKey] = [.photonArrivalDelay, .bestGateDelay]
        findings.figures.removeAll { keys.contains($0.key) }
        return keys.map {
            .init(figure: $0, treatment: .leftOut,
                  reason: "the scan compares every step's singles over its full cycles; only \(whole) of \(salvage.schedule.steps.count) steps ran completely before the cut")
        }
    }
}

/// The gate delays a scan steps through: `start`, `start + step`, … up to and including `stop`.
public struct GateDelayScan: Sendable, Hashable {
    /// The most steps a scan may have.
    public static let maximumSteps = 10_000

    /// The first gate delay.
    public var start: TimeSpan
    /// The last gate delay (included when the steps land on it).
    public var stop: TimeSpan
    /// The increment.
    public var step: TimeSpan

    /// A scan.
    public init(start: TimeSpan, stop: TimeSpan, step: TimeSpan) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    /// Every gate delay of the scan, in order.
    public var delays: [TimeSpan] {
        guard step > .zero, stop >= start else { return [] }
        return stride(from: start.nanoseconds, through: stop.nanoseconds, by: Int(step.nanoseconds)).map(TimeSpan.init)
    }
}

extension FigureKey {
    /// Gate-delay scan: when the photons arrive after the trigger's rising edge.
    public static let photonArrivalDelay: FigureKey = "photon-arrival-delay"
    /// Gate-delay scan: the step with the most singles.
    public static let bestGateDelay: FigureKey = "best-gate-delay"
}
