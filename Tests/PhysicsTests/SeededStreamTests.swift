import Physics
import Vocabulary
import SeededRandom
import Testing

/// The seeded stream of the physics model, pinned: the same seed gives the same photons and
/// clicks, from the same draws in the same order, as physics stream v2 (``PhysicsStream``,
/// docs/physics-stream.md) when it was introduced. A speed-up that changes a single draw fails
/// here; a deliberate change of the stream updates these digests, raises the version and says so
/// in its commit and in docs. (Stream v1's digests, from issue 16's start to v2: 17469129450421581545,
/// 16294705843372609845, 14943466579689876462, 3902493767186421428 and 16717369040592965860,
/// 5143357497767782121, in the order of the tests below.)
///
/// Each case runs a station through ``StationModel/simulatePeriod(pulseAtPicoseconds:periodEndPicoseconds:analyzerA:analyzerB:gate:rng:into:)``
/// (or ``EntangledPairSource/emit(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)`` alone) and
/// folds every click (channel, time, cause), then the generator's next output, into an FNV-1a digest.
@Suite struct SeededStreamTests {
    /// FNV-1a over 64-bit words (Fowler, Noll and Vo; the 64-bit offset basis and prime).
    struct Digest {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        mutating func add(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                value = (value ^ ((word >> UInt64(shift)) & 0xFF)) &* 0x0000_0100_0000_01B3
            }
        }
    }

    static let settings: [AnalyzerBasis] = [.horizontalVertical, .diagonalAntidiagonal, .rightLeft,
                                            .linear(degrees: 22.5)]

    /// The digest of `pulses` periods of `periodPicoseconds` on `parameters` from `seed`, with the
    /// analyzers cycling through four settings (B one step behind A) and, when `gateWidthPicoseconds`
    /// is given, a gate from 4 ns after each pulse.
    static func stationDigest(_ parameters: StationParameters, pulses: Int, periodPicoseconds: Int64 = 12_500,
                              gateWidthPicoseconds: Int64? = nil, seed: UInt64) throws -> UInt64 {
        var rng = Xoshiro256StarStar(seed: seed)
        var station = try StationModel(parameters: parameters, rng: &rng)
        var clicks = PulseClicks()
        var digest = Digest()
        for pulse in 0..<pulses {
            let pulseTime = Int64(pulse) * periodPicoseconds
            let gate = gateWidthPicoseconds.map {
                GateWindow(openPicoseconds: pulseTime + 4_000, closePicoseconds: pulseTime + 4_000 + $0)
            }
            station.simulatePeriod(pulseAtPicoseconds: pulseTime, periodEndPicoseconds: pulseTime + periodPicoseconds,
                                   analyzerA: settings[pulse % 4], analyzerB: settings[(pulse + 3) % 4], gate: gate,
                                   rng: &rng, into: &clicks)
            for click in clicks {
                digest.add(UInt64(click.channel.rawValue))
                digest.add(UInt64(bitPattern: click.timePicoseconds))
                digest.add(click.cause == .photon ? 0 : click.cause == .darkCount ? 1 : 2)
            }
        }
        digest.add(UInt64(clicks.overflowCount))
        digest.add(rng.next())
        return digest.value
    }

    /// Noisy detectors: heavy dark counts, afterpulses, short dead time, one without jitter.
    static func noisyDetectors(mode: DetectorMode, afterpulseDelayPicoseconds: Int64,
                               deadTimePicoseconds: Int64) -> [DetectorParameters] {
        (0..<4).map { index in
            DetectorParameters(efficiency: 0.7, darkCountRatePerSecond: 2e7, deadTimePicoseconds: deadTimePicoseconds,
                               jitterRMSPicoseconds: index == 3 ? 0 : 40, afterpulseProbability: 0.2,
                               afterpulseDelayPicoseconds: afterpulseDelayPicoseconds, mode: mode)
        }
    }

    @Test func defaultStationStreamIsUnchanged() throws {
        let digest = try Self.stationDigest(StationParameters(), pulses: 300_000, seed: 16)
        #expect(digest == 3129383644176507226)
    }

    @Test func brightStationWithReexcitationAndDecoherenceStreamIsUnchanged() throws {
        let source = SourceParameters(excitationProbability: 1, entangledFraction: 0.8, reexcitationProbability: 0.3,
                                      spinScatteringTimePicoseconds: 2_000, crossDephasingTimePicoseconds: 900)
        let parameters = StationParameters(source: source, armA: ArmParameters(efficiency: 0.9),
                                           armB: ArmParameters(efficiency: 0.8, arrivalDelayPicoseconds: 5_300))
        let digest = try Self.stationDigest(parameters, pulses: 100_000, seed: 17)
        #expect(digest == 5171016766016002584)
    }

    @Test func noisyFreeRunningStationStreamIsUnchanged() throws {
        // Afterpulses 1 ps after a click with no dead time: they fire inside the same period.
        let parameters = StationParameters(
            source: SourceParameters(reexcitationProbability: 0.1), armA: ArmParameters(efficiency: 0.6),
            armB: ArmParameters(efficiency: 0.6),
            detectors: Self.noisyDetectors(mode: .freeRunning, afterpulseDelayPicoseconds: 1, deadTimePicoseconds: 0))
        let digest = try Self.stationDigest(parameters, pulses: 100_000, seed: 18)
        #expect(digest == 9836684181193266690)
    }

    @Test func noisyGatedStationStreamIsUnchanged() throws {
        var detectors = Self.noisyDetectors(mode: .gated, afterpulseDelayPicoseconds: 20_000, deadTimePicoseconds: 15_000)
        detectors[1].mode = .freeRunning
        let parameters = StationParameters(source: SourceParameters(reexcitationProbability: 0.05),
                                           armA: ArmParameters(efficiency: 0.5), armB: ArmParameters(efficiency: 0.5),
                                           detectors: detectors)
        let gatedDigest = try Self.stationDigest(parameters, pulses: 100_000, gateWidthPicoseconds: 3_000, seed: 19)
        #expect(gatedDigest == 18013816272139420128)
        let ungatedDigest = try Self.stationDigest(parameters, pulses: 100_000, seed: 20)
        #expect(ungatedDigest == 4444772052424665136)
    }

    @Test func sourceEmissionStreamIsUnchanged() throws {
        let source = try EntangledPairSource(
            source: SourceParameters(reexcitationProbability: 0.2, spinScatteringTimePicoseconds: 5_000,
                                     crossDephasingTimePicoseconds: 3_000),
            armA: ArmParameters(efficiency: 0.7), armB: ArmParameters(efficiency: 0.4))
        var rng = Xoshiro256StarStar(seed: 21)
        var photons = PulsePhotons()
        var digest = Digest()
        for pulse in 0..<200_000 {
            source.emit(pulseAtPicoseconds: Int64(pulse) * 12_500, analyzerA: Self.settings[pulse % 4],
                        analyzerB: Self.settings[pulse / 4 % 4], rng: &rng, into: &photons)
            for photon in photons {
                digest.add(UInt64(photon.channel.rawValue))
                digest.add(UInt64(bitPattern: photon.timePicoseconds))
            }
        }
        digest.add(rng.next())
        #expect(digest.value == 15979054888721144976)
    }
}
