import ArgumentParser
import Composition
import Experiments

/// `qdot experiments`: the built-in example experiments.
struct ExperimentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiments",
        abstract: "List the built-in example experiments (one per kind), or print one.",
        discussion: "The same files ship in Experiments/. Run one with `qdot sim --experiment NAME`.")

    @Option(help: "Print this example's file, to copy and edit.")
    var show: String?

    func run() throws {
        if let show {
            guard let example = ExperimentExamples.named(show) else {
                printError("qdot experiments: no example named \(show); examples: \(ExperimentExamples.all.map(\.name).joined(separator: ", "))")
                throw QdotExit.badInputFile.code
            }
            print(example.text, terminator: "")
            return
        }
        for example in ExperimentExamples.all {
            let definition = try? ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
            let settings = definition.map { "\($0.plannedSettings.count) settings × \($0.cyclesPerSetting) cycles" } ?? "(does not parse)"
            print("\(example.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(settings.padding(toLength: 30, withPad: " ", startingAt: 0)) \(definition?.description ?? "")")
        }
    }
}
