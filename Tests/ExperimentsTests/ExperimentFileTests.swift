import ConfigFile
import Experiments
import Testing

/// Experiment files: every shipped example parses; every mistake names file, line and field.
@Suite struct ExperimentFileTests {
    @Test func everyShippedExampleParsesAndPlansItsSchedule() throws {
        // One example per kind, named after it; the Raspberry Pi variants count in gate mode.
        #expect(Set(ExperimentKinds.names).isSubset(of: Set(ExperimentExamples.all.map(\.name))))
        for example in ExperimentExamples.all {
            let definition = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
            #expect(definition.name == example.name)
            if example.name.hasPrefix("raspberry-pi-") {
                #expect(definition.kind.name == String(example.name.dropFirst("raspberry-pi-".count)))
                #expect(definition.timing.coincidenceMode == .gate(sideCycles: 3))
            } else {
                #expect(definition.kind.name == example.name)
            }
            let schedule = try definition.schedule()
            #expect(schedule.steps.count == definition.plannedSettings.count)
        }
    }
}

extension ExperimentFileTests {
    static let bell = ExperimentExamples.named("bell-chsh")!.text

    func errors(_ original: String, _ replacement: String, in text: String = bell) -> [ConfigError] {
        #expect(text.contains(original), "the example no longer contains \(original)")
        do {
            _ = try ExperimentDefinition.parse(text: text.replacingOccurrences(of: original, with: replacement),
                                               fileName: "bad.experiment.toml")
            return []
        } catch {
            return error.errors
        }
    }

    @Test func unknownKindNamesFileLineAndField() {
        let found = errors("kind = \"bell-chsh\"", "kind = \"bell\"")
        #expect(found.count == 1)
        #expect(found.first?.description.hasPrefix("bad.experiment.toml:11") == true)
        #expect(found.first?.field == "experiment.kind")
        #expect(found.first?.description.contains("bbm92") == true)
    }

    @Test func gateLongerThanThePeriodIsRefusedWithTheNumbers() {
        let found = errors("gate-width-ns = 2000", "gate-width-ns = 20000")
        #expect(found.count == 1)
        let text = found.first?.description ?? ""
        #expect(text.contains("10000 ns") && text.contains("20000 ns"), "\(text)")
    }

    @Test func windowWiderThanTheGateIsRefusedOnItsLine() {
        let found = errors("coincidence-window-ns = 5 ", "coincidence-window-ns = 3000 ")
        #expect(found.count == 1)
        #expect(found.first?.field == "timing.coincidence-window-ns")
        #expect(found.first?.line == 20)
        #expect(found.first?.description.contains("expected a coincidence window no wider than the gate 2000 ns, found 3000 ns") == true)
    }

    @Test func typosAndBadBasesAreEachReported() {
        var text = Self.bell.replacingOccurrences(of: "cycles-per-setting = 50000", with: "cycles-per-settin = 50000")
        text = text.replacingOccurrences(of: "a = [\"HV\", \"DA\"", with: "a = [\"HV\", \"XY\"")
        do {
            _ = try ExperimentDefinition.parse(text: text, fileName: "bad.experiment.toml")
            Issue.record("a file with two mistakes parsed")
        } catch {
            let all = error.errors.map(\.description).joined(separator: "\n")
            #expect(all.contains("cycles-per-settin"), "\(all)")
            #expect(all.contains("analyzer.a") && all.contains("\"XY\""), "\(all)")
        }
    }

    @Test func analyzerWithoutTheCHSHAngleCannotBePlanned() throws {
        var definition = try ExperimentDefinition.parse(text: Self.bell, fileName: "bell.experiment.toml")
        definition.analyzer.armB = [.horizontalVertical, .diagonalAntidiagonal, .rightLeft, .linear(degrees: 22.5)]
        #expect(throws: ExperimentError.self) { try definition.schedule() }
    }
}
