import Boards
import Composition
import Experiments
import Foundation
import Simulator

/// Shipped examples, shortened for a debug-build test, run on the built-in simulated station
/// with the stand-in source (independent clicks, probability p per detector per pulse).
enum ExperimentFixture {
    static func example(_ name: String, cyclesPerSetting: Int, seed: UInt64 = 7) throws -> ExperimentDefinition {
        let example = try require(ExperimentExamples.named(name))
        var definition = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
        definition.cyclesPerSetting = cyclesPerSetting
        definition.seed = seed
        return definition
    }

    /// Runs `experiment`, writing its record to `record` if given; a nil `recordFlushAge` keeps
    /// the writer's default.
    static func run(_ experiment: ExperimentDefinition, clickProbability: Double = 0.1, record: String? = nil,
                    ringCapacity: Int = 1 << 16, recordFlushAge: Duration? = nil) throws -> ExperimentRun {
        var settings = StandInStation.Settings()
        settings.clickProbabilities = Array(repeating: clickProbability, count: 4)
        var options = ExperimentRun.Options(recordPath: record, ringCapacity: ringCapacity, boardName: "simulated-station")
        if let recordFlushAge { options.recordFlushAge = recordFlushAge }
        return try SimulatedExperiment.run(experiment, board: try BoardDefinition.simulatedStation, source: .standIn(settings),
                                           options: options)
    }

    /// The record file of a run of the shipped example `name` in a fresh temporary folder: its
    /// path, its bytes (format version 3), and where its first block starts (a 16-byte preamble
    /// whose bytes 12–15 hold the JSON header's length, little-endian, the header, its run ID and
    /// CRC; the blocks follow).
    static func record(_ name: String, cyclesPerSetting: Int) throws -> (path: String, bytes: [UInt8], blocksStart: Int) {
        let path = try temporaryPath("run.qdotrec")
        _ = try run(try example(name, cyclesPerSetting: cyclesPerSetting), record: path)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        return (path, bytes, Version1Layout.blocksStart(bytes))
    }

    static func temporaryPath(_ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-composition-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.appendingPathComponent(name).path
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw FixtureError.missing }
    return value
}

private enum FixtureError: Error { case missing }
