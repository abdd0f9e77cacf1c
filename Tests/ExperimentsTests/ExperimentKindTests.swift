import ConfigFile
import Experiments
import Firmware
import HAL
import Testing
import Vocabulary

/// Each experiment kind as one type: its settings by name, the schedule built from them, its own
/// file section and its stored parameters.
@Suite struct ExperimentKindTests {
    static let examples = ["bell-chsh", "tomography-16", "tomography-36", "bbm92", "g2", "gate-delay-scan"]

    @Test func everyKindIsRegisteredOnceUnderItsName() {
        #expect(ExperimentKinds.names == Self.examples)
        #expect(Set(ExperimentKinds.names).count == ExperimentKinds.all.count)
        #expect(ExperimentKinds.named("bbm92") == BBM92Experiment.self)
        #expect(ExperimentKinds.named("bell") == nil)
    }

    /// The analysis finds a setting's counts by its label, so labels must be unique.
    @Test(arguments: examples)
    func settingLabelsAreUniqueAndEachBecomesOneStep(_ name: String) throws {
        let experiment = try ExampleFixture.example(name, cyclesPerSetting: 5)
        let labels = experiment.plannedSettings.map(\.label)
        #expect(Set(labels).count == labels.count)
        let schedule = try experiment.schedule()
        #expect(schedule.steps.map(\.label) == labels)
        #expect(schedule.steps.allSatisfy { $0.cycles == 5 })
    }

    /// Stored parameters give the same kind back.
    @Test(arguments: examples)
    func parametersRoundTrip(_ name: String) throws {
        let kind = try ExampleFixture.example(name, cyclesPerSetting: 1).kind
        let again = try type(of: kind).init(parameters: kind.parameters)
        #expect(again.isEqual(to: kind))
    }

