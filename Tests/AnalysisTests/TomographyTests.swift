import Vocabulary
import Analysis
import ComplexModule
import RealModule
import Testing

@Suite struct TomographyTests {
    static func knownStates() throws -> [(String, DensityMatrix)] {
        [("Φ+", DensityMatrix(bell: .phiPlus)), ("Ψ−", DensityMatrix(bell: .psiMinus)),
         ("H⊗D", try TestStates.productHD()), ("Werner p=0.7", try DensityMatrix.werner(visibility: 0.7)),
         ("phase 0.8 rad", try TestStates.phaseState(phase: 0.8))]
    }

    static func settingSets() -> [(String, [(PolarizationProjection, PolarizationProjection)])] {
        [("16", TomographySettings.standard16), ("36", TomographySettings.overcomplete36)]
    }

    @Test func noiselessCountsReconstructTheTruth() throws {
        for (name, truth) in try Self.knownStates() {
            for (setName, settings) in Self.settingSets() {
                let counts = TestStates.expectedCounts(truth, settings: settings, pairsPerSetting: 10_000)
                let measurements = try TomographySettings.measurements(settings: settings, counts: counts)
                let linear = try StateTomography.linearInversion(measurements)
                #expect(linear.maximumDifference(from: truth.matrix) < 1e-9, "linear inversion \(name), \(setName)")
                let mle = try StateTomography.maximumLikelihood(measurements)
                let fidelity = try mle.state.fidelity(to: truth)
                #expect(fidelity >= 0.999, "MLE \(name), \(setName): fidelity \(fidelity)")
                #expect(mle.converged, "MLE \(name), \(setName) after \(mle.iterations) iterations")
            }
        }
    }

    @Test func poissonNoisyCountsStayCloseAndPhysical() throws {
        for (index, (name, truth)) in try Self.knownStates().enumerated() {
            let settings = TomographySettings.standard16
            let expected = TestStates.expectedCounts(truth, settings: settings, pairsPerSetting: 1_000_000)
            let counts = try TestStates.noisyCounts(expected, seed: 100 + UInt64(index))
            let mle = try StateTomography.maximumLikelihood(try TomographySettings.measurements(settings: settings, counts: counts))
            try Self.expectPhysical(mle.state.matrix, name)
            // With 10⁶ pairs per setting the fidelity's spread is about 0.001 (linear inversion's
            // Poisson error for the 16-setting set); 0.995 is 5 standard errors below 1.
            let fidelity = try mle.state.fidelity(to: truth)
            #expect(fidelity >= 0.995, "\(name): \(fidelity) after \(mle.iterations) converged \(mle.converged) LI \(mle.linearInversion.expectation(ComplexVector4(tensorProductOf: PolarizationProjection.horizontalH.ket, PolarizationProjection.diagonalD.ket))) nll \(mle.negativeLogLikelihood)")
        }
    }

    static func expectPhysical(_ rho: ComplexMatrix4, _ name: String) throws {
        #expect(rho.isHermitian(tolerance: 1e-12), "\(name) Hermitian")
        #expect(abs(rho.trace.real - 1) < 1e-12 && abs(rho.trace.imaginary) < 1e-12, "\(name) trace")
        let values = try HermitianEigendecomposition(rho).eigenvalues
        #expect(values[0] >= -1e-12, "\(name) smallest eigenvalue \(values[0])")
    }

