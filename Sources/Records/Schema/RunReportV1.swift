public import Firmware
import HAL
public import Vocabulary

/// The firmware's report of a run as results store it (format v1).
public struct RunReportV1: Codable, Sendable, Hashable {
    /// One setting's tally: `{"codes", "coincidences", "cycles", "doubleClickCycles", "label", "singles"}`,
    /// singles in the order A+, A−, B+, B− and coincidences A+B+, A+B−, A−B+, A−B−.
    public struct SettingTallyV1: Codable, Sendable, Hashable {
        public var label: String
        public var codes: BasisCodesV1
        public var cycles: Int
        public var singles: [Int]
        public var coincidences: [Int]
        public var doubleClickCycles: Int
        /// Version 2, gate mode: the pairs with side cycles, per pair (absent when all zero).
        public var sideCoincidences: [Int]?

        enum CodingKeys: String, CodingKey {
            case label, codes, cycles, singles, coincidences, doubleClickCycles, sideCoincidences
        }

        /// The stored form of `tally`.
        public init(_ tally: SettingTally) {
            label = tally.label
            codes = BasisCodesV1(tally.codes)
            cycles = tally.counts.triggerCycles
            singles = tally.counts.singles.values
            coincidences = tally.counts.coincidences.values
            doubleClickCycles = tally.counts.doubleClickCycles
            sideCoincidences = tally.counts.sideCoincidences == .zero ? nil : tally.counts.sideCoincidences.values
        }

        /// The tally stored.
        public func tally(field: String) throws(SchemaError) -> SettingTally {
            guard let singles = PerChannel(singles) else {
                throw SchemaError(field: "\(field).singles", problem: "\(singles.count) values; expected 4 (A+, A−, B+, B−)")
            }
            guard let coincidences = PerPair(coincidences) else {
                throw SchemaError(field: "\(field).coincidences",
                                  problem: "\(coincidences.count) values; expected 4 (A+B+, A+B−, A−B+, A−B−)")
            }
            var side = PerPair<Int>.zero
            if let sideCoincidences {
                guard let stored = PerPair(sideCoincidences) else {
                    throw SchemaError(field: "\(field).sideCoincidences", problem: "\(sideCoincidences.count) values; expected 4")
                }
                side = stored
            }
            return SettingTally(label: label, codes: codes.codes,
                                counts: SettingCounts(triggerCycles: cycles, singles: singles, coincidences: coincidences,
                                                      doubleClickCycles: doubleClickCycles, sideCoincidences: side))
        }
    }

    /// The wake-up lateness and overruns of a run, nanoseconds.
    public struct TimingBudgetV1: Codable, Sendable, Hashable {
        public var samples: Int
        public var latenessMinimumNanoseconds: Int64
        public var latenessMeanNanoseconds: Double
        public var latenessP50Nanoseconds: Int64
        public var latenessP99Nanoseconds: Int64
        public var latenessP999Nanoseconds: Int64
        public var latenessMaximumNanoseconds: Int64
        public var overruns: Int
        public var missedSlots: Int
        public var earlyWakeups: Int
        public var actionLatenessMaximumNanoseconds: Int64

        enum CodingKeys: String, CodingKey {
            case samples, latenessMinimumNanoseconds, latenessMeanNanoseconds, latenessP50Nanoseconds,
                 latenessP99Nanoseconds, latenessP999Nanoseconds, latenessMaximumNanoseconds, overruns, missedSlots,
                 earlyWakeups, actionLatenessMaximumNanoseconds
        }

        /// The stored form of `budget`.
        public init(_ budget: TimingBudget) {
            samples = budget.samples
            latenessMinimumNanoseconds = budget.latenessMinimumNanoseconds
            latenessMeanNanoseconds = budget.latenessMeanNanoseconds
            latenessP50Nanoseconds = budget.latenessP50Nanoseconds
            latenessP99Nanoseconds = budget.latenessP99Nanoseconds
            latenessP999Nanoseconds = budget.latenessP999Nanoseconds
            latenessMaximumNanoseconds = budget.latenessMaximumNanoseconds
            overruns = budget.overruns
            missedSlots = budget.missedSlots
            earlyWakeups = budget.earlyWakeups
            actionLatenessMaximumNanoseconds = budget.actionLatenessMaximumNanoseconds
        }

