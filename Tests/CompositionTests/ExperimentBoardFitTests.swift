import Boards
import Composition
import Experiments
import Testing

/// An experiment checked against the board it would run on, before anything runs.
@Suite struct ExperimentBoardFitTests {
    @Test func codesBeyondTheBoardsBasisLinesAreNamedPerArm() throws {
        var experiment = try ExperimentFixture.example("bell-chsh", cyclesPerSetting: 10)
        // The simulated board has three basis lines per arm: codes 0–7. Code 8 on arm B cannot be put on them.
        experiment.analyzer = AnalyzerCodeTable(armA: experiment.analyzer.armA,
                                                armB: experiment.analyzer.armB + [.horizontalVertical, .horizontalVertical,
                                                                                  .horizontalVertical, .diagonalAntidiagonal])
        let problems = SimulatedExperiment.problems(experiment, board: try BoardDefinition.simulatedStation)
        #expect(problems == ["analyzer.b code 8 (DA) needs more than the board's 3 basis-select lines of arm B"])
    }

    @Test func theShippedExamplesFitTheSimulatedBoard() throws {
        for name in ["bell-chsh", "tomography-16", "tomography-36", "bbm92", "g2", "gate-delay-scan"] {
            let experiment = try ExperimentFixture.example(name, cyclesPerSetting: 10)
            #expect(SimulatedExperiment.problems(experiment, board: try BoardDefinition.simulatedStation).isEmpty, "\(name)")
        }
    }

    /// bell-chsh as shipped on a simulated Raspberry Pi 4: its 10 µs period is shorter than the profile
    /// serves, and its 5 ns window narrower than the Pi's kernel stamps resolve; at 50 µs in gate
    /// mode both clear.
    @Test func periodShorterThanTheRaspberryPiProfileCanServeIsRefused() throws {
        let definition = try ExperimentFixture.example("bell-chsh", cyclesPerSetting: 50_000)
        let board = try BoardDefinition.simulatedStation
        #expect(SimulatedExperiment.problems(definition, board: board).isEmpty)
        let problems = SimulatedExperiment.problems(definition, board: board, profileOverride: .raspberryPi4)
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains("trigger period 10000 ns is shorter than the 20000 ns") }, "\(problems)")
        #expect(problems.contains { $0.contains("coincidence window 5 ns is narrower than the 4.61 µs") && $0.contains("gate mode") },
                "\(problems)")
        var slower = definition
        slower.timing.triggerPeriod = .microseconds(50)
        #expect(SimulatedExperiment.problems(slower, board: board, profileOverride: .raspberryPi4).count == 1)
        slower.timing.coincidenceMode = .gate(sideCycles: 3)
        #expect(SimulatedExperiment.problems(slower, board: board, profileOverride: .raspberryPi4).isEmpty)
    }
}
