import Vocabulary
public import ConfigFile
import Physics

extension StationDefinition {
    /// Parses a station file's text: every section and key of Board/simulated.station.toml, each
    /// value checked by the physics model's own rules (``StationParameters/validate()``).
    ///
    /// Pure: no file access. `fileName` only labels the errors. Throws every mistake found,
    /// sorted by line, each with file, line, field and what was expected.
    public static func parse(text: String, fileName: String) throws(ConfigErrors) -> StationDefinition {
        let document = try ConfigDocument.parse(text, fileName: fileName)
        var file = StationFileReader(document)
        var name = "", description = ""
        let header = file.section("station")
        file.read("name", in: header, as: .nonEmptyString(like: "my-station"), into: &name)
        if let header {
            description = file.reader.value("description", in: header, as: .string(like: "GaAs dot, SNSPDs"), default: "")
        }
        var parameters = StationParameters()
        readLaser(into: &parameters.laser, from: &file)
        readSource(into: &parameters.source, from: &file)
        readArm("a", into: &parameters.armA, from: &file)
        readArm("b", into: &parameters.armB, from: &file)
        for channel in DetectorChannel.allCases {
            readDetector(channel, into: &parameters.detectors[channel.rawValue], from: &file)
        }
        readAnalyzer("a", into: &parameters.analyzerA, from: &file)
        readAnalyzer("b", into: &parameters.analyzerB, from: &file)

        var reader = file.reader
        let definition = StationDefinition(name: name, description: description, parameters: parameters,
                                           fileName: fileName, fieldLines: file.fieldLines)
        // Values that read well but break a physics rule, reported only where the field itself
        // was readable (a mistyped field already has its error).
        let mistyped = Set(reader.errors.compactMap(\.field))
        for problem in parameters.validate() where !mistyped.contains(problem.field) {
            reader.report("expected \(problem.expected), found \(problem.found)", field: problem.field,
                          line: definition.line(ofField: problem.field))
        }
        try reader.finish()
        return definition
    }

    private static func readLaser(into laser: inout LaserParameters, from file: inout StationFileReader) {
        let section = file.section("laser")
        file.read("trigger-to-pulse-delay-ps", in: section, as: .picoseconds, into: &laser.triggerToPulseDelayPicoseconds)
        file.read("timing-jitter-rms-ps", in: section, as: .number("a number of picoseconds"),
                  into: &laser.timingJitterRMSPicoseconds)
    }

    private static func readSource(into source: inout SourceParameters, from file: inout StationFileReader) {
        let section = file.section("source")
        file.read("excitation-probability", in: section, as: .number("a probability"), into: &source.excitationProbability)
        file.read("biexciton-lifetime-ps", in: section, as: .number("a lifetime in picoseconds"),
                  into: &source.biexcitonLifetimePicoseconds)
        file.read("exciton-lifetime-ps", in: section, as: .number("a lifetime in picoseconds"),
                  into: &source.excitonLifetimePicoseconds)
        file.read("fine-structure-splitting-uev", in: section, as: .number("a splitting in µeV"),
                  into: &source.fineStructureSplittingMicroelectronvolts)
        file.read("entangled-fraction", in: section, as: .number("a probability"), into: &source.entangledFraction)
        file.read("reexcitation-probability", in: section, as: .number("a probability"),
                  into: &source.reexcitationProbability)
        file.readOptional("spin-scattering-time-ps", in: section, as: .number("a time in picoseconds"),
                          into: &source.spinScatteringTimePicoseconds)
        file.readOptional("cross-dephasing-time-ps", in: section, as: .number("a time in picoseconds"),
                          into: &source.crossDephasingTimePicoseconds)
    }

    private static func readArm(_ arm: String, into parameters: inout ArmParameters, from file: inout StationFileReader) {
        let section = file.section("arm." + arm)
        file.read("efficiency", in: section, as: .number("a probability"), into: &parameters.efficiency)
        file.read("arrival-delay-ps", in: section, as: .picoseconds, into: &parameters.arrivalDelayPicoseconds)
    }

    private static func readDetector(_ channel: DetectorChannel, into detector: inout DetectorParameters,
                                     from file: inout StationFileReader) {
        let section = file.section("detector." + channel.stationKey)
        file.read("efficiency", in: section, as: .number("a probability"), into: &detector.efficiency)
        file.read("dark-count-rate-per-s", in: section, as: .number("a rate per second"), into: &detector.darkCountRatePerSecond)
        file.read("dead-time-ps", in: section, as: .picoseconds, into: &detector.deadTimePicoseconds)
        file.read("jitter-rms-ps", in: section, as: .number("a number of picoseconds"), into: &detector.jitterRMSPicoseconds)
        file.read("afterpulse-probability", in: section, as: .number("a probability"), into: &detector.afterpulseProbability)
        file.read("afterpulse-delay-ps", in: section, as: .picoseconds, into: &detector.afterpulseDelayPicoseconds)
        file.read("click-pulse-width-ps", in: section, as: .picoseconds, into: &detector.clickPulseWidthPicoseconds)
        file.read("mode", in: section, as: .oneOf([("gated", DetectorMode.gated), ("free-running", .freeRunning)]),
                  into: &detector.mode)
    }

    /// `[analyzer.x]` with `lines`, and `[analyzer.x.code]` with one `CODE = "SETTING"` per code.
    private static func readAnalyzer(_ arm: String, into table: inout AnalyzerBasisTable,
                                     from file: inout StationFileReader) {
        let section = file.section("analyzer." + arm)
        file.read("lines", in: section, as: .integer("a number of basis-select lines", in: 0...64), into: &table.basisSelectLineCount)
        table.settingsByCode = [:]
        guard let codes = file.optionalSection("analyzer.\(arm).code") else { return }
        for entry in codes.entries {
            _ = file.reader.entry(entry.key, in: codes)
            file.note(entry.key, in: codes)
            guard let code = Int(entry.key), code >= 0 else {
                file.reader.report("expected a basis code (an integer ≥ 0: the value of the arm's basis-select lines), "
                                   + "found \"\(entry.key)\"", about: entry, in: codes)
                continue
            }
            guard case .string(let name) = entry.value else {
                file.reader.report("expected a basis name: HV, DA, RL or linear:ANGLE, found \(entry.value.kindAndLiteral)",
                                   about: entry, in: codes)
                continue
            }
            switch AnalyzerBasis.parse(name, field: codes.fieldPath(entry.key)) {
            case .success(let setting): table.settingsByCode[code] = setting
            case .failure(let problem):
                file.reader.report("expected \(problem.expected), found \(problem.found)", about: entry, in: codes)
            }
        }
    }
}
