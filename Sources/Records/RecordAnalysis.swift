public import Experiments
public import HAL
import Firmware

/// The figures of a recorded run, computed from its record alone exactly as the live run computed
/// its own: the same clicks, in the same order, into the same `ExperimentAccumulator`.
public enum RecordAnalysis {
    /// The findings of `record`; a coincidence window other than the recorded one may be given.
    public static func findings(_ record: RunRecord, coincidenceWindow: TimeSpan? = nil) -> ExperimentFindings {
        let (experiment, accumulator) = accumulate(record, coincidenceWindow: coincidenceWindow)
        return ExperimentAnalysis.findings(experiment: experiment, schedule: record.header.schedule, accumulator: accumulator,
                                           boardSeconds: Double(record.boardNanoseconds) * 1e-9)
    }

    /// The findings of `salvaged`, with `SalvageInfo` saying what each figure is. A record with its
    /// end record gives exactly `findings(_:coincidenceWindow:)`'s findings (nothing salvaged, no
    /// `salvage`). See `SalvageAnalysis` for what is computed, given per cycle or left out.
    public static func findings(_ salvaged: SalvagedRunRecord, coincidenceWindow: TimeSpan? = nil) -> ExperimentFindings {
        let record = salvaged.record
        guard !salvaged.hasEndRecord else { return findings(record, coincidenceWindow: coincidenceWindow) }
        let (experiment, accumulator) = accumulate(record, coincidenceWindow: coincidenceWindow)
        return salvageFindings(experiment: experiment, accumulator: accumulator, schedule: record.header.schedule,
                               cut: SalvageCut(salvaged))
    }

    /// Where and how a salvage stopped, as `SalvageInfo` reports it.
    struct SalvageCut {
        var stop: RunRecordError?
        var intactBytes: Int
        var fileBytes: Int
        var intactClicks: Int
        var cyclesSeen: Int64
        var cyclesAnalysed: Int64
        var clicksAnalysed: Int
        var clicksLeftOut: Int

        init(stop: RunRecordError?, intactBytes: Int, fileBytes: Int, intactClicks: Int, cyclesSeen: Int64,
             cyclesAnalysed: Int64, clicksAnalysed: Int, clicksLeftOut: Int) {
            self.stop = stop
            self.intactBytes = intactBytes
            self.fileBytes = fileBytes
            self.intactClicks = intactClicks
            self.cyclesSeen = cyclesSeen
            self.cyclesAnalysed = cyclesAnalysed
            self.clicksAnalysed = clicksAnalysed
            self.clicksLeftOut = clicksLeftOut
        }

        init(_ salvaged: SalvagedRunRecord) {
            self.init(stop: salvaged.stop, intactBytes: salvaged.intactBytes, fileBytes: salvaged.fileBytes,
                      intactClicks: salvaged.intactClicks, cyclesSeen: salvaged.cyclesSeen,
                      cyclesAnalysed: salvaged.cyclesAnalysed, clicksAnalysed: salvaged.record.clicks.count,
                      clicksLeftOut: salvaged.clicksLeftOut)
        }
    }

    /// The findings of the complete cycles of a record without its end record: `accumulator` holds
    /// their clicks, its trigger cycles already set from the schedule.
    static func salvageFindings(experiment: ExperimentDefinition, accumulator: ExperimentAccumulator, schedule: CycleSchedule,
                                cut: SalvageCut) -> ExperimentFindings {
        let context = SalvageContext(schedule: schedule, cyclesPerSetting: accumulator.settings.map(\.triggerCycles),
                                     cyclesAnalysed: cut.cyclesAnalysed)
        var (findings, treatments) = SalvageAnalysis.findings(experiment: experiment, accumulator: accumulator,
                                                              salvage: context)
        findings.notes.append("click events the analysis ring dropped, if any, are counted only in a finished run's result; a salvaged record cannot say")
        findings.salvage = SalvageInfo(
            stoppedAtByteOffset: cut.stop?.offset ?? cut.intactBytes,
            stopReason: cut.stop?.message
                ?? "the file ends after its last whole record, with no end record: the run did not finish writing (a crash?)",
            fileBytes: cut.fileBytes, intactClicks: cut.intactClicks, cyclesRunAtLeast: cut.cyclesSeen,
            cyclesAnalysed: cut.cyclesAnalysed, clicksAnalysed: cut.clicksAnalysed, clicksLeftOut: cut.clicksLeftOut,
            boardSecondsAtLeast: Double(cut.cyclesAnalysed) * experiment.timing.triggerPeriod.seconds,
            figures: treatments)
        return findings
    }

    /// The recorded experiment with `coincidenceWindow` instead of its own, if given.
    static func experiment(_ header: RunRecordHeader, coincidenceWindow: TimeSpan?) -> ExperimentDefinition {
        var experiment = header.experiment
        if let coincidenceWindow { experiment.timing.coincidenceWindow = coincidenceWindow }
        return experiment
    }

    /// The recorded experiment (with `coincidenceWindow` instead of its own, if given) and its
    /// counts: every click of `record` taken in order, the last cycle closed and each setting's
    /// cycles set, as the live pipeline does.
    static func accumulate(_ record: RunRecord, coincidenceWindow: TimeSpan?)
        -> (experiment: ExperimentDefinition, accumulator: ExperimentAccumulator) {
        let experiment = experiment(record.header, coincidenceWindow: coincidenceWindow)
        var accumulator = ExperimentAccumulator(definition: experiment, settingCount: record.header.schedule.steps.count)
        for click in record.clicks { accumulator.add(click) }
        accumulator.finish()
        accumulator.setTriggerCycles(record.cyclesPerSetting)
        return (experiment, accumulator)
    }
}
