import RealModule
import Physics
import SeededRandom
import Testing

/// The fibre's loss and delay, the node clocks' exact conversions and the cycle timing, against
/// their closed forms.
@Suite struct LinkFibreAndClockTests {
    @Test(arguments: [(350.0, 3.5, 0.0), (50_000.0, 0.2, 1.0), (0.0, 3.5, 3.0)])
    func fibreTransmissionFollowsTheDecibelBudget(lengthMetres: Double, attenuation: Double, extraLoss: Double) throws {
        let fibre = try FibreLink(lengthMetres: lengthMetres, attenuationDecibelsPerKilometre: attenuation,
                                  extraLossDecibels: extraLoss)
        // T = 10^(−(αL + extra)/10) = e^{−(αL + extra)·ln 10/10}, evaluated independently through exp and log.
        let lossDecibels = attenuation * lengthMetres / 1000 + extraLoss
        #expect(abs(fibre.lossDecibels - lossDecibels) < 1e-12)
        #expect(abs(fibre.transmission - Double.exp(-lossDecibels * Double.log(10) / 10)) < 1e-14)
    }

    @Test func fibreDelayIsLengthTimesGroupIndexOverC() throws {
        // 1 m at n_g = 1.468: 1.468 / 299 792 458 m/s = 4.896 6... ns → 4 897 ps; 10 km at 1.4682.
        #expect(try FibreLink(lengthMetres: 1).delayPicoseconds == 4_897)
        let long = try FibreLink(lengthMetres: 10_000, groupIndex: 1.4682)
        let expected = (10_000 * 1.4682 / 299_792_458 * 1e12).rounded()
        #expect(long.delayPicoseconds == Int64(expected))
        #expect(try FibreLink(lengthMetres: 0).delayPicoseconds == 0)
    }

