public import Experiments
public import HAL

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
        let context = SalvageContext(schedule: record.header.schedule, cyclesPerSetting: record.cyclesPerSetting,
                                     cyclesAnalysed: salvaged.cyclesAnalysed)
        var (findings, treatments) = SalvageAnalysis.findings(experiment: experiment, accumulator: accumulator,
                                                              salvage: context)
        findings.notes.append("click events the analysis ring dropped, if any, are counted only in a finished run's result; a salvaged record cannot say")
        findings.salvage = SalvageInfo(
            stoppedAtByteOffset: salvaged.stop?.offset ?? salvaged.intactBytes,
            stopReason: salvaged.stop?.message
                ?? "the file ends after its last whole record, with no end record: the run did not finish writing (a crash?)",
            fileBytes: salvaged.fileBytes, intactClicks: salvaged.intactClicks, cyclesRunAtLeast: salvaged.cyclesSeen,
            cyclesAnalysed: salvaged.cyclesAnalysed, clicksAnalysed: record.clicks.count, clicksLeftOut: salvaged.clicksLeftOut,
            boardSecondsAtLeast: Double(salvaged.cyclesAnalysed) * experiment.timing.triggerPeriod.seconds,
            figures: treatments)
        return findings
    }

    /// The recorded experiment (with `coincidenceWindow` instead of its own, if given) and its
    /// counts: every click of `record` taken in order, the last cycle closed and each setting's
    /// cycles set, as the live pipeline does.
    static func accumulate(_ record: RunRecord, coincidenceWindow: TimeSpan?)
        -> (experiment: ExperimentDefinition, accumulator: ExperimentAccumulator) {
        var experiment = record.header.experiment
        if let coincidenceWindow { experiment.timing.coincidenceWindow = coincidenceWindow }
        var accumulator = ExperimentAccumulator(definition: experiment, settingCount: record.header.schedule.steps.count)
        for click in record.clicks { accumulator.add(click) }
        accumulator.finish()
        accumulator.setTriggerCycles(record.cyclesPerSetting)
        return (experiment, accumulator)
    }
}
