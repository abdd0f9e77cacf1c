import Boards
import Composition
import Experiments
import Firmware
import HAL
import Simulator
import Testing
import Vocabulary

/// The shipped examples on the built-in simulated board imitating a Raspberry Pi 4: what it
/// refuses before anything runs (a window its kernel stamps cannot resolve, clicks too narrow for
/// its inputs), and that what it accepts runs and counts the clicks the source makes.
@Suite struct RaspberryPiClickTests {
    /// bell-chsh in gate mode at 50 µs, which the Pi serves (ExperimentBoardFitTests).
    func gateModeBell(cyclesPerSetting: Int) throws -> ExperimentDefinition {
        var experiment = try ExperimentFixture.example("bell-chsh", cyclesPerSetting: cyclesPerSetting)
        experiment.timing.triggerPeriod = .microseconds(50)
        experiment.timing.coincidenceMode = .gate(sideCycles: 3)
        return experiment
    }

    /// The simulated station with a pulse stretcher of `stretch` ns on its click lines.
    func stretchedBoard(_ stretch: Int64) throws -> BoardDefinition {
        var board = try BoardDefinition.simulatedStation
        board.clicks.pulseStretch = .nanoseconds(stretch)
        return board
    }

    /// The Pi's stamps resolve τ·ln 100 = 4605.17 ns (99 % of simultaneous pairs): the shipped 5 ns
    /// window is refused with both numbers, and the run does not start.
    @Test func theShippedBellWindowIsRefusedOnAPiWithBothNumbers() throws {
        let experiment = try ExperimentFixture.example("bell-chsh", cyclesPerSetting: 10)
        let board = try BoardDefinition.simulatedStation
        let problems = SimulatedExperiment.problems(experiment, board: board, profileOverride: .raspberryPi4)
        let window = try #require(problems.first { $0.hasPrefix("coincidence window") }, "\(problems)")
        #expect(window.hasPrefix("coincidence window 5 ns is narrower than the 4.61 µs board simulated-station can resolve"), "\(window)")
        #expect(window.contains("raspberry-pi-4") && window.contains("[coincidences] mode = \"gate\""), "\(window)")
        let refused = #expect(throws: ExperimentError.self) {
            _ = try SimulatedExperiment.run(experiment, board: board, profileOverride: .raspberryPi4,
                                            options: ExperimentRun.Options(boardName: "simulated-station"))
        }
        #expect(refused.map { "\($0)" }?.contains("coincidence window 5 ns is narrower") == true)
    }

    /// At the edge of the resolution: 4605 ns < 4605.17 ns is refused, and the number the message
    /// gives for the resolution is not below the window it refuses; 4606 ns is accepted.
    @Test func theWindowAtTheResolutionsEdgeIsJudgedAndReportedHonestly() throws {
        var experiment = try ExperimentFixture.example("bell-chsh", cyclesPerSetting: 10)
        let board = try BoardDefinition.simulatedStation
        experiment.timing.coincidenceWindow = .nanoseconds(4_605)
        let refused = ExperimentBoardFit.problems(experiment, board: board, profile: .raspberryPi4)
        #expect(refused.count == 1)
        #expect(refused.first?.hasPrefix("coincidence window 4605 ns is narrower than the 4.61 µs") == true, "\(refused)")
        experiment.timing.coincidenceWindow = .nanoseconds(4_606)
        #expect(ExperimentBoardFit.problems(experiment, board: board, profile: .raspberryPi4).isEmpty)
        // A tagger of 1.5 ns bins: a 1 ns window is narrower than 1.5 ns, and said so.
        var tagged = board
        tagged.clicks.timestamps = .externalTagger(resolutionPicoseconds: 1_500)
        experiment.timing.coincidenceWindow = .nanoseconds(1)
        let tagger = ExperimentBoardFit.problems(experiment, board: tagged, profile: .raspberryPi4)
        #expect(tagger.first?.hasPrefix("coincidence window 1 ns is narrower than the 1500 ps") == true, "\(tagger)")
        experiment.timing.coincidenceWindow = .nanoseconds(2)
        #expect(ExperimentBoardFit.problems(experiment, board: tagged, profile: .raspberryPi4).isEmpty)
    }

    /// The stand-in's and the station file's 10 ns clicks are narrower than the Pi's 20 ns
    /// shortest pulse; a pulse stretcher of 20 ns on the board clears it, 19 ns does not.
    @Test func tenNanosecondClicksAreRefusedUnlessAStretcherCoversTheShortestPulse() throws {
        let board = try BoardDefinition.simulatedStation
        let standIn = SimulatedSource.standIn(.init())
        let station = SimulatedSource.physics(try StationDefinition.simulatedStation)
        #expect(SimulatedExperiment.pulseProblems(source: standIn, board: board).isEmpty)   // ideal: every pulse seen
        let problems = SimulatedExperiment.pulseProblems(source: standIn, board: board, profileOverride: .raspberryPi4)
        #expect(problems == ["click pulses of 10 ns or less from detector(s) the stand-in detectors are narrower than the 20 ns "
            + "the raspberry-pi-4 board's inputs can see, so their clicks would be lost: put a pulse stretcher (a monostable) on "
            + "the click lines and say so in the board file ([clicks] pulse-stretch-ns = 20 or more)"])
        let stationProblems = SimulatedExperiment.pulseProblems(source: station, board: board, profileOverride: .raspberryPi4)
        #expect(stationProblems.count == 1)
        for channel in DetectorChannel.allCases {
            #expect(stationProblems.first?.contains("\(channel.label) (simulated.station.toml)") == true, "\(channel): \(stationProblems)")
        }
        for source in [standIn, station] {
            #expect(SimulatedExperiment.pulseProblems(source: source, board: try stretchedBoard(20), profileOverride: .raspberryPi4).isEmpty)
            #expect(SimulatedExperiment.pulseProblems(source: source, board: try stretchedBoard(19), profileOverride: .raspberryPi4).count == 1)
        }
        // The run itself refuses them.
        #expect(throws: ExperimentError.self) {
            _ = try SimulatedExperiment.run(try gateModeBell(cyclesPerSetting: 10), board: board, profileOverride: .raspberryPi4,
                                            options: ExperimentRun.Options(boardName: "simulated-station"))
        }
    }

    /// Why the refusal is right, and that the stretcher the check trusts is really on the lines:
    /// built past the check, the Pi sees none of the stand-in's 10 ns clicks; with 20 ns of
    /// stretch it counts each detector's clicks at the source's p = 0.2 per cycle (4σ binomial,
    /// σ = √(p(1 − p)/N) = 0.0033 over N = 14 000 cycles).
    @Test func onThePiUnstretchedClicksVanishAndStretchedOnesAreAllCounted() throws {
        let experiment = try gateModeBell(cyclesPerSetting: 2_000)
        var settings = StandInStation.Settings()
        settings.clickProbabilities = Array(repeating: 0.2, count: 4)

        let unstretched = try SimulatedStationBuilder(definition: try BoardDefinition.simulatedStation, seed: 7,
                                                      source: .standIn(settings), profileOverride: .raspberryPi4, tracing: false)
        var options = ExperimentRun.Options(boardName: "simulated-station")
        options.drainOnLoopThread = true
        let lost = try ExperimentRun.run(gateModeBell(cyclesPerSetting: 200), on: unstretched.lines, options: options)
        #expect(lost.report.complete)
        #expect(lost.report.total.totalSingles == 0)
        let line = try #require(unstretched.board.line(named: "CLICK_A_PLUS"))
        #expect(unstretched.board.pulsesTooShort(on: line) > 0)

        let run = try SimulatedExperiment.run(experiment, board: try stretchedBoard(20), source: .standIn(settings),
                                              profileOverride: .raspberryPi4, options: options)
        #expect(run.report.complete)
        #expect(run.report.clickEventsDropped == 0 && run.report.lostEdges == 0)
        let cycles = run.report.total.triggerCycles
        #expect(cycles == 14_000)
        let sigma = (0.2 * 0.8 / Double(cycles)).squareRoot()
        for channel in DetectorChannel.allCases {
            let p = Double(run.report.total.singles[channel]) / Double(cycles)
            #expect(abs(p - 0.2) < 4 * sigma, "\(channel): \(p) clicks per cycle")
        }
        // Clicks stamped microseconds late still fall in their own cycle (the fit's 99.9 % bound):
        // the independent arms' centre-to-side ratio is 1 within 4σ_R, σ_R = σ_Aσ_B√(1 + 1/2K)/(μ_Aμ_B√N)
        // with μ = 0.4, σ² = 0.32 per arm (GateModeExperimentTests): 0.018.
        let ratio = try #require(run.findings.figure(.coincidenceToAccidentalRatio))
        let sigmaRatio = 0.32 * (1 + 1.0 / 6).squareRoot() / (0.16 * Double(cycles).squareRoot())
        #expect(abs(ratio.value - 1) < 4 * sigmaRatio, "centre-to-side ratio \(ratio.value) ± \(sigmaRatio)")
    }

    /// The interlock line is active before the firmware requests it; on the Pi's profile its
    /// opening is the line's first edge. The run stops for the interlock (it used to trap).
    @Test func theInterlockOpeningStopsARunOnThePi() throws {
        var settings = StandInStation.Settings()
        settings.clickProbabilities = Array(repeating: 0.2, count: 4)
        var options = ExperimentRun.Options(boardName: "simulated-station")
        options.drainOnLoopThread = true
        let run = try SimulatedExperiment.run(try gateModeBell(cyclesPerSetting: 200), board: try stretchedBoard(20),
                                              source: .standIn(settings), profileOverride: .raspberryPi4,
                                              interlockOpensAt: Instant(nanoseconds: 20_000_000), options: options)
        #expect(!run.report.complete)
        #expect(run.report.stopReason == .interlockOpened)
        // 20 ms at 50 µs: about 400 cycles ran (the stop comes within a cycle or two of the stamp).
        #expect(run.report.cyclesRun > 350 && run.report.cyclesRun < 420, "\(run.report.cyclesRun) cycles")
    }
}
