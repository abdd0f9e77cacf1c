import Vocabulary
import Boards
import Composition
import Firmware
import HAL
import Physics
import Simulator
import Testing

/// The physics station as a whole on the board: seeds, the analyzers' basis codes, station data
/// that does not fit the board, laser jitter.
@Suite struct StationOnTheBoardTests {
    @Test func aSeedReproducesTheRunBitForBitAndAnotherSeedDoesNot() throws {
        let parameters = try TestStation.shipped
        let steps: [PhysicsStationRun.Step] = [.init(label: "HV", codeA: 0, codeB: 0, cycles: 3_000),
                                               .init(label: "DA", codeA: 1, codeB: 1, cycles: 3_000)]
        let first = try PhysicsStationRun(parameters, steps: steps, seed: 42, tracing: true)
        let again = try PhysicsStationRun(parameters, steps: steps, seed: 42, tracing: true)
        let other = try PhysicsStationRun(parameters, steps: steps, seed: 43, tracing: true)
        #expect(first.report.settings == again.report.settings)
        #expect(first.board.trace.records == again.board.trace.records)
        #expect(first.report.settings != other.report.settings)
    }

    /// A code the table lacks leaves the analyzer unset: the pulses deliver nothing, and the
    /// problem names the arm's code as the station file would.
    @Test func unknownBasisCodeOnTheLinesIsReportedNotGuessed() throws {
        let run = try PhysicsStationRun(TestStation.ideal(), steps: [.init(label: "bad", codeA: 6, codeB: 0, cycles: 100)])
        #expect(run.station.source.pulsesWithAnalyzerUnset == 100)
        #expect(run.station.source.photonsDelivered == 0)
        let problem = try #require(run.station.analyzerA.unknownCodeProblem)
        #expect(problem.field == "analyzer.a.code.6")
        #expect(problem.description.contains("0, 1, 2, 3, 4, 5"))
        #expect(run.station.analyzerB.unknownCodeProblem == nil)
    }

    /// `SimulationRun` refuses such a schedule before it starts, pointing at the station file.
    @Test func simulationRunRefusesAScheduleWithCodesTheStationLacks() throws {
        let schedule = CycleSchedule(timing: .standard, steps: [
            ScheduleStep(label: "odd", codes: BasisCodes(armA: 0, armB: 7), cycles: 10)])
        let request = SimulationRun.Request(board: try BoardDefinition.simulatedStation, seed: 1, schedule: schedule,
                                            source: try SimulatedSource.builtInPhysics)
        let error = #expect(throws: SimulationRunError.self) { try SimulationRun.run(request) }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("simulated.station.toml:"), "\(text)")
        #expect(text.contains("analyzer.b.code.7"), "\(text)")
    }

    /// A table for two lines on a board with three basis lines per arm is refused with the
    /// station file's line of `analyzer.a.lines`.
    @Test func analyzerTableMustMatchTheBoardsBasisLines() throws {
        var station = try StationDefinition.simulatedStation
        station.parameters.analyzerA.basisSelectLineCount = 2
        station.parameters.analyzerA.settingsByCode = [0: .horizontalVertical]
        let board = try BoardDefinition.simulatedStation
        do throws(StationBuildError) {
            _ = try SimulatedStationBuilder(definition: board, seed: 1, source: .physics(station))
            Issue.record("a two-line table was accepted on a three-line arm")
        } catch {
            guard case .stationData(let problems) = error, let problem = problems.first else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(problem.field == "analyzer.a.lines")
            #expect(problem.file == "simulated.station.toml")
            #expect(problem.line == station.fieldLines["analyzer.a.lines"])
            #expect(problem.line != nil)
        }
    }

    /// Laser jitter σ_L shows in the spread of arm A's click times after their trigger edges:
    /// variance σ_L² + τ_XX² (the exponential XX delay) + 1/12 ns² (the uniform ⌈t⌉ quantization
    /// to 1 ns cycles), detectors without jitter. Error: the standard error of a sample
    /// variance, σ²·√(2/(N − 1)), for a spread this near to normal (the 3 ns Gaussian dominates).
    @Test func laserJitterSpreadsThePulseTimes() throws {
        let jitter = 3_000.0   // 3 ns: visible on the 1 ns board cycles
        let parameters = try TestStation.ideal {
            $0.laser.timingJitterRMSPicoseconds = jitter
            $0.armB.efficiency = 0
        }
        let cycles = 2_000
        let run = try PhysicsStationRun(parameters, steps: [.init(label: "HV", codeA: 0, codeB: 0, cycles: cycles)],
                                        tracing: true)
        let trace = run.board.trace
        var triggers: [Int64] = [], clicks: [Int64] = []
        for record in trace.records where record.level == 1 {
            let name = trace.lines[record.line.index].name
            if name == "TRIGGER" { triggers.append(record.time.nanoseconds) }
            if name == "CLICK_A_PLUS" || name == "CLICK_A_MINUS" { clicks.append(record.time.nanoseconds) }
        }
        #expect(triggers.count == cycles && clicks.count == cycles)
        let delays = zip(clicks, triggers).map { Double($0 - $1) }
        let mean = delays.reduce(0, +) / Double(delays.count)
        let variance = delays.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(delays.count - 1)
        // Picoseconds → ns²; the ⌈t⌉ quantization adds a uniform spread of 1/12 ns².
        let tauXX = parameters.source.biexcitonLifetimePicoseconds / 1_000
        let expected = (jitter / 1_000) * (jitter / 1_000) + tauXX * tauXX + 1.0 / 12
        let error = expected * (2.0 / Double(delays.count - 1)).squareRoot()
        #expect(abs(variance - expected) <= 4 * error, "variance \(variance) ns², expected \(expected) ± \(error) ns²")
        #expect(abs(mean - 105) < 1, "mean delay \(mean) ns: 100 ns laser + 5 ns arm (+ τ_XX and ½ ns quantization)")
    }
}
