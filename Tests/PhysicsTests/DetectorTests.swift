import Physics
import SeededRandom
import Testing

/// The detector state machine: dead-time saturation, gating, afterpulses, jitter.
@Suite struct DetectorTests {
    @Test(arguments: [1e6, 1e7, 5e7])
    func deadTimeSaturatesAsNonParalyzable(incidentRatePerSecond: Double) throws {
        // m = n/(1 + n·τ_dead). The counted clicks form a renewal process with intervals
        // τ + Exp(1/n): mean μ = τ + 1/n, variance σ² = 1/n², so the count in T has standard
        // error √(T σ²/μ³) (Cox, Renewal Theory, 1962, ch. 6); required within 4 of those.
        let deadTimePicoseconds: Int64 = 20_000
        let parameters = DetectorParameters(efficiency: 1, darkCountRatePerSecond: incidentRatePerSecond,
                                            deadTimePicoseconds: deadTimePicoseconds, jitterRMSPicoseconds: 0)
        var detector = try SinglePhotonDetector(parameters: parameters)
        var rng = Xoshiro256StarStar(seed: UInt64(incidentRatePerSecond))
        let deadTimeSeconds = Double(deadTimePicoseconds) * 1e-12
        let expectedRate = incidentRatePerSecond / (1 + incidentRatePerSecond * deadTimeSeconds)
        let seconds = 200_000 / expectedRate
        let durationPicoseconds = Int64(seconds * 1e12)
        // Half the input as dark counts, half as photons: both must respect the same dead time.
        var clicks = 0
        var time: Int64 = 0
        var isPhoton = false
        while true {
            time += detector.nextDarkCountDelayPicoseconds(rng: &rng)
            guard time < durationPicoseconds else { break }
            let click = isPhoton
                ? detector.photonArrives(atPicoseconds: time, gateOpen: true, rng: &rng)
                : detector.darkCountOccurs(atPicoseconds: time, gateOpen: true, rng: &rng)
            if click != nil { clicks += 1 }
            isPhoton.toggle()
        }
        let meanInterval = deadTimeSeconds + 1 / incidentRatePerSecond
        let intervalVariance = 1 / (incidentRatePerSecond * incidentRatePerSecond)
        let standardError = (seconds * intervalVariance / (meanInterval * meanInterval * meanInterval)).squareRoot()
        let expectedClicks = expectedRate * seconds
        #expect(abs(Double(clicks) - expectedClicks) < 4 * standardError,
                "\(clicks) clicks, expected \(expectedClicks) ± \(standardError)")
    }

    @Test func gatedDetectorClicksOnlyInsideGatesAndFreeRunningIgnoresThem() throws {
        // Gates of 10 ns every 100 ns; dark counts at 10⁷ /s and a photon every 37 ns.
        func run(_ mode: DetectorMode) throws -> (inside: Int, outside: Int) {
            let parameters = DetectorParameters(efficiency: 1, darkCountRatePerSecond: 1e7, deadTimePicoseconds: 1_000,
                                                jitterRMSPicoseconds: 0, mode: mode)
            var detector = try SinglePhotonDetector(parameters: parameters)
            var rng = Xoshiro256StarStar(seed: 5)
            func gateOpen(_ time: Int64) -> Bool { time % 100_000 < 10_000 }
            var inside = 0, outside = 0
            var darkTime = detector.nextDarkCountDelayPicoseconds(rng: &rng)
            var photonTime: Int64 = 0
            while min(darkTime, photonTime) < 1_000_000_000 {
                let click: Int64?
                if photonTime <= darkTime {
                    click = detector.photonArrives(atPicoseconds: photonTime, gateOpen: gateOpen(photonTime), rng: &rng)
                    photonTime += 37_000
                } else {
                    click = detector.darkCountOccurs(atPicoseconds: darkTime, gateOpen: gateOpen(darkTime), rng: &rng)
                    darkTime += detector.nextDarkCountDelayPicoseconds(rng: &rng)
                }
                if let click { if gateOpen(click) { inside += 1 } else { outside += 1 } }
            }
            return (inside, outside)
        }
        let gated = try run(.gated)
        #expect(gated.outside == 0 && gated.inside > 0)
        let freeRunning = try run(.freeRunning)
        #expect(freeRunning.outside > 5 * freeRunning.inside, "free-running counts mostly outside the 10 % duty gates")
    }

    @Test func afterpulsesFollowClicksAtTheirDelayWithTheirProbability() throws {
        // Each click arms an afterpulse with probability p, and afterpulses click too, so the
        // afterpulses per photon click are geometric: mean p/(1 − p), variance p/(1 − p)².
        let probability = 0.2
        let parameters = DetectorParameters(efficiency: 1, darkCountRatePerSecond: 0, deadTimePicoseconds: 20_000,
                                            jitterRMSPicoseconds: 0, afterpulseProbability: probability,
                                            afterpulseDelayPicoseconds: 50_000)
        var detector = try SinglePhotonDetector(parameters: parameters)
        var rng = Xoshiro256StarStar(seed: 6)
        let photons = 50_000
        var afterpulses = 0
        for photon in 0..<photons {
            let arrival = Int64(photon) * 10_000_000
            guard let click = detector.photonArrives(atPicoseconds: arrival, gateOpen: true, rng: &rng) else {
                Issue.record("a live detector of efficiency 1 missed a photon")
                return
            }
            var previous = click
            while let pending = detector.pendingAfterpulsePicoseconds {
                #expect(pending == previous + 50_000)
                guard let afterpulse = detector.afterpulseFires(gateOpen: true, rng: &rng) else { break }
                afterpulses += 1
                previous = afterpulse
            }
        }
        let mean = probability / (1 - probability)
        let standardError = (probability / ((1 - probability) * (1 - probability)) / Double(photons)).squareRoot()
        let measured = Double(afterpulses) / Double(photons)
        #expect(abs(measured - mean) < 4 * standardError, "\(measured) afterpulses per click, expected \(mean)")
    }

    @Test func jitterIsGaussianWithTheStatedRMS() throws {
        // Sample RMS of N normal values has standard error ≈ σ/√(2N).
        let parameters = DetectorParameters(efficiency: 1, darkCountRatePerSecond: 0, deadTimePicoseconds: 0,
                                            jitterRMSPicoseconds: 40)
        var detector = try SinglePhotonDetector(parameters: parameters)
        var rng = Xoshiro256StarStar(seed: 8)
        let count = 100_000
        var sum = 0.0, sumOfSquares = 0.0
        for index in 0..<count {
            let arrival = Int64(index) * 1_000_000
            guard let click = detector.photonArrives(atPicoseconds: arrival, gateOpen: true, rng: &rng) else { continue }
            let offset = Double(click - arrival)
            sum += offset
            sumOfSquares += offset * offset
        }
        let mean = sum / Double(count)
        let rms = (sumOfSquares / Double(count) - mean * mean).squareRoot()
        #expect(abs(mean) < 4 * 40 / Double(count).squareRoot())
        #expect(abs(rms - 40) < 4 * 40 / (2 * Double(count)).squareRoot(), "RMS \(rms) ps")
    }

    @Test func missesPhotonsWithOneMinusItsEfficiency() throws {
        var detector = try SinglePhotonDetector(parameters: DetectorParameters(efficiency: 0.85, darkCountRatePerSecond: 0))
        var rng = Xoshiro256StarStar(seed: 9)
        let count = 100_000
        var clicks = 0
        for index in 0..<count where detector.photonArrives(atPicoseconds: Int64(index) * 1_000_000, gateOpen: true,
                                                             rng: &rng) != nil {
            clicks += 1
        }
        #expect(abs(Double(clicks) / Double(count) - 0.85) < 4 * (0.85 * 0.15 / Double(count)).squareRoot())
    }
}
