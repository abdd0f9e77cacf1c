import KeyDistillation
import Physics
import Vocabulary

/// Worlds and conversions the link tests share.
enum LinkWorldFixtures {
    /// The gate both nodes count in: 5 ns from the photon's earliest arrival, so a cascade of
    /// τ_XX + τ_X ≈ 0.37 ns falls outside it with probability below e^{−13}.
    static let gateWidthPicoseconds: Int64 = 5_000

    /// Gated cycles for both nodes such that Bob's cycle k holds the photon of Alice's pulse k on
    /// ideal clocks: Alice's gate opens at her arm's delay after her trigger, Bob's cycles start
    /// the fixed delay (his arm + the fibre) later than hers.
    static func alignedCycles(cyclePeriodPicoseconds: Int64, aliceArm: ArmParameters, bobArm: ArmParameters,
                              fibre: FibreLink) throws -> (alice: NodeCycleTiming, bob: NodeCycleTiming) {
        let alice = try NodeCycleTiming(
            cyclePeriodPicoseconds: cyclePeriodPicoseconds,
            gate: GateWindow(openPicoseconds: aliceArm.arrivalDelayPicoseconds,
                             closePicoseconds: aliceArm.arrivalDelayPicoseconds + gateWidthPicoseconds))
        let bob = try NodeCycleTiming(
            firstCyclePicoseconds: bobArm.arrivalDelayPicoseconds + fibre.delayPicoseconds,
            cyclePeriodPicoseconds: cyclePeriodPicoseconds,
            gate: GateWindow(openPicoseconds: 0, closePicoseconds: gateWidthPicoseconds))
        return (alice, bob)
    }

    /// A world on ideal clocks with aligned cycles (see ``alignedCycles``).
    static func world(source: SourceParameters, aliceEfficiency: Double, bobEfficiency: Double,
                      fibre: FibreLink, cyclePeriodPicoseconds: Int64 = 12_500,
                      eavesdropper: InterceptResendEavesdropper = .absent, seed: UInt64) throws -> LinkWorld {
        let aliceArm = ArmParameters(efficiency: aliceEfficiency), bobArm = ArmParameters(efficiency: bobEfficiency)
        let cycles = try alignedCycles(cyclePeriodPicoseconds: cyclePeriodPicoseconds, aliceArm: aliceArm,
                                       bobArm: bobArm, fibre: fibre)
        return try LinkWorld(parameters: LinkWorldParameters(
            source: source, aliceArm: aliceArm, bobArm: bobArm, fibre: fibre,
            aliceCycles: cycles.alice, bobCycles: cycles.bob, eavesdropper: eavesdropper, seed: seed))
    }

    /// Both nodes' boards in `world` (basis seeds 5 and 6, detector seeds 7 and 8).
    static func boards(in world: LinkWorld, darkCountRatePerSecond: Double) throws -> (alice: LinkNodeBoard, bob: LinkNodeBoard) {
        let settings = LinkNodeSettings(alice: LinkBasisDraws(seed: 5), bob: LinkBasisDraws(seed: 6))
        return (try LinkNodeBoard(world: world, node: .alice, settings: settings,
                                  darkCountRatePerSecond: darkCountRatePerSecond, detectorSeed: 7),
                try LinkNodeBoard(world: world, node: .bob, settings: settings,
                                  darkCountRatePerSecond: darkCountRatePerSecond, detectorSeed: 8))
    }

    /// Every sifted pair of two nodes' detections (same cycle, same basis), counted per basis with
    /// the pairs whose outputs differ.
    static func siftedPairs(alice: [LinkDetection], bob: [LinkDetection]) -> [AnalyzerBasis: (bits: Int, errors: Int)] {
        var sifted: [AnalyzerBasis: (bits: Int, errors: Int)] = [:]
        var bobIndex = bob.startIndex
        for detection in alice {
            while bobIndex < bob.endIndex && bob[bobIndex].cycle < detection.cycle { bobIndex += 1 }
            guard bobIndex < bob.endIndex, bob[bobIndex].cycle == detection.cycle,
                  bob[bobIndex].analyzer == detection.analyzer else { continue }
            sifted[detection.analyzer, default: (0, 0)].bits += 1
            if bob[bobIndex].output != detection.output { sifted[detection.analyzer, default: (0, 0)].errors += 1 }
        }
        return sifted
    }

    /// The sifted QBER of a block against per-basis expectations: measured, expected (weighted by
    /// the bits each basis sifted) and σ from the binomial of those bits.
    static func qber(alice: [LinkDetection], bob: [LinkDetection], expected: (AnalyzerBasis) -> Double)
        -> (measured: Double, expected: Double, standardError: Double, siftedBits: Int) {
        let sifted = siftedPairs(alice: alice, bob: bob)
        var expectedErrors = 0.0, variance = 0.0, bits = 0, errors = 0
        for basis in [AnalyzerBasis.horizontalVertical, .diagonalAntidiagonal] {
            let rate = expected(basis), count = sifted[basis]?.bits ?? 0
            expectedErrors += Double(count) * rate
            variance += Double(count) * rate * (1 - rate)
            bits += count
            errors += sifted[basis]?.errors ?? 0
        }
        let total = Double(Swift.max(bits, 1))
        return (Double(errors) / total, expectedErrors / total, variance.squareRoot() / total, bits)
    }
}

extension KeyDetection {
    /// The detection as distillation takes it: the node's cycle as the index (aligned cycles), H/V or
    /// D/A, and bit 1 for the − output (V or A), bit 0 for + (H or D), as ``KeyBasis`` spells them.
    /// With the source's |Φ+⟩ both nodes then hold equal bits in matching bases.
    init(_ detection: LinkDetection) throws {
        guard detection.cycle >= 0 else { throw LinkFixtureError.negativeCycle(detection.cycle) }
        let basis: KeyBasis
        switch detection.analyzer {
        case .horizontalVertical: basis = .rectilinear
        case .diagonalAntidiagonal: basis = .diagonal
        default: throw LinkFixtureError.notAKeyBasis(detection.analyzer.name, cycle: detection.cycle)
        }
        self.init(index: UInt64(detection.cycle), basis: basis, bit: detection.output == .minus)
    }
}

/// A detection a key cannot use.
enum LinkFixtureError: Error, CustomStringConvertible {
    /// The analyzer was in a basis other than H/V or D/A.
    case notAKeyBasis(String, cycle: Int64)
    /// The cycle is negative: it has no index in a block.
    case negativeCycle(Int64)

    var description: String {
        switch self {
        case let .notAKeyBasis(name, cycle): "cycle \(cycle): analyzer basis \(name) is not a BBM92 key basis (HV or DA)"
        case let .negativeCycle(cycle): "cycle \(cycle) is negative: a block indexes cycles from 0"
        }
    }
}