    /// The standard table: 0 HV, 1 DA, 2 RL, 3 linear 22.5°, 4 linear 67.5° on both arms.
    @Test func bellSettingsPutTheirAnglesCodesOnTheLines() throws {
        let schedule = try ExampleFixture.example("bell-chsh", cyclesPerSetting: 1).schedule()
        #expect(schedule.steps.map(\.label) == ["HV/HV", "DA/DA", "RL/RL", "a=0.0° b=22.5°", "a=0.0° b=67.5°",
                                                "a=45.0° b=22.5°", "a=45.0° b=67.5°"])
        #expect(schedule.steps.map(\.codes) == [BasisCodes(armA: 0, armB: 0), BasisCodes(armA: 1, armB: 1),
                                                BasisCodes(armA: 2, armB: 2), BasisCodes(armA: 0, armB: 3),
                                                BasisCodes(armA: 0, armB: 4), BasisCodes(armA: 1, armB: 3),
                                                BasisCodes(armA: 1, armB: 4)])
        #expect(schedule.steps.allSatisfy { $0.randomBasis == nil && $0.gateDelay == nil })
    }

    /// An analyzer table in another order: the codes follow the table, the labels do not move.
    @Test func codesComeFromTheAnalyzerTableWhateverItsOrder() throws {
        var experiment = try ExampleFixture.example("bbm92", cyclesPerSetting: 1)
        experiment.analyzer = AnalyzerCodeTable(armA: [.rightLeft, .linear(degrees: 45), .linear(degrees: 180)],
                                                armB: [.diagonalAntidiagonal, .horizontalVertical])
        let step = try #require(try experiment.schedule().steps.first)
        #expect(step.label == "random HV|DA")
        #expect(step.randomBasis == RandomBasisChoice(codesA: [2, 1], codesB: [1, 0]))   // linear 180° is H/V, 45° D/A
    }

    @Test func aScanStepsTheGateDelayWithOneSettingPerDelay() throws {
        let experiment = try ExampleFixture.example("gate-delay-scan", cyclesPerSetting: 1)
        let schedule = try experiment.schedule()
        #expect(schedule.steps.count == 51)
        #expect(schedule.steps.first?.gateDelay == .zero && schedule.steps.last?.gateDelay == .nanoseconds(1_000))
        #expect(schedule.steps[3].label == "delay 60 ns")
    }

    /// Each kind reads its own section; its mistakes carry file, line and field.
    @Test func kindSectionsAreReadByTheirKinds() throws {
        func parse(_ text: String) throws(ConfigErrors) -> ExperimentDefinition {
            try ExperimentDefinition.parse(text: text, fileName: "k.experiment.toml")
        }
        let head = """
            [experiment]
            name = "k"
            kind = "%KIND%"
            [timing]
            trigger-period-ns = 10000
            trigger-pulse-width-ns = 1000
            gate-delay-ns = -500
            gate-width-ns = 2000
            coincidence-window-ns = 5
            [run]
            cycles-per-setting = 10

            """
        let g2 = try parse(head.replacingOccurrences(of: "%KIND%", with: "g2") + "[g2]\nside-peaks = 5\nbasis = \"RL\"\n")
        #expect(g2.kind.isEqual(to: G2Experiment(sidePeaks: 5, basis: .rightLeft)))
        #expect(g2.plannedSettings.map(\.label) == ["HBT RL/RL"])
        let badBasis = #expect(throws: ConfigErrors.self) {
            try parse(head.replacingOccurrences(of: "%KIND%", with: "g2") + "[g2]\nbasis = \"linear:10\"\n")
        }
        #expect(badBasis?.errors.first?.field == "g2.basis")
        #expect(badBasis?.errors.first?.line == 13)
        let badFactor = #expect(throws: ConfigErrors.self) {
            try parse(head.replacingOccurrences(of: "%KIND%", with: "bbm92") + "[bbm92]\nerror-correction-inefficiency = 0.9\n")
        }
        #expect(badFactor?.errors.first?.field == "bbm92.error-correction-inefficiency")
        // A section of another kind is not read, so it is reported as unknown.
        let foreign = #expect(throws: ConfigErrors.self) {
            try parse(head.replacingOccurrences(of: "%KIND%", with: "bell-chsh") + "[g2]\nside-peaks = 5\n")
        }
        #expect(foreign?.errors.first?.description.contains("g2") == true)
        let noScan = #expect(throws: ConfigErrors.self) {
            try parse(head.replacingOccurrences(of: "%KIND%", with: "gate-delay-scan"))
        }
        #expect(noScan?.errors.first?.description.contains("scan: expected a [scan] section, found none") == true)
    }

    /// A scan whose widest delay does not fit the period is refused with the delay that clashes.
    @Test func aScanIsCheckedAtItsExtremeDelays() throws {
        var text = try #require(ExperimentExamples.named("gate-delay-scan")).text
        text = text.replacingOccurrences(of: "stop-ns = 1000 ", with: "stop-ns = 9990 ")
        let errors = #expect(throws: ConfigErrors.self) {
            try ExperimentDefinition.parse(text: text, fileName: "scan.experiment.toml")
        }
        let messages = errors?.errors.map(\.description).joined(separator: "\n") ?? ""
        #expect(messages.contains("at scan gate delay 9990 ns"), "\(messages)")
        #expect(errors?.errors.first?.field == "scan")
    }

    /// Counts are found by label: a schedule without the setting says so instead of using another's.
    @Test func countsAreFoundByLabel() throws {
        let experiment = try ExampleFixture.example("bell-chsh", cyclesPerSetting: 1)
        let schedule = CycleSchedule(timing: experiment.timing, steps: [
            ScheduleStep(label: "HV/HV", codes: BasisCodes(armA: 0, armB: 0), cycles: 1),
        ])
        var accumulator = ExperimentAccumulator(definition: experiment, settingCount: 1)
        accumulator.finish()
        let data = ExperimentData(experiment: experiment, schedule: schedule, accumulator: accumulator, boardSeconds: 1)
        #expect(try data.counts(of: BellCHSHExperiment.Setting.horizontalVertical.planned) == SettingCounts())
        #expect(throws: ExperimentError.problems(["no counts for the setting \"DA/DA\": the schedule is not this experiment's"])) {
            try data.counts(of: BellCHSHExperiment.Setting.diagonalAntidiagonal.planned)
        }
        let findings = ExperimentAnalysis.findings(experiment: experiment, schedule: schedule, accumulator: accumulator,
                                                   boardSeconds: 1)
        #expect(findings.notes.contains { $0.hasPrefix("visibility D/A: no counts for the setting \"DA/DA\"") }, "\(findings.notes)")
    }
}
