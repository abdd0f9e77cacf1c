import Boards
import Composition
import Experiments
import Physics
import Testing

/// A shipped example experiment, shortened for a debug build, run by `SimulatedExperiment.run`
/// on the built-in simulated board with the physics station (the shipped station file, or that
/// file's parameters with some changed), and the closed forms for the same parameters.
struct PhysicsExperiment {
    /// The run: firmware report and certified figures.
    let run: ExperimentRun
    /// What the analysis should find, in closed form (Physics' `ExpectedFigures`).
    let expected: ExpectedFigures
    /// The trigger and gate the board really produced (nil: a board without a timing profile,
    /// which keeps the experiment's timing exactly).
    let realizedCycle: RealizedCycle?
    /// The experiment's coincidence window, in nanoseconds (for the dark-count bound); in gate
    /// mode half the realized gate (a dark count anywhere in the gate pairs with the other arm's click).
    let coincidenceWindowNanoseconds: Double
    /// How long each cycle's gate is really open, in nanoseconds (for the dark-count bound).
    let gateWidthNanoseconds: Double

    /// Runs the example `name` with `cyclesPerSetting` cycles per setting and `seed` (the
    /// example's own when nil) on the shipped station, after `edit` changed its parameters, on the
    /// built-in board `board` (the simulated station by default).
    init(_ name: String, cyclesPerSetting: Int, seed: UInt64? = nil, board: String = "simulated-station",
         edit: (inout StationParameters) -> Void = { _ in }) throws {
        let example = try #require(ExperimentExamples.named(name))
        var experiment = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
        experiment.cyclesPerSetting = cyclesPerSetting
        if let seed { experiment.seed = seed }
        var station = try StationDefinition.simulatedStation
        edit(&station.parameters)
        let boardDefinition = try #require(try BoardDefinition.builtIn(named: board))
        run = try SimulatedExperiment.run(experiment, board: boardDefinition, source: .physics(station),
                                          options: ExperimentRun.Options(boardName: boardDefinition.name))
        expected = try ExpectedFigures(station.parameters)
        // The gate the detectors really get: on a slow board the writes stretch it (RealizedCycle).
        realizedCycle = boardDefinition.timingProfile.map { RealizedCycle(experiment.timing, profile: $0) }
        let gate = Double((realizedCycle?.gateWidth ?? experiment.timing.gateWidth).nanoseconds)
        gateWidthNanoseconds = gate
        coincidenceWindowNanoseconds = experiment.timing.coincidenceMode == .window
            ? Double(experiment.timing.coincidenceWindow.nanoseconds) : gate / 2
        #expect(run.report.complete, "the run stopped early: \(run.report.stopReason?.description ?? "?")")
        #expect(run.report.clickEventsDropped == 0)
    }

    /// The bound on the fraction of coincidences a dark count is in
    /// (`ExpectedFigures.darkCoincidenceFraction`), for this experiment's window and gate.
    var darkCoincidenceFraction: Double {
        expected.darkCoincidenceFraction(coincidenceWindowNanoseconds: coincidenceWindowNanoseconds,
                                         gateWidthNanoseconds: gateWidthNanoseconds)
    }

    /// The figure `key`, which the run must have certified.
    func figure(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Figure {
        try #require(run.findings.figure(FigureKey(rawValue: key)), "no \(key) among \(run.findings.figures.map(\.key)); notes: \(run.findings.notes)",
                     sourceLocation: sourceLocation)
    }

    /// Expects the figure `key` within `sigmas` of its own reported standard error of `prediction`,
    /// and that the error is a real one (positive, and not larger than `largestError`, so that a
    /// huge error bar cannot make the comparison pass).
    @discardableResult
    func expect(_ key: String, agreesWith prediction: Double, within sigmas: Double = 4, largestError: Double,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> Figure {
        let figure = try figure(key, sourceLocation: sourceLocation)
        let pull = (figure.value - prediction) / figure.standardError
        #expect(figure.standardError > 0 && figure.standardError <= largestError,
                "\(key): standard error \(figure.standardError) outside (0, \(largestError)]", sourceLocation: sourceLocation)
        #expect(abs(pull) <= sigmas,
                "\(key) = \(figure.value) ± \(figure.standardError), predicted \(prediction): \(pull) σ",
                sourceLocation: sourceLocation)
        return figure
    }
}
