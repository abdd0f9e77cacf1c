import Experiments

/// The shipped example experiments, parsed, shortened and reseeded for a test.
enum ExampleFixture {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "no shipped example named \(name)" }
    }

    /// The example `name` with `cyclesPerSetting` cycles per setting and seed `seed`.
    static func example(_ name: String, cyclesPerSetting: Int, seed: UInt64 = 7) throws -> ExperimentDefinition {
        guard let example = ExperimentExamples.named(name) else { throw Missing(name: name) }
        var definition = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
        definition.cyclesPerSetting = cyclesPerSetting
        definition.seed = seed
        return definition
    }
}
