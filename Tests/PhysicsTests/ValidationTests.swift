import Vocabulary
import Physics
import SeededRandom
import Testing

/// Bad station data is refused, each problem naming its field by its station-file key, saying
/// what was found and what was expected; the loader adds file and line.
@Suite struct ValidationTests {
    @Test func defaultStationIsValid() {
        #expect(StationParameters().validate().isEmpty)
    }

    @Test func negativeDetectorEfficiencyIsRejectedByItsKey() {
        var station = StationParameters()
        station.detectors[DetectorChannel.aMinus.rawValue].efficiency = -0.1
        let problems = station.validate()
        #expect(problems == [ParameterProblem(field: "detector.a-minus.efficiency", found: "-0.1",
                                              expected: "a probability in [0, 1]")])
    }

    @Test func probabilityAboveOneAndZeroLifetimeAreBothReported() {
        var station = StationParameters()
        station.source.excitationProbability = 1.2
        station.source.excitonLifetimePicoseconds = 0
        station.armB.efficiency = .nan
        let fields = station.validate().map(\.field)
        #expect(fields == ["source.excitation-probability", "source.exciton-lifetime-ps", "arm.b.efficiency"])
    }

    @Test func unknownBasisCodesAndNamesAreRejected() {
        var station = StationParameters()
        station.analyzerB.settingsByCode[7] = .diagonalAntidiagonal
        let problems = station.validate()
        #expect(problems.map(\.field) == ["analyzer.b.code.7"])
        #expect(problems.first?.expected == "a code from 0 to 3 (2 basis-select lines)")

        let table = AnalyzerBasisTable(basisSelectLineCount: 2, settingsByCode: [0: .horizontalVertical])
        #expect(table.setting(forCode: 2, arm: "a") == .failure(ParameterProblem(
            field: "analyzer.a.code.2", found: "unknown basis code 2", expected: "one of the codes in the table: 0")))
        guard case .failure(let problem) = AnalyzerBasis.parse("XY", field: "analyzer.a.code.1") else {
            Issue.record("basis name XY was accepted")
            return
        }
        #expect(problem.field == "analyzer.a.code.1" && problem.found == "\"XY\"")
        #expect(AnalyzerBasis.parse("linear:22.5", field: "f") == .success(.linear(degrees: 22.5)))
        #expect(AnalyzerBasis.parse("RL", field: "f") == .success(.rightLeft))
    }

    @Test func afterpulseDelayInsideTheDeadTimeIsRejected() {
        let detector = DetectorParameters(deadTimePicoseconds: 30_000, afterpulseProbability: 0.01,
                                          afterpulseDelayPicoseconds: 10_000)
        #expect(detector.validate().map(\.field) == ["afterpulse-delay-ps"])
    }

    @Test func modelsRefuseBadDataWithEveryProblemAndTheLoaderAddsFileAndLine() {
        var station = StationParameters()
        station.source.biexcitonLifetimePicoseconds = 0
        station.detectors[DetectorChannel.bPlus.rawValue].darkCountRatePerSecond = -5
        var rng = Xoshiro256StarStar(seed: 1)
        do {
            _ = try StationModel(parameters: station, rng: &rng)
            Issue.record("a station with a zero lifetime was accepted")
        } catch {
            #expect(error.problems.map(\.field) == ["source.biexciton-lifetime-ps", "detector.b-plus.dark-count-rate-per-s"])
            var located = error.problems[0]
            located.file = "Board/sim/station.toml"
            located.line = 12
            #expect(located.description
                == "Board/sim/station.toml:12: source.biexciton-lifetime-ps is 0.0; expected a number > 0, at most 1 000 000 ps")
        }
    }
}
