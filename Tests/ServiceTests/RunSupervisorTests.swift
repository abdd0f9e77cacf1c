#if Service
import Boards
import Composition
import Experiments
import Foundation
import Records
import Testing
@testable import Service

/// The run supervisor on the simulated board with the physics station: one run at a time, the
/// same files as `qdot sim`, counters that equal the result, alignment with rolling figures, and
/// lookups that never leave the data folder.
@Suite(.serialized) struct RunSupervisorTests {
    static func supervisor(paced: Bool = false) throws -> (RunSupervisor, String) {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-serve-\(UUID().uuidString)").path
        let definition = try BoardDefinition.simulatedStation, station = try StationDefinition.simulatedStation
        let board = SimulatedServiceBoard(definition: definition, boardFile: "(built in) simulated.board.toml",
                                          source: .physics(station),
                                          station: .init(source: .physics, name: station.name,
                                                         file: "(built in) simulated.station.toml"),
                                          pacedToWallClock: paced)
        return (try RunSupervisor(board: board, data: data), data)
    }

    /// Waits (at most `seconds`) until the supervisor is idle again.
    static func waitIdle(_ supervisor: RunSupervisor, seconds: Double = 120) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while supervisor.status().state != .idle {
            guard Date() < deadline else { throw CancellationError() }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    @Test func aRunWritesWhatQdotSimWritesAndTheCountersEqualItsResult() throws {
        let (supervisor, data) = try Self.supervisor()
        defer { supervisor.close(); try? FileManager.default.removeItem(atPath: data) }
        let started = try supervisor.start(.builtIn("bell-chsh"), seed: 5)
        #expect(started.state == .running)
        #expect(RunFolder.isRunID(started.id))
        try Self.waitIdle(supervisor)
        let entry = try #require(supervisor.run(id: started.id))
        #expect(entry.state == .completed)
        #expect(entry.outcome == "completed")
        #expect(entry.cyclesRun == 350_000)
        #expect(entry.hasResult && entry.hasRecord)
        #expect(entry.figures == ["correlation"])

        // The same run through the CLI's path, same seed: the record is the same byte for byte.
        var experiment = try ExperimentDefinition.parse(text: ExperimentExamples.named("bell-chsh")!.text,
                                                        fileName: "(built in) bell-chsh.experiment.toml")
        experiment.seed = 5
        let direct = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-direct-\(UUID().uuidString).qdotrec").path
        defer { try? FileManager.default.removeItem(atPath: direct) }
        let definition = try BoardDefinition.simulatedStation
        let outcome = try SimulatedExperiment.run(experiment, board: definition, source: .physics(try StationDefinition.simulatedStation),
                                                  options: .init(recordPath: direct, boardName: definition.name))
        let served = try #require(supervisor.path(of: .record, run: entry.id))
        #expect(FileManager.default.contents(atPath: served) == FileManager.default.contents(atPath: direct))

        // Counters: every setting's singles and coincidences, and the cycles, as in the result.
        let metrics = supervisor.metrics()
        #expect(metrics.cycles == outcome.report.cyclesRun)
        #expect(metrics.settings.map(\.setting) == outcome.findings.settings.map(\.label))
        for (counters, setting) in zip(metrics.settings, outcome.findings.settings) {
            #expect(counters.singles.map(\.count) == [setting.counts.singles[.aPlus], setting.counts.singles[.aMinus],
                                                      setting.counts.singles[.bPlus], setting.counts.singles[.bMinus]])
            #expect(counters.coincidences.map(\.count) == [setting.counts.coincidences[.plusPlus], setting.counts.coincidences[.plusMinus],
                                                           setting.counts.coincidences[.minusPlus], setting.counts.coincidences[.minusMinus]])
        }
        #expect(metrics.latenessCount == outcome.report.timingBudget.samples)
        #expect(metrics.runsEnded.map(\.outcome) == ["completed"])

        // The result document is the CLI's, file for file.
        let result = try #require(supervisor.path(of: .result, run: entry.id))
        let text = try String(contentsOfFile: result, encoding: .utf8)
        #expect(text.contains("\"chsh-s\""))
        #expect(supervisor.path(of: .figure("correlation"), run: entry.id)?.hasSuffix("result.correlation.svg") == true)
    }

    @Test func aSecondStartWhileRunningIsRefusedAndStopEndsTheRunWithItsFiles() throws {
        let (supervisor, data) = try Self.supervisor(paced: true)
        defer { supervisor.close(); try? FileManager.default.removeItem(atPath: data) }
        let first = try supervisor.start(.builtIn("bell-chsh"), seed: 1)
        #expect(throws: ServiceRefusal.self) { try supervisor.start(.builtIn("g2"), seed: nil) }
        do {
            _ = try supervisor.start(.builtIn("g2"), seed: nil)
        } catch let refusal {
            guard case let .busy(running) = refusal else { Issue.record("expected busy, got \(refusal)"); return }
            #expect(running.id == first.id)
        }
        Thread.sleep(forTimeInterval: 0.5)
        let stopping = try supervisor.stop()
        #expect(stopping.state == .stopping)
        try Self.waitIdle(supervisor)
        let entry = try #require(supervisor.run(id: first.id))
        #expect(entry.state == .stopped)
        #expect(entry.outcome == "stopped early")
        #expect(entry.cyclesRun > 0 && entry.cyclesRun < 350_000)
        #expect(entry.hasResult)
        // Paced to the wall clock: half a second of a 3.5 s run, with its wall lateness measured.
        #expect(entry.wallLatenessP99Nanoseconds != nil)
        #expect(throws: ServiceRefusal.notRunning) { try supervisor.stop() }
    }

    @Test func alignmentOverEveryBellSettingShowsSInItsWindows() throws {
        let (supervisor, data) = try Self.supervisor(paced: true)
        defer { supervisor.close(); try? FileManager.default.removeItem(atPath: data) }
        let frames = FrameLog()
        supervisor.onFrame { frames.append($0) }
        let entry = try supervisor.startAlignment(.builtIn("bell-chsh"), setting: "all", seed: 3)
        #expect(entry.mode == .alignment && entry.plannedCycles == nil)
        // Until a window holds every setting and gives S (a slow machine, or a sanitizer, runs the
        // paced board behind the wall clock: then only the 10 s window does).
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !((frames.last?.windows.contains { $0.S != nil } ?? false) && (frames.last?.boardSeconds ?? 0) > 1.5) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        _ = try supervisor.stop()
        try Self.waitIdle(supervisor)
        let last = try #require(frames.all.last { $0.run == entry.id })
        let window = try #require(last.windows.first { $0.S != nil })
        // S of the maximally entangled state with the station's visibility ≈ 0.94: 2√2·V ≈ 2.6.
        let s = try #require(window.S)
        #expect(s > 2.2 && s < 2.9)
        #expect(window.coincidencesPerSecond > 1_000)
        #expect(last.settings.count == 7)
        let ended = try #require(supervisor.run(id: entry.id))
        #expect(ended.state == .stopped && ended.outcome == "stopped (alignment)")
        #expect(!ended.hasRecord)
    }

    @Test func anInvalidExperimentGivesEveryMistakeWithLineAndField() throws {
        let (supervisor, data) = try Self.supervisor()
        defer { supervisor.close(); try? FileManager.default.removeItem(atPath: data) }
        var text = ExperimentExamples.named("bell-chsh")!.text
        text = text.replacingOccurrences(of: "trigger-period-ns = 10000", with: "trigger-period-ns = 0")
        guard case let .failure(.invalid(errors)) = supervisor.validate(experimentText: text, fileName: "upload.experiment.toml") else {
            Issue.record("a zero trigger period was accepted"); return
        }
        let error = try #require(errors.first)
        #expect(error.file == "upload.experiment.toml")
        #expect(error.field == "timing.trigger-period-ns")
        #expect(error.line != nil)
        #expect(error.text.hasPrefix("upload.experiment.toml:\(error.line!): timing.trigger-period-ns: expected"))
        #expect(throws: ServiceRefusal.self) { try supervisor.start(.builtIn("no-such-experiment"), seed: nil) }
        #expect(throws: ServiceRefusal.self) { try supervisor.startAlignment(.builtIn("bell-chsh"), setting: "XX/YY", seed: nil) }
        #expect(supervisor.runs().isEmpty)
    }

    @Test func lookupsNeverLeaveTheDataFolder() throws {
        let (supervisor, data) = try Self.supervisor()
        defer { supervisor.close(); try? FileManager.default.removeItem(atPath: data) }
        for id in ["..", "../..", "../../etc/passwd", "20261203-221502-bell-chsh/../..", "", "20261203-221502-bell-chsh"] {
            #expect(supervisor.run(id: id) == nil)
            #expect(supervisor.path(of: .result, run: id) == nil)
            #expect(supervisor.path(of: .record, run: id) == nil)
        }
        #expect(!RunFolder.isRunID("20261203-221502-../x"))
        #expect(!RunFolder.isRunID("20261203-221502-Bell"))
        #expect(RunFolder.isRunID("20261203-221502-bell-chsh-2"))
    }
}

/// Frames received on the sampler's thread, read on the test's.
final class FrameLog: @unchecked Sendable {
    private let lock = NSLock()
    private var frames: [APIv1.Frame] = []
    func append(_ frame: APIv1.Frame) { lock.lock(); frames.append(frame); lock.unlock() }
    var all: [APIv1.Frame] { lock.lock(); defer { lock.unlock() }; return frames }
    var last: APIv1.Frame? { all.last }
}
#endif