        /// The budget stored.
        public var budget: TimingBudget {
            TimingBudget(samples: samples, latenessMinimumNanoseconds: latenessMinimumNanoseconds,
                         latenessMeanNanoseconds: latenessMeanNanoseconds, latenessP50Nanoseconds: latenessP50Nanoseconds,
                         latenessP99Nanoseconds: latenessP99Nanoseconds, latenessP999Nanoseconds: latenessP999Nanoseconds,
                         latenessMaximumNanoseconds: latenessMaximumNanoseconds, overruns: overruns, missedSlots: missedSlots,
                         earlyWakeups: earlyWakeups, actionLatenessMaximumNanoseconds: actionLatenessMaximumNanoseconds)
        }
    }

    public var finalState: String
    public var complete: Bool
    public var stopReason: String?
    public var timing: TimingV1
    public var cyclesPlanned: Int
    public var cyclesRun: Int
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64
    public var settings: [SettingTallyV1]
    public var timingBudget: TimingBudgetV1
    public var lostEdges: Int
    public var clicksOutsideCycle: Int
    public var clickEventsDropped: Int

    enum CodingKeys: String, CodingKey {
        case finalState, complete, stopReason, timing, cyclesPlanned, cyclesRun, startNanoseconds, endNanoseconds,
             settings, timingBudget, lostEdges, clicksOutsideCycle, clickEventsDropped
    }

    /// The stored form of `report`.
    public init(_ report: RunReport) {
        finalState = report.finalState.description
        complete = report.complete
        stopReason = report.stopReason?.description
        timing = TimingV1(report.timing)
        cyclesPlanned = report.cyclesPlanned
        cyclesRun = report.cyclesRun
        startNanoseconds = report.startNanoseconds
        endNanoseconds = report.endNanoseconds
        settings = report.settings.map(SettingTallyV1.init)
        timingBudget = TimingBudgetV1(report.timingBudget)
        lostEdges = report.lostEdges
        clicksOutsideCycle = report.clicksOutsideCycle
        clickEventsDropped = report.clickEventsDropped
    }

    /// The report stored.
    public func report() throws(SchemaError) -> RunReport {
        var tallies: [SettingTally] = []
        for (index, setting) in settings.enumerated() { tallies.append(try setting.tally(field: "report.settings[\(index)]")) }
        return RunReport(
            finalState: try Self.state(finalState), complete: complete, stopReason: try stopReason.map(Self.reason),
            timing: try timing.timing(), cyclesPlanned: cyclesPlanned, cyclesRun: cyclesRun, startNanoseconds: startNanoseconds,
            endNanoseconds: endNanoseconds, settings: tallies, timingBudget: timingBudget.budget, lostEdges: lostEdges,
            clicksOutsideCycle: clicksOutsideCycle, clickEventsDropped: clickEventsDropped)
    }

    /// The controller state written as `ControllerState.description` ("idle", "safe (interlock opened)").
    static func state(_ text: String) throws(SchemaError) -> ControllerState {
        switch text {
        case "idle": return .idle
        case "armed": return .armed
        case "running": return .running
        default:
            for (prefix, make) in [("safe (", ControllerState.safe), ("fault (", ControllerState.fault)]
            where text.hasPrefix(prefix) && text.hasSuffix(")") {
                return make(String(text.dropFirst(prefix.count).dropLast()))
            }
            throw SchemaError(field: "report.finalState",
                              problem: "\"\(text)\"; expected idle, armed, running, safe (REASON) or fault (REASON)")
        }
    }

    /// The stop reason written as `StopReason.description`.
    static func reason(_ text: String) throws(SchemaError) -> StopReason {
        switch text {
        case StopReason.interlockOpened.description: return .interlockOpened
        case StopReason.stopRequested.description: return .stopRequested
        default:
            let prefix = "hardware fault: "
            guard text.hasPrefix(prefix) else {
                throw SchemaError(field: "report.stopReason",
                                  problem: "\"\(text)\"; expected interlock opened, stop requested or hardware fault: ERROR")
            }
            return .hardwareFault(String(text.dropFirst(prefix.count)))
        }
    }
}
