import ConfigFile
public import Experiments
public import Firmware

/// The experiments a service offers and how it checks one: the built-in examples, uploaded files
/// read and checked exactly as `qdot check` reads and checks them, and alignment schedules.
public enum ExperimentCatalog {
    /// The built-in experiments as the API lists them.
    public static func builtIns() -> [APIv1.ExperimentSummary] {
        ExperimentExamples.all.compactMap { example in
            (try? ExperimentDefinition.parse(text: example.text, fileName: "(built in) \(example.fileName)")).flatMap(summary)
        }
    }

    /// The API's summary of `experiment`, nil when its schedule cannot be built.
    public static func summary(_ experiment: ExperimentDefinition) -> APIv1.ExperimentSummary? {
        guard let schedule = try? experiment.schedule() else { return nil }
        return APIv1.ExperimentSummary(name: experiment.name, kind: experiment.kind.name, description: experiment.description,
                                       settings: schedule.steps.map(\.label), plannedCycles: schedule.totalCycles,
                                       triggerPeriodNanoseconds: experiment.timing.triggerPeriod.nanoseconds)
    }

    /// The experiment `source` names, with its text, checked against `problems` (the board's
    /// preflight); every mistake as a `CheckError` otherwise.
    public static func load(_ source: ExperimentSource, problems: (ExperimentDefinition) -> [String])
        -> Result<(experiment: ExperimentDefinition, text: String), ServiceRefusal> {
        let text: String, fileName: String
        switch source {
        case let .builtIn(name):
            guard let example = ExperimentExamples.named(name) else {
                let names = ExperimentExamples.all.map(\.name).joined(separator: ", ")
                return .failure(.invalid([checkError(file: "request", message: "expected a built-in experiment (\(names)), found \"\(name)\"")]))
            }
            text = example.text
            fileName = "(built in) \(example.fileName)"
        case let .text(uploaded, name):
            text = uploaded
            fileName = name
        }
        let experiment: ExperimentDefinition
        do {
            experiment = try ExperimentDefinition.parse(text: text, fileName: fileName)
        } catch {
            return .failure(.invalid(error.errors.map(checkError)))
        }
        let found = problems(experiment)
        guard found.isEmpty else { return .failure(.invalid(found.map { checkError(file: fileName, message: $0) })) }
        return .success((experiment, text))
    }

    /// A mistake in a file, as the API gives it.
    static func checkError(_ error: ConfigError) -> APIv1.CheckError {
        APIv1.CheckError(file: error.fileName, line: error.line, field: error.field, message: error.message, text: error.description)
    }

    /// A problem with no line (the board's fit, a name).
    static func checkError(file: String, message: String) -> APIv1.CheckError {
        APIv1.CheckError(file: file, line: nil, field: nil, message: message, text: "\(file): \(message)")
    }

    /// Board time per setting before alignment over every setting moves on: short enough that a
    /// 1 s window holds every setting of a Bell test.
    public static let alignmentDwellSeconds = 0.1

    /// The schedule of an alignment run: `setting` of `experiment` (or every setting in turn for
    /// `all`), each held for `alignmentDwellSeconds`, round and round until stopped.
    public static func alignmentSchedule(_ experiment: ExperimentDefinition, setting: String) -> Result<CycleSchedule, ServiceRefusal> {
        let schedule: CycleSchedule
        do { schedule = try experiment.schedule() } catch {
            return .failure(.invalid([checkError(file: experiment.fileName, message: "\(error)")]))
        }
        let steps = setting == "all" ? schedule.steps : schedule.steps.filter { $0.label == setting }
        guard !steps.isEmpty else {
            let labels = schedule.steps.map { "\"\($0.label)\"" }.joined(separator: ", ")
            return .failure(.invalid([checkError(file: experiment.fileName,
                                                 message: "expected a setting of \(experiment.name) (\(labels)) or \"all\", found \"\(setting)\"")]))
        }
        // Clamped before converting (the trigger period is checked at 1 ns … 1 s when read).
        let cycles = (alignmentDwellSeconds / experiment.timing.triggerPeriod.seconds).rounded()
        let dwell = cycles.isFinite ? Int(min(1e12, max(1, cycles))) : 1
        var aligned = schedule
        aligned.steps = steps.map { step in
            var step = step
            step.cycles = dwell
            return step
        }
        aligned.repeatsUntilStopped = true
        return .success(aligned)
    }
}