    @Test func maximumLikelihoodIsPhysicalWhereLinearInversionIsNot() throws {
        let measurements = try TomographySettings.measurements(settings: TomographySettings.standard16,
                                                               counts: UnphysicalCounts.counts)
        let linear = try StateTomography.linearInversion(measurements)
        #expect(try HermitianEigendecomposition(linear).eigenvalues[0] < -0.4)
        let mle = try StateTomography.maximumLikelihood(measurements)
        try Self.expectPhysical(mle.state.matrix, "unphysical counts")
        // Low-count pure-state data, where linear inversion often goes negative.
        var negativeSeen = 0
        for seed in UInt64(0)..<20 {
            let expected = TestStates.expectedCounts(DensityMatrix(bell: .phiPlus), settings: TomographySettings.standard16,
                                                     pairsPerSetting: 30)
            let counts = try TestStates.noisyCounts(expected, seed: seed)
            let m = try TomographySettings.measurements(settings: TomographySettings.standard16, counts: counts)
            if try HermitianEigendecomposition(try StateTomography.linearInversion(m)).eigenvalues[0] < 0 { negativeSeen += 1 }
            try Self.expectPhysical(try StateTomography.maximumLikelihood(m).state.matrix, "seed \(seed)")
        }
        #expect(negativeSeen > 10)
    }

    @Test func accidentalsAndEfficienciesAreCorrected() throws {
        // Counts = η_a η_b N P + accidentals; correcting both recovers the state exactly.
        let truth = try DensityMatrix.werner(visibility: 0.7)
        let settings = TomographySettings.standard16
        let exposures = settings.indices.map { 0.5 + 0.05 * Double($0) }
        let accidentals = settings.indices.map { 3.0 + Double($0 % 4) }
        let counts = settings.indices.map {
            exposures[$0] * 5_000 * truth.probability(settings[$0].0, settings[$0].1) + accidentals[$0]
        }
        let measurements = try TomographySettings.measurements(settings: settings, counts: counts,
                                                               accidentals: accidentals, relativeExposures: exposures)
        #expect(try StateTomography.linearInversion(measurements).maximumDifference(from: truth.matrix) < 1e-12)
        let mle = try StateTomography.maximumLikelihood(measurements)
        #expect(try mle.state.fidelity(to: truth) > 0.999_999)
        #expect(abs(mle.totalRate - 5_000) < 1e-3 * 5_000)
    }

    @Test func firmwareSettingCountsFeedTomography() throws {
        // 9 basis pairs × 4 outputs = the 36-setting set, with unequal detectors corrected.
        let truth = try TestStates.phaseState(phase: 0.3)
        let bases: [AnalyzerBasis] = [.horizontalVertical, .diagonalAntidiagonal, .rightLeft]
        let efficiency = PerChannel<Double>(0.9, 0.7, 0.8, 0.6)   // A+, A−, B+, B−
        var pairs: [(AnalyzerBasis, AnalyzerBasis, SettingCounts)] = []
        for a in bases {
            for b in bases {
                let ap = try a.plus(), am = try a.minus(), bp = try b.plus(), bm = try b.minus()
                func n(_ x: PolarizationProjection, _ y: PolarizationProjection, _ ex: Double, _ ey: Double) -> Int {
                    Int((1e6 * ex * ey * truth.probability(x, y)).rounded())
                }
                pairs.append((a, b, SettingCounts(triggerCycles: 1_000, coincidences: PerPair(
                    n(ap, bp, efficiency[.aPlus], efficiency[.bPlus]),
                    n(ap, bm, efficiency[.aPlus], efficiency[.bMinus]),
                    n(am, bp, efficiency[.aMinus], efficiency[.bPlus]),
                    n(am, bm, efficiency[.aMinus], efficiency[.bMinus])))))
            }
        }
        let measurements = try TomographySettings.measurements(basisPairs: pairs, detectorEfficiencies: efficiency)
        #expect(measurements.count == 36)
        let mle = try StateTomography.maximumLikelihood(measurements)
        #expect(try mle.state.fidelity(to: truth) > 0.9999)
    }