    @Test func badFibreValuesAreAllNamed() {
        #expect {
            try FibreLink(lengthMetres: -1, attenuationDecibelsPerKilometre: .nan, groupIndex: 0.5, extraLossDecibels: -2,
                          polarizationErrorProbability: 0.6)
        } throws: { error in
            let fields = (error as? StationDataError)?.problems.map(\.field) ?? []
            return fields == ["length-m", "attenuation-db-per-km", "group-index", "extra-loss-db", "polarization-error"]
        }
        for bad in [-0.01, 0.500_001, .nan, .infinity] {
            #expect {
                try FibreLink(lengthMetres: 1, polarizationErrorProbability: bad)
            } throws: { error in
                (error as? StationDataError)?.problems.map(\.field) == ["polarization-error"]
            }
        }
    }

    @Test func polarizationErrorMixesTheQBERAndItsFitInvertsIt() throws {
        // Q = Q₀(1 − e) + (1 − Q₀)e: Q₀ = 1 %, e = 5 % → 0.0095 + 0.0495 = 5.9 %; e = ½ scrambles
        // any Q₀ to ½; e = 0 leaves it. The fit e = (Q − Q₀)/(1 − 2Q₀) gives 5 % back.
        let fibre = try FibreLink(lengthMetres: 350, polarizationErrorProbability: 0.05)
        #expect(abs(fibre.expectedQuantumBitErrorRate(intrinsic: 0.01) - 0.059) < 1e-15)
        #expect(abs(try FibreLink(lengthMetres: 1, polarizationErrorProbability: 0.5).expectedQuantumBitErrorRate(intrinsic: 0.2) - 0.5) < 1e-15)
        #expect(try FibreLink(lengthMetres: 1).expectedQuantumBitErrorRate(intrinsic: 0.03) == 0.03)
        #expect(abs(FibreLink.polarizationErrorProbability(measuredQBER: 0.059, intrinsicQBER: 0.01) - 0.05) < 1e-15)
    }

    @Test func driftOverADayIsExactInPicoseconds() throws {
        // 24 h = 8.64·10¹⁶ ps; +20 ppm gains 1.728·10¹² ps, −37.5 ppm loses 3.24·10¹² ps, exactly.
        let day: Int64 = 86_400_000_000_000_000
        let fast = try NodeClock(offsetPicoseconds: 5_000_000, driftPartsPerMillion: 20)
        #expect(fast.localPicoseconds(atTrue: day) == 5_000_000 + day + 1_728_000_000_000)
        #expect(fast.truePicoseconds(atLocal: 5_000_000 + day + 1_728_000_000_000) == day)
        let slow = try NodeClock(offsetPicoseconds: -7, driftPartsPerMillion: -37.5)
        #expect(slow.localPicoseconds(atTrue: day) == -7 + day - 3_240_000_000_000)
        // The largest drift over 50 days (4.3·10¹⁸ ps) stays inside Int64 and does not trap.
        let extreme = try NodeClock(offsetPicoseconds: NodeClock.largestOffsetPicoseconds, driftPartsPerMillion: 1000)
        let fiftyDays = 50 * day
        #expect(extreme.localPicoseconds(atTrue: fiftyDays) == NodeClock.largestOffsetPicoseconds + fiftyDays + fiftyDays / 1000)
        #expect(extreme.localPicoseconds(atTrue: .max) == .max)  // saturates rather than traps
    }

    @Test(arguments: [0.0, 0.5, 12.345678, 1000, -0.5, -12.345678, -1000])
    func conversionsRoundTripExactly(driftPartsPerMillion: Double) throws {
        let clock = try NodeClock(offsetPicoseconds: 123_456_789, driftPartsPerMillion: driftPartsPerMillion)
        var rng = Xoshiro256StarStar(seed: 41)
        for _ in 0..<5_000 {
            let time = Int64(bitPattern: rng.next()) >> 8  // ±3.6·10¹⁶ ps, about ±10 h
            if driftPartsPerMillion >= 0 {
                #expect(clock.truePicoseconds(atLocal: clock.localPicoseconds(atTrue: time)) == time)
            }
            if driftPartsPerMillion <= 0 {
                #expect(clock.localPicoseconds(atTrue: clock.truePicoseconds(atLocal: time)) == time)
            }
            // Monotone, and the earliest true time: one picosecond earlier reads less.
            let earliest = clock.truePicoseconds(atLocal: time)
            #expect(clock.localPicoseconds(atTrue: earliest) >= time)
            #expect(clock.localPicoseconds(atTrue: earliest - 1) < time)
        }
    }

    @Test func badClockValuesAreAllNamed() {
        #expect {
            try NodeClock(offsetPicoseconds: 2 * NodeClock.largestOffsetPicoseconds, driftPartsPerMillion: .infinity)
        } throws: { error in
            (error as? StationDataError)?.problems.map(\.field) == ["offset-ps", "drift-ppm"]
        }
        #expect(throws: StationDataError.self) { try NodeClock(offsetPicoseconds: 0, driftPartsPerMillion: 1000.5) }
    }

    @Test func cyclesAndGatesOnTheLocalClock() throws {
        let timing = try NodeCycleTiming(firstCyclePicoseconds: 1_000, cyclePeriodPicoseconds: 10_000,
                                         gate: GateWindow(openPicoseconds: 2_000, closePicoseconds: 3_000))
        #expect(timing.startPicoseconds(ofCycle: 7) == 71_000)
        #expect(timing.cycle(containingLocal: 71_000) == 7)
        #expect(timing.cycle(containingLocal: 80_999) == 7)
        #expect(timing.cycle(containingLocal: 81_000) == 8)
        #expect(timing.cycle(containingLocal: 999) == -1)  // floor, not truncation
        #expect(timing.isCounted(atLocal: 73_000) && timing.isCounted(atLocal: 73_999))
        #expect(!timing.isCounted(atLocal: 72_999) && !timing.isCounted(atLocal: 74_000))
        #expect(timing.startPicoseconds(ofCycle: .max) == .max)
        #expect {
            try NodeCycleTiming(cyclePeriodPicoseconds: 10, gate: GateWindow(openPicoseconds: 5, closePicoseconds: 50))
        } throws: { error in
            (error as? StationDataError)?.problems.map(\.field) == ["cycle-period-ps", "gate"]
        }
    }
}
