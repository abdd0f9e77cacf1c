import Composition
import ConfigFile
import ExperimentExamples
import Testing

/// Experiment files: every shipped example parses; every mistake names file, line and field.
@Suite struct ExperimentFileTests {
    @Test func everyShippedExampleParsesAndPlansItsSchedule() throws {
        #expect(Set(ExperimentExamples.all.map(\.name)) == Set(ExperimentKind.allCases.map(\.rawValue)))
        for example in ExperimentExamples.all {
            let definition = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
            #expect(definition.kind.rawValue == example.name)
            let schedule = try definition.schedule()
            #expect(schedule.steps.count == definition.plannedSettings.count)
        }
    }
}