    @Test func badInputGivesDescriptiveErrors() throws {
        let settings = TomographySettings.standard16
        var counts = [Double](repeating: 10, count: 16)
        #expect(throws: AnalysisError.mismatchedSettings(detail: "16 settings but 15 counts")) {
            try TomographySettings.measurements(settings: settings, counts: Array(counts.dropLast()))
        }
        counts[3] = -1
        #expect(throws: AnalysisError.negativeCount(location: "measurement 3 (HR) counts", value: -1)) {
            try TomographySettings.measurements(settings: settings, counts: counts)
        }
        counts[3] = .nan
        let error = #expect(throws: AnalysisError.self) { try TomographySettings.measurements(settings: settings, counts: counts) }
        #expect(error?.description.contains("measurement 3 (HR)") == true)
        #expect(throws: AnalysisError.self) { try TomographySettings.measurements(settings: [], counts: []) }
        // Only H/V settings: the state is not determined.
        let hv = settings.filter { $0.0.name != "D" && $0.0.name != "R" && $0.1.name != "D" && $0.1.name != "R" }
        let incomplete = try TomographySettings.measurements(settings: hv, counts: [Double](repeating: 5, count: hv.count))
        #expect(throws: AnalysisError.self) { try StateTomography.maximumLikelihood(incomplete) }
        // All zero counts.
        let zeros = try TomographySettings.measurements(settings: settings, counts: [Double](repeating: 0, count: 16))
        #expect(throws: AnalysisError.self) { try StateTomography.linearInversion(zeros) }
    }
}

@Suite struct StateCertificateTests {
    @Test func monteCarloErrorBarsCoverTheTruthAndAreReproducible() throws {
        let truth = try DensityMatrix.werner(visibility: 0.7)
        let settings = TomographySettings.standard16
        let counts = try TestStates.noisyCounts(TestStates.expectedCounts(truth, settings: settings, pairsPerSetting: 4_000), seed: 8)
        let measurements = try TomographySettings.measurements(settings: settings, counts: counts)
        let certificate = try StateTomography.certify(measurements, samples: 40, seed: 1)
        // Closed forms for p = 0.7 within 4 Monte Carlo standard errors.
        #expect(abs(certificate.fidelity(to: .phiPlus).value - 0.775) < 4 * certificate.fidelity(to: .phiPlus).standardError)
        #expect(abs(certificate.concurrence.value - 0.55) < 4 * certificate.concurrence.standardError)
        #expect(abs(certificate.maximalCHSH.value - 2 * 2.0.squareRoot() * 0.7) < 4 * certificate.maximalCHSH.standardError)
        #expect(certificate.concurrence.standardError > 0.001 && certificate.concurrence.standardError < 0.05)
        #expect(certificate.mostLikelyBellState == .phiPlus)
        // The held-out largest S (not biased high, HeldOutCHSHTests) within 4 of its error too.
        let heldOut = try #require(certificate.heldOutMaximalCHSH)
        #expect(abs(heldOut.value - 2 * 2.0.squareRoot() * 0.7) < 4 * heldOut.standardError)
        let again = try StateTomography.certify(measurements, samples: 40, seed: 1)
        #expect(again.concurrence == certificate.concurrence && again.heldOutMaximalCHSH == heldOut)
        #expect(throws: AnalysisError.self) { try StateTomography.certify(measurements, samples: 1, seed: 1) }
    }

    @Test func intervalsStayInsideTheRangeAtItsEdges() throws {
        // |H>⊗|D> is separable and pure: concurrence 0 and purity 1 are edges of their ranges. The
        // intervals (value ± σ clipped to the range) reach the edge the value sits at and hold the
        // value and the truth, where value ± σ alone points past the edge.
        let truth = try TestStates.productHD()
        let settings = TomographySettings.standard16
        let counts = try TestStates.noisyCounts(TestStates.expectedCounts(truth, settings: settings, pairsPerSetting: 2_000), seed: 4)
        let certificate = try StateTomography.certify(try TomographySettings.measurements(settings: settings, counts: counts),
                                                      samples: 40, seed: 2)
        let c = certificate.concurrence, concurrence = try #require(c.interval)
        #expect(c.value - c.standardError < 0 && concurrence.lower == 0)
        #expect(abs(concurrence.upper - (c.value + c.standardError)) < 1e-15)
        let p = certificate.purity, purity = try #require(p.interval)
        #expect(p.value + p.standardError > 1 && purity.upper == 1)
        #expect(abs(purity.lower - (p.value - p.standardError)) < 1e-15)
    }
}
