import Boards
import ConfigFile
import Physics

extension LinkNodeFile {
    /// `[world]`: the station physics (source, arms, detectors: `station = "built-in"` or a
    /// `.station.toml` path; `alice-arm-efficiency`, `bob-arm-efficiency` replace its arms'
    /// collection efficiencies), the node timing, fibre, clocks, eavesdropper and seeds. Arm A of the
    /// station is Alice's, arm B Bob's; each world arm efficiency is the station's arm efficiency
    /// times the mean efficiency of that arm's two detectors (the world draws one survival per
    /// photon; the node board adds the detectors' dark counts).
    static func readWorld(_ section: ConfigSection, reader: inout ConfigReader, path: (String) -> String) -> World? {
        let stationName = reader.value("station", in: section, as: .nonEmptyString(like: "built-in"), default: "built-in")
        var station: StationDefinition?
        do {
            station = stationName == "built-in" ? try StationDefinition.simulatedStation
                                                : try StationDefinition.load(contentsOf: path(stationName))
        } catch {
            for problem in error.errors { reader.report("station file: \(problem)", field: "world.station", line: section.line) }
        }
        let seed = ConfigType<Int>.integer("a seed", in: 0...Int.max)
        func seedValue(_ key: String, _ fallback: Int) -> UInt64 { UInt64(reader.value(key, in: section, as: seed, default: fallback)) }
        let worldSeed = seedValue("seed", 2021)
        let aliceBasis = seedValue("alice-basis-seed", 11), bobBasis = seedValue("bob-basis-seed", 21)
        let aliceDetector = seedValue("alice-detector-seed", 12), bobDetector = seedValue("bob-detector-seed", 22)
        let picoseconds = ConfigType<Int>.integer("picoseconds", in: -86_400_000_000_000_000...86_400_000_000_000_000, unit: "ps")
        let period = reader.value("cycle-period-ps", in: section, as: picoseconds, default: 1_000_000)
        let gateOpen = reader.value("gate-open-ps", in: section, as: picoseconds, default: 0)
        let gateClose = reader.value("gate-close-ps", in: section, as: picoseconds, default: period * 9 / 10)
        let length = reader.value("fibre-length-m", in: section, as: .number("a length in metres", in: 0...1e6, unit: "m"), default: 350)
        let attenuation = reader.value("fibre-attenuation-db-per-km", in: section, as: .number("dB/km", in: 0...1000, unit: "dB/km"),
                                       default: FibreLink.nearInfraredAttenuationDecibelsPerKilometre)
        let ppm = ConfigType<Double>.number("a drift in ppm", in: -1000...1000, unit: "ppm")
        let aliceOffset = reader.value("alice-clock-offset-ps", in: section, as: picoseconds, default: 0)
        let aliceDrift = reader.value("alice-clock-drift-ppm", in: section, as: ppm, default: 0)
        let bobOffset = reader.value("bob-clock-offset-ps", in: section, as: picoseconds, default: 0)
        let bobDrift = reader.value("bob-clock-drift-ppm", in: section, as: ppm, default: 0)
        let intercept = reader.value("intercept-fraction", in: section, as: .probability, default: 0)
        let aliceCollection = reader.optional("alice-arm-efficiency", in: section, as: .probability)
        let bobCollection = reader.optional("bob-arm-efficiency", in: section, as: .probability)
        guard let station else { return nil }

        var p = station.parameters
        if let aliceCollection { p.armA.efficiency = aliceCollection }
        if let bobCollection { p.armB.efficiency = bobCollection }
        func detectorEfficiency(_ first: Int) -> Double { (p.detectors[first].efficiency + p.detectors[first + 1].efficiency) / 2 }
        func darkRate(_ first: Int) -> Double { (p.detectors[first].darkCountRatePerSecond + p.detectors[first + 1].darkCountRatePerSecond) / 2 }
        let aliceArm = ArmParameters(efficiency: p.armA.efficiency * detectorEfficiency(0), arrivalDelayPicoseconds: p.armA.arrivalDelayPicoseconds)
        let bobArm = ArmParameters(efficiency: p.armB.efficiency * detectorEfficiency(2), arrivalDelayPicoseconds: p.armB.arrivalDelayPicoseconds)
        do {
            let timing = try NodeCycleTiming(cyclePeriodPicoseconds: Int64(period),
                                             gate: GateWindow(openPicoseconds: Int64(gateOpen), closePicoseconds: Int64(gateClose)))
            let parameters = LinkWorldParameters(
                source: p.source, aliceArm: aliceArm, bobArm: bobArm,
                fibre: try FibreLink(lengthMetres: length, attenuationDecibelsPerKilometre: attenuation),
                aliceClock: try NodeClock(offsetPicoseconds: Int64(aliceOffset), driftPartsPerMillion: aliceDrift),
                bobClock: try NodeClock(offsetPicoseconds: Int64(bobOffset), driftPartsPerMillion: bobDrift),
                aliceCycles: timing, bobCycles: timing,
                eavesdropper: try InterceptResendEavesdropper(interceptFraction: intercept), seed: worldSeed)
            _ = try LinkWorld(parameters: parameters)
            let agreement = "world \(parameters) bases \(aliceBasis) \(bobBasis) detectors \(aliceDetector) \(bobDetector) "
                + "dark \(darkRate(0)) \(darkRate(2))"
            return World(parameters: parameters, aliceBasisSeed: aliceBasis, bobBasisSeed: bobBasis,
                         aliceDetectorSeed: aliceDetector, bobDetectorSeed: bobDetector,
                         aliceDarkCountRatePerSecond: darkRate(0), bobDarkCountRatePerSecond: darkRate(2),
                         stationSource: stationName, agreementText: agreement)
        } catch {
            for problem in error.problems {
                reader.report("expected \(problem.expected), found \(problem.found)", field: "world.\(problem.field)", line: section.line)
            }
            return nil
        }
    }
}
