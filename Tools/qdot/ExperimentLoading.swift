import ArgumentParser
import Composition
import Experiments
import ConfigFile
import Foundation

/// Loading an experiment for a command: a file path, or the name of a built-in example.
enum ExperimentLoading {
    /// The experiment at `pathOrName` (a file, or a built-in example's name), every mistake printed.
    static func load(_ pathOrName: String) throws -> ExperimentDefinition {
        do {
            if !FileManager.default.fileExists(atPath: pathOrName), let example = ExperimentExamples.named(pathOrName) {
                return try ExperimentDefinition.parse(text: example.text, fileName: "(built in) \(example.fileName)")
            }
            return try ExperimentDefinition.load(contentsOf: pathOrName)
        } catch {
            throw nothingRun(error, file: "the experiment file \(pathOrName)")
        }
    }
}
